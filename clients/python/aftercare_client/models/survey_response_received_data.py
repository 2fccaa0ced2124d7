from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.response_out import ResponseOut


T = TypeVar("T", bound="SurveyResponseReceivedData")


@_attrs_define
class SurveyResponseReceivedData:
    """A customer answered a survey.

    Attributes:
        response (ResponseOut):
        low_score (bool): true when a low score was followed up as feedback
        feedback_id (None | UUID): the follow-up feedback, if any
    """

    response: ResponseOut
    low_score: bool
    feedback_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        response = self.response.to_dict()

        low_score = self.low_score

        feedback_id: None | str
        if isinstance(self.feedback_id, UUID):
            feedback_id = str(self.feedback_id)
        else:
            feedback_id = self.feedback_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "response": response,
                "low_score": low_score,
                "feedback_id": feedback_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.response_out import ResponseOut  # noqa: PLC0415

        d = dict(src_dict)
        response = ResponseOut.from_dict(d.pop("response"))

        low_score = d.pop("low_score")

        def _parse_feedback_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                feedback_id_type_0 = UUID(data)

                return feedback_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        feedback_id = _parse_feedback_id(d.pop("feedback_id"))

        survey_response_received_data = cls(
            response=response,
            low_score=low_score,
            feedback_id=feedback_id,
        )

        survey_response_received_data.additional_properties = d
        return survey_response_received_data

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
