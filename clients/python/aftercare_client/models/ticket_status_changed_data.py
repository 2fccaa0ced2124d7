from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_change_reason import StatusChangeReason
from ..models.ticket_status import TicketStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketStatusChangedData")


@_attrs_define
class TicketStatusChangedData:
    """A ticket's status changed: by a PATCH, a message (a customer reopening a solved
    ticket, an agent's first reply) or the worker's auto-close.

        Attributes:
            ticket (TicketOut):
            from_ (TicketStatus):
            to (TicketStatus):
            reason (None | StatusChangeReason | Unset): set when the service made the change itself
    """

    ticket: TicketOut
    from_: TicketStatus
    to: TicketStatus
    reason: None | StatusChangeReason | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        from_ = self.from_.value

        to = self.to.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        elif isinstance(self.reason, StatusChangeReason):
            reason = self.reason.value
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "from": from_,
                "to": to,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        from_ = TicketStatus(d.pop("from"))

        to = TicketStatus(d.pop("to"))

        def _parse_reason(data: object) -> None | StatusChangeReason | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = StatusChangeReason(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StatusChangeReason | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        ticket_status_changed_data = cls(
            ticket=ticket,
            from_=from_,
            to=to,
            reason=reason,
        )

        ticket_status_changed_data.additional_properties = d
        return ticket_status_changed_data

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
