from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ticket_changes import TicketChanges
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketUpdatedData")


@_attrs_define
class TicketUpdatedData:
    """A ticket's priority, assignee, team or tags changed (a status change is
    ticket.status_changed).

        Attributes:
            ticket (TicketOut):
            changes (TicketChanges): What changed, from what to what; null for an attribute that did not change.
    """

    ticket: TicketOut
    changes: TicketChanges
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_changes import TicketChanges  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        changes = TicketChanges.from_dict(d.pop("changes"))

        ticket_updated_data = cls(
            ticket=ticket,
            changes=changes,
        )

        ticket_updated_data.additional_properties = d
        return ticket_updated_data

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
