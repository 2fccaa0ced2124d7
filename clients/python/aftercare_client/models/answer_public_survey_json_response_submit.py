from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.answer_public_survey_json_response_submit_answers import (
        AnswerPublicSurveyJsonResponseSubmitAnswers,
    )


T = TypeVar("T", bound="AnswerPublicSurveyJsonResponseSubmit")


@_attrs_define
class AnswerPublicSurveyJsonResponseSubmit:
    """
    Attributes:
        answers (AnswerPublicSurveyJsonResponseSubmitAnswers): question key -> answer: an integer or an option label for
            scale questions, true/false for yes_no, a string for text
    """

    answers: AnswerPublicSurveyJsonResponseSubmitAnswers

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
        from ..models.answer_public_survey_json_response_submit_answers import (
            AnswerPublicSurveyJsonResponseSubmitAnswers,  # noqa: PLC0415
        )

        d = dict(src_dict)
        answers = AnswerPublicSurveyJsonResponseSubmitAnswers.from_dict(
            d.pop("answers")
        )

        answer_public_survey_json_response_submit = cls(
            answers=answers,
        )

        return answer_public_survey_json_response_submit
