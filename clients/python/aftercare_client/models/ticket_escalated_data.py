from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier import Tier

if TYPE_CHECKING:
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketEscalatedData")


@_attrs_define
class TicketEscalatedData:
    """A ticket moved from tier 1 to tier 2, asked for by an agent or on an SLA breach.

    Attributes:
        ticket (TicketOut):
        reason (str):
        from_tier (Tier):
        automatic (bool): true when an SLA breach escalated it
    """

    ticket: TicketOut
    reason: str
    from_tier: Tier
    automatic: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        reason = self.reason

        from_tier = self.from_tier.value

        automatic = self.automatic

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "reason": reason,
                "from_tier": from_tier,
                "automatic": automatic,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        reason = d.pop("reason")

        from_tier = Tier(d.pop("from_tier"))

        automatic = d.pop("automatic")

        ticket_escalated_data = cls(
            ticket=ticket,
            reason=reason,
            from_tier=from_tier,
            automatic=automatic,
        )

        ticket_escalated_data.additional_properties = d
        return ticket_escalated_data

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
