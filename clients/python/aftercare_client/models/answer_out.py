from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AnswerOut")


@_attrs_define
class AnswerOut:
    """
    Attributes:
        question_key (str):
        question_type (str):
        counts_as (None | str):
        value (int | None):
        label (None | str):
        text (None | str):
    """

    question_key: str
    question_type: str
    counts_as: None | str
    value: int | None
    label: None | str
    text: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        question_key = self.question_key

        question_type = self.question_type

        counts_as: None | str
        counts_as = self.counts_as

        value: int | None
        value = self.value

        label: None | str
        label = self.label

        text: None | str
        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "question_key": question_key,
                "question_type": question_type,
                "counts_as": counts_as,
                "value": value,
                "label": label,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        question_key = d.pop("question_key")

        question_type = d.pop("question_type")

        def _parse_counts_as(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        counts_as = _parse_counts_as(d.pop("counts_as"))

        def _parse_value(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        value = _parse_value(d.pop("value"))

        def _parse_label(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        label = _parse_label(d.pop("label"))

        def _parse_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        text = _parse_text(d.pop("text"))

        answer_out = cls(
            question_key=question_key,
            question_type=question_type,
            counts_as=counts_as,
            value=value,
            label=label,
            text=text,
        )

        answer_out.additional_properties = d
        return answer_out

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
