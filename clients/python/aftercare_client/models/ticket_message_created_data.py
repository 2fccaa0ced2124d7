from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.message_out import MessageOut
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketMessageCreatedData")


@_attrs_define
class TicketMessageCreatedData:
    """A message (or an internal note) was added to a ticket.

    Attributes:
        ticket (TicketOut):
        message (MessageOut):
    """

    ticket: TicketOut
    message: MessageOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        message = self.message.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message_out import MessageOut  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        message = MessageOut.from_dict(d.pop("message"))

        ticket_message_created_data = cls(
            ticket=ticket,
            message=message,
        )

        ticket_message_created_data.additional_properties = d
        return ticket_message_created_data

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
