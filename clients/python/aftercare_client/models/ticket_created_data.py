from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.acknowledgement import Acknowledgement
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketCreatedData")


@_attrs_define
class TicketCreatedData:
    """A ticket was created (POST /v1/tickets).

    Attributes:
        ticket (TicketOut):
        expectations (Acknowledgement): What a new ticket's customer can be told at once, ready to send.
    """

    ticket: TicketOut
    expectations: Acknowledgement
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        expectations = self.expectations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "expectations": expectations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.acknowledgement import Acknowledgement  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        expectations = Acknowledgement.from_dict(d.pop("expectations"))

        ticket_created_data = cls(
            ticket=ticket,
            expectations=expectations,
        )

        ticket_created_data.additional_properties = d
        return ticket_created_data

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
