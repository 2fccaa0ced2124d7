from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..models.priority import Priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_ref import CustomerRef


T = TypeVar("T", bound="TicketCreate")


@_attrs_define
class TicketCreate:
    """
    Attributes:
        subject (str):
        description (str): the customer's first message
        channel (Channel):
        customer (CustomerRef): A customer by the shop's own reference; created on first sight, details updated.
        priority (Priority | Unset):
        order_external_ref (None | str | Unset): an existing order of this customer (else a 422 unknown-reference)
        tags (list[str] | Unset):
        assignee (None | str | Unset):
        team (None | str | Unset): the team handling it (free text, trimmed, 1-64 characters)
    """

    subject: str
    description: str
    channel: Channel
    customer: CustomerRef
    priority: Priority | Unset = UNSET
    order_external_ref: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    assignee: None | str | Unset = UNSET
    team: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        subject = self.subject

        description = self.description

        channel = self.channel.value

        customer = self.customer.to_dict()

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        order_external_ref: None | str | Unset
        if isinstance(self.order_external_ref, Unset):
            order_external_ref = UNSET
        else:
            order_external_ref = self.order_external_ref

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        assignee: None | str | Unset
        if isinstance(self.assignee, Unset):
            assignee = UNSET
        else:
            assignee = self.assignee

        team: None | str | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        else:
            team = self.team

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "subject": subject,
                "description": description,
                "channel": channel,
                "customer": customer,
            }
        )
        if priority is not UNSET:
            field_dict["priority"] = priority
        if order_external_ref is not UNSET:
            field_dict["order_external_ref"] = order_external_ref
        if tags is not UNSET:
            field_dict["tags"] = tags
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if team is not UNSET:
            field_dict["team"] = team

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_ref import CustomerRef  # noqa: PLC0415

        d = dict(src_dict)
        subject = d.pop("subject")

        description = d.pop("description")

        channel = Channel(d.pop("channel"))

        customer = CustomerRef.from_dict(d.pop("customer"))

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = Priority(_priority)

        def _parse_order_external_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_external_ref = _parse_order_external_ref(
            d.pop("order_external_ref", UNSET)
        )

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_assignee(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee = _parse_assignee(d.pop("assignee", UNSET))

        def _parse_team(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team = _parse_team(d.pop("team", UNSET))

        ticket_create = cls(
            subject=subject,
            description=description,
            channel=channel,
            customer=customer,
            priority=priority,
            order_external_ref=order_external_ref,
            tags=tags,
            assignee=assignee,
            team=team,
        )

        return ticket_create
