from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..models.priority import Priority
from ..models.ticket_status import TicketStatus
from ..models.tier import Tier

if TYPE_CHECKING:
    from ..models.acknowledgement import Acknowledgement
    from ..models.customer_summary import CustomerSummary
    from ..models.order_summary import OrderSummary


T = TypeVar("T", bound="TicketCreated")


@_attrs_define
class TicketCreated:
    """
    Attributes:
        id (UUID):
        number (int):
        subject (str):
        status (TicketStatus):
        priority (Priority):
        channel (Channel):
        tier (Tier):
        customer (CustomerSummary):
        order (None | OrderSummary):
        assignee (None | str):
        team (None | str):
        tags (list[str]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        first_responded_at (datetime.datetime | None):
        first_solved_at (datetime.datetime | None):
        solved_at (datetime.datetime | None):
        closed_at (datetime.datetime | None):
        public_agent_reply_count (int):
        reopen_count (int):
        awaiting_reply_since (datetime.datetime | None): the oldest customer message not yet answered by a public agent
            reply
        escalated_at (datetime.datetime | None):
        escalation_reason (None | str):
        expectations (Acknowledgement): What a new ticket's customer can be told at once, ready to send.
    """

    id: UUID
    number: int
    subject: str
    status: TicketStatus
    priority: Priority
    channel: Channel
    tier: Tier
    customer: CustomerSummary
    order: None | OrderSummary
    assignee: None | str
    team: None | str
    tags: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    first_responded_at: datetime.datetime | None
    first_solved_at: datetime.datetime | None
    solved_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    public_agent_reply_count: int
    reopen_count: int
    awaiting_reply_since: datetime.datetime | None
    escalated_at: datetime.datetime | None
    escalation_reason: None | str
    expectations: Acknowledgement
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.order_summary import OrderSummary  # noqa: PLC0415

        id = str(self.id)

        number = self.number

        subject = self.subject

        status = self.status.value

        priority = self.priority.value

        channel = self.channel.value

        tier = self.tier.value

        customer = self.customer.to_dict()

        order: dict[str, Any] | None
        if isinstance(self.order, OrderSummary):
            order = self.order.to_dict()
        else:
            order = self.order

        assignee: None | str
        assignee = self.assignee

        team: None | str
        team = self.team

        tags = self.tags

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        first_responded_at: None | str
        if isinstance(self.first_responded_at, datetime.datetime):
            first_responded_at = self.first_responded_at.isoformat()
        else:
            first_responded_at = self.first_responded_at

        first_solved_at: None | str
        if isinstance(self.first_solved_at, datetime.datetime):
            first_solved_at = self.first_solved_at.isoformat()
        else:
            first_solved_at = self.first_solved_at

        solved_at: None | str
        if isinstance(self.solved_at, datetime.datetime):
            solved_at = self.solved_at.isoformat()
        else:
            solved_at = self.solved_at

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        public_agent_reply_count = self.public_agent_reply_count

        reopen_count = self.reopen_count

        awaiting_reply_since: None | str
        if isinstance(self.awaiting_reply_since, datetime.datetime):
            awaiting_reply_since = self.awaiting_reply_since.isoformat()
        else:
            awaiting_reply_since = self.awaiting_reply_since

        escalated_at: None | str
        if isinstance(self.escalated_at, datetime.datetime):
            escalated_at = self.escalated_at.isoformat()
        else:
            escalated_at = self.escalated_at

        escalation_reason: None | str
        escalation_reason = self.escalation_reason

        expectations = self.expectations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "number": number,
                "subject": subject,
                "status": status,
                "priority": priority,
                "channel": channel,
                "tier": tier,
                "customer": customer,
                "order": order,
                "assignee": assignee,
                "team": team,
                "tags": tags,
                "created_at": created_at,
                "updated_at": updated_at,
                "first_responded_at": first_responded_at,
                "first_solved_at": first_solved_at,
                "solved_at": solved_at,
                "closed_at": closed_at,
                "public_agent_reply_count": public_agent_reply_count,
                "reopen_count": reopen_count,
                "awaiting_reply_since": awaiting_reply_since,
                "escalated_at": escalated_at,
                "escalation_reason": escalation_reason,
                "expectations": expectations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.acknowledgement import Acknowledgement  # noqa: PLC0415
        from ..models.customer_summary import CustomerSummary  # noqa: PLC0415
        from ..models.order_summary import OrderSummary  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        number = d.pop("number")

        subject = d.pop("subject")

        status = TicketStatus(d.pop("status"))

        priority = Priority(d.pop("priority"))

        channel = Channel(d.pop("channel"))

        tier = Tier(d.pop("tier"))

        customer = CustomerSummary.from_dict(d.pop("customer"))

        def _parse_order(data: object) -> None | OrderSummary:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                order_type_0 = OrderSummary.from_dict(data)

                return order_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderSummary, data)

        order = _parse_order(d.pop("order"))

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        def _parse_team(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team = _parse_team(d.pop("team"))

        tags = cast(list[str], d.pop("tags"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_first_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_responded_at = _parse_first_responded_at(d.pop("first_responded_at"))

        def _parse_first_solved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_solved_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_solved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_solved_at = _parse_first_solved_at(d.pop("first_solved_at"))

        def _parse_solved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                solved_at_type_0 = datetime.datetime.fromisoformat(data)

                return solved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        solved_at = _parse_solved_at(d.pop("solved_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        public_agent_reply_count = d.pop("public_agent_reply_count")

        reopen_count = d.pop("reopen_count")

        def _parse_awaiting_reply_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                awaiting_reply_since_type_0 = datetime.datetime.fromisoformat(data)

                return awaiting_reply_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        awaiting_reply_since = _parse_awaiting_reply_since(
            d.pop("awaiting_reply_since")
        )

        def _parse_escalated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalated_at_type_0 = datetime.datetime.fromisoformat(data)

                return escalated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        escalated_at = _parse_escalated_at(d.pop("escalated_at"))

        def _parse_escalation_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        escalation_reason = _parse_escalation_reason(d.pop("escalation_reason"))

        expectations = Acknowledgement.from_dict(d.pop("expectations"))

        ticket_created = cls(
            id=id,
            number=number,
            subject=subject,
            status=status,
            priority=priority,
            channel=channel,
            tier=tier,
            customer=customer,
            order=order,
            assignee=assignee,
            team=team,
            tags=tags,
            created_at=created_at,
            updated_at=updated_at,
            first_responded_at=first_responded_at,
            first_solved_at=first_solved_at,
            solved_at=solved_at,
            closed_at=closed_at,
            public_agent_reply_count=public_agent_reply_count,
            reopen_count=reopen_count,
            awaiting_reply_since=awaiting_reply_since,
            escalated_at=escalated_at,
            escalation_reason=escalation_reason,
            expectations=expectations,
        )

        ticket_created.additional_properties = d
        return ticket_created

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
