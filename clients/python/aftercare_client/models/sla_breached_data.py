from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sla_metric import SlaMetric
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="SlaBreachedData")


@_attrs_define
class SlaBreachedData:
    """A ticket's SLA target passed its due time unmet.

    Attributes:
        ticket (TicketOut):
        ticket_id (UUID):
        ticket_number (int):
        target_id (UUID):
        metric (SlaMetric):
        due_at (datetime.datetime):
        policy_id (None | UUID):
        policy_name (None | str):
        breached_at (datetime.datetime | None | Unset): when the promise was broken; null for a warning
    """

    ticket: TicketOut
    ticket_id: UUID
    ticket_number: int
    target_id: UUID
    metric: SlaMetric
    due_at: datetime.datetime
    policy_id: None | UUID
    policy_name: None | str
    breached_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        ticket_id = str(self.ticket_id)

        ticket_number = self.ticket_number

        target_id = str(self.target_id)

        metric = self.metric.value

        due_at = self.due_at.isoformat()

        policy_id: None | str
        if isinstance(self.policy_id, UUID):
            policy_id = str(self.policy_id)
        else:
            policy_id = self.policy_id

        policy_name: None | str
        policy_name = self.policy_name

        breached_at: None | str | Unset
        if isinstance(self.breached_at, Unset):
            breached_at = UNSET
        elif isinstance(self.breached_at, datetime.datetime):
            breached_at = self.breached_at.isoformat()
        else:
            breached_at = self.breached_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "ticket_id": ticket_id,
                "ticket_number": ticket_number,
                "target_id": target_id,
                "metric": metric,
                "due_at": due_at,
                "policy_id": policy_id,
                "policy_name": policy_name,
            }
        )
        if breached_at is not UNSET:
            field_dict["breached_at"] = breached_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        ticket_id = UUID(d.pop("ticket_id"))

        ticket_number = d.pop("ticket_number")

        target_id = UUID(d.pop("target_id"))

        metric = SlaMetric(d.pop("metric"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        def _parse_policy_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                policy_id_type_0 = UUID(data)

                return policy_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        policy_id = _parse_policy_id(d.pop("policy_id"))

        def _parse_policy_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_name = _parse_policy_name(d.pop("policy_name"))

        def _parse_breached_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                breached_at_type_0 = datetime.datetime.fromisoformat(data)

                return breached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        breached_at = _parse_breached_at(d.pop("breached_at", UNSET))

        sla_breached_data = cls(
            ticket=ticket,
            ticket_id=ticket_id,
            ticket_number=ticket_number,
            target_id=target_id,
            metric=metric,
            due_at=due_at,
            policy_id=policy_id,
            policy_name=policy_name,
            breached_at=breached_at,
        )

        sla_breached_data.additional_properties = d
        return sla_breached_data

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
