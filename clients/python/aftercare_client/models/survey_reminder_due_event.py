from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.survey_reminder_due_data import SurveyReminderDueData


T = TypeVar("T", bound="SurveyReminderDueEvent")


@_attrs_define
class SurveyReminderDueEvent:
    """An invitation is still unanswered SURVEY_REMINDER_AFTER_DAYS after it was made (recorded once, never after an answer
    or expiry): the shop's mailer sends the reminder. `public_url` is a link of its own (the first link's token is not
    stored); both answer the survey.

        Attributes:
            id (UUID): the event's id; webhooks send it as webhook-id
            type_ (Literal['survey.reminder_due']):
            created_at (datetime.datetime):
            data (SurveyReminderDueData): An invitation is still unanswered SURVEY_REMINDER_AFTER_DAYS after it was made
                (recorded
                once, never after an answer or expiry): the shop's mailer sends the reminder. `public_url`
                is a link of its own (the first link's token is not stored); both answer the survey.
    """

    id: UUID
    type_: Literal["survey.reminder_due"]
    created_at: datetime.datetime
    data: SurveyReminderDueData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_reminder_due_data import SurveyReminderDueData  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = cast(Literal["survey.reminder_due"], d.pop("type"))
        if type_ != "survey.reminder_due":
            raise ValueError(
                f"type must match const 'survey.reminder_due', got '{type_}'"
            )

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = SurveyReminderDueData.from_dict(d.pop("data"))

        survey_reminder_due_event = cls(
            id=id,
            type_=type_,
            created_at=created_at,
            data=data,
        )

        survey_reminder_due_event.additional_properties = d
        return survey_reminder_due_event

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
