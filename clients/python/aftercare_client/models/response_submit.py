from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.response_submit_answers import ResponseSubmitAnswers


T = TypeVar("T", bound="ResponseSubmit")


@_attrs_define
class ResponseSubmit:
    """
    Attributes:
        answers (ResponseSubmitAnswers): question key -> answer: an integer or an option label for scale questions,
            true/false for yes_no, a string for text
    """

    answers: ResponseSubmitAnswers

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.response_submit_answers import ResponseSubmitAnswers  # noqa: PLC0415

        d = dict(src_dict)
        answers = ResponseSubmitAnswers.from_dict(d.pop("answers"))

        response_submit = cls(
            answers=answers,
        )

        return response_submit
