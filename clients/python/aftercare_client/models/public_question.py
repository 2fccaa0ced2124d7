from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.question_type import QuestionType

T = TypeVar("T", bound="PublicQuestion")


@_attrs_define
class PublicQuestion:
    """
    Attributes:
        key (str):
        type_ (QuestionType):
        prompt (str):
        required (bool):
        options (list[str] | None): labels, most positive first
        min_value (int | None): lowest numeric answer (scale questions)
        max_value (int | None): highest numeric answer (scale questions)
        max_length (int | None): longest text answer (text questions)
    """

    key: str
    type_: QuestionType
    prompt: str
    required: bool
    options: list[str] | None
    min_value: int | None
    max_value: int | None
    max_length: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        type_ = self.type_.value

        prompt = self.prompt

        required = self.required

        options: list[str] | None
        if isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        min_value: int | None
        min_value = self.min_value

        max_value: int | None
        max_value = self.max_value

        max_length: int | None
        max_length = self.max_length

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "type": type_,
                "prompt": prompt,
                "required": required,
                "options": options,
                "min_value": min_value,
                "max_value": max_value,
                "max_length": max_length,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        type_ = QuestionType(d.pop("type"))

        prompt = d.pop("prompt")

        required = d.pop("required")

        def _parse_options(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = cast(list[str], data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        options = _parse_options(d.pop("options"))

        def _parse_min_value(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        min_value = _parse_min_value(d.pop("min_value"))

        def _parse_max_value(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_value = _parse_max_value(d.pop("max_value"))

        def _parse_max_length(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_length = _parse_max_length(d.pop("max_length"))

        public_question = cls(
            key=key,
            type_=type_,
            prompt=prompt,
            required=required,
            options=options,
            min_value=min_value,
            max_value=max_value,
            max_length=max_length,
        )

        public_question.additional_properties = d
        return public_question

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
