from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.question_type import QuestionType
from ..models.survey_metric import SurveyMetric
from ..types import UNSET, Unset

T = TypeVar("T", bound="QuestionSpec")


@_attrs_define
class QuestionSpec:
    """One typed question of a survey template.

    `options` is filled with DEFAULT_CSAT_LABELS for a csat question given none, and
    `max_length` with DEFAULT_TEXT_MAX_LENGTH for a text question given none.

        Attributes:
            key (str):
            type_ (QuestionType):
            prompt (str):
            required (bool | Unset):  Default: False.
            options (list[str] | None | Unset):
            max_length (int | None | Unset):
            counts_as (None | SurveyMetric | Unset):
    """

    key: str
    type_: QuestionType
    prompt: str
    required: bool | Unset = False
    options: list[str] | None | Unset = UNSET
    max_length: int | None | Unset = UNSET
    counts_as: None | SurveyMetric | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        type_ = self.type_.value

        prompt = self.prompt

        required = self.required

        options: list[str] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        max_length: int | None | Unset
        if isinstance(self.max_length, Unset):
            max_length = UNSET
        else:
            max_length = self.max_length

        counts_as: None | str | Unset
        if isinstance(self.counts_as, Unset):
            counts_as = UNSET
        elif isinstance(self.counts_as, SurveyMetric):
            counts_as = self.counts_as.value
        else:
            counts_as = self.counts_as

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
                "type": type_,
                "prompt": prompt,
            }
        )
        if required is not UNSET:
            field_dict["required"] = required
        if options is not UNSET:
            field_dict["options"] = options
        if max_length is not UNSET:
            field_dict["max_length"] = max_length
        if counts_as is not UNSET:
            field_dict["counts_as"] = counts_as

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        type_ = QuestionType(d.pop("type"))

        prompt = d.pop("prompt")

        required = d.pop("required", UNSET)

        def _parse_options(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = cast(list[str], data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        def _parse_max_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_length = _parse_max_length(d.pop("max_length", UNSET))

        def _parse_counts_as(data: object) -> None | SurveyMetric | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                counts_as_type_0 = SurveyMetric(data)

                return counts_as_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SurveyMetric | Unset, data)

        counts_as = _parse_counts_as(d.pop("counts_as", UNSET))

        question_spec = cls(
            key=key,
            type_=type_,
            prompt=prompt,
            required=required,
            options=options,
            max_length=max_length,
            counts_as=counts_as,
        )

        return question_spec
