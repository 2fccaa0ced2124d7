from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.template_ref import TemplateRef


T = TypeVar("T", bound="InvitationOut")


@_attrs_define
class InvitationOut:
    """
    Attributes:
        id (UUID):
        template (TemplateRef):
        customer_external_ref (str):
        order_external_ref (None | str):
        ticket_id (None | UUID):
        trigger (str): api, or ticket_solved for automatic support-csat
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
        responded_at (datetime.datetime | None):
        reminder_due_at (datetime.datetime | None): when survey.reminder_due will be recorded; null once recorded,
            answered or expired, or when no reminder is owed
        reminded_at (datetime.datetime | None): when survey.reminder_due was recorded
    """

    id: UUID
    template: TemplateRef
    customer_external_ref: str
    order_external_ref: None | str
    ticket_id: None | UUID
    trigger: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    responded_at: datetime.datetime | None
    reminder_due_at: datetime.datetime | None
    reminded_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        template = self.template.to_dict()

        customer_external_ref = self.customer_external_ref

        order_external_ref: None | str
        order_external_ref = self.order_external_ref

        ticket_id: None | str
        if isinstance(self.ticket_id, UUID):
            ticket_id = str(self.ticket_id)
        else:
            ticket_id = self.ticket_id

        trigger = self.trigger

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        responded_at: None | str
        if isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        reminder_due_at: None | str
        if isinstance(self.reminder_due_at, datetime.datetime):
            reminder_due_at = self.reminder_due_at.isoformat()
        else:
            reminder_due_at = self.reminder_due_at

        reminded_at: None | str
        if isinstance(self.reminded_at, datetime.datetime):
            reminded_at = self.reminded_at.isoformat()
        else:
            reminded_at = self.reminded_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "template": template,
                "customer_external_ref": customer_external_ref,
                "order_external_ref": order_external_ref,
                "ticket_id": ticket_id,
                "trigger": trigger,
                "created_at": created_at,
                "expires_at": expires_at,
                "responded_at": responded_at,
                "reminder_due_at": reminder_due_at,
                "reminded_at": reminded_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_ref import TemplateRef  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        template = TemplateRef.from_dict(d.pop("template"))

        customer_external_ref = d.pop("customer_external_ref")

        def _parse_order_external_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_external_ref = _parse_order_external_ref(d.pop("order_external_ref"))

        def _parse_ticket_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ticket_id_type_0 = UUID(data)

                return ticket_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        ticket_id = _parse_ticket_id(d.pop("ticket_id"))

        trigger = d.pop("trigger")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        responded_at = _parse_responded_at(d.pop("responded_at"))

        def _parse_reminder_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reminder_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return reminder_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reminder_due_at = _parse_reminder_due_at(d.pop("reminder_due_at"))

        def _parse_reminded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reminded_at_type_0 = datetime.datetime.fromisoformat(data)

                return reminded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reminded_at = _parse_reminded_at(d.pop("reminded_at"))

        invitation_out = cls(
            id=id,
            template=template,
            customer_external_ref=customer_external_ref,
            order_external_ref=order_external_ref,
            ticket_id=ticket_id,
            trigger=trigger,
            created_at=created_at,
            expires_at=expires_at,
            responded_at=responded_at,
            reminder_due_at=reminder_due_at,
            reminded_at=reminded_at,
        )

        invitation_out.additional_properties = d
        return invitation_out

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
