from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_type import RecordType

T = TypeVar("T", bound="MetricRecord")


@_attrs_define
class MetricRecord:
    """One record behind a figure: a ticket, survey answer, invitation, SLA target or order,
    with the ticket it concerns and whether it counts in the numerator and denominator.

        Attributes:
            record_type (RecordType):
            id (UUID): the record's id (a survey answer's: its response's)
            ticket_id (None | UUID):
            ticket_number (int | None):
            measured_at (datetime.datetime): the time that places it in the window and its bucket (creation, first solve,
                answer, SLA due time, delivery promise: the metric's time column)
            created_at (datetime.datetime | None):
            value (float | None): what was measured: the answer's score (csat, nps, expectations_met), the public agent
                replies at first solve (fcr), the seconds (durations), the seconds delivered after the promise
                (delivery_on_time, negative when early); null otherwise
            detail (None | str): the ticket's status, the question's key, the invitation's trigger, the target's metric and
                status, or the order's external reference
            channel (None | str):
            priority (None | str):
            tier (int | None):
            assignee (None | str):
            team (None | str):
            in_numerator (bool):
            in_denominator (bool): true: every record listed counts in the figure
            numerator_weight (int): what it adds to the numerator: 1, 0, or -1 (an NPS detractor); the sum over the records
                is the figure's numerator
    """

    record_type: RecordType
    id: UUID
    ticket_id: None | UUID
    ticket_number: int | None
    measured_at: datetime.datetime
    created_at: datetime.datetime | None
    value: float | None
    detail: None | str
    channel: None | str
    priority: None | str
    tier: int | None
    assignee: None | str
    team: None | str
    in_numerator: bool
    in_denominator: bool
    numerator_weight: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        record_type = self.record_type.value

        id = str(self.id)

        ticket_id: None | str
        if isinstance(self.ticket_id, UUID):
            ticket_id = str(self.ticket_id)
        else:
            ticket_id = self.ticket_id

        ticket_number: int | None
        ticket_number = self.ticket_number

        measured_at = self.measured_at.isoformat()

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        value: float | None
        value = self.value

        detail: None | str
        detail = self.detail

        channel: None | str
        channel = self.channel

        priority: None | str
        priority = self.priority

        tier: int | None
        tier = self.tier

        assignee: None | str
        assignee = self.assignee

        team: None | str
        team = self.team

        in_numerator = self.in_numerator

        in_denominator = self.in_denominator

        numerator_weight = self.numerator_weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "record_type": record_type,
                "id": id,
                "ticket_id": ticket_id,
                "ticket_number": ticket_number,
                "measured_at": measured_at,
                "created_at": created_at,
                "value": value,
                "detail": detail,
                "channel": channel,
                "priority": priority,
                "tier": tier,
                "assignee": assignee,
                "team": team,
                "in_numerator": in_numerator,
                "in_denominator": in_denominator,
                "numerator_weight": numerator_weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        record_type = RecordType(d.pop("record_type"))

        id = UUID(d.pop("id"))

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

        def _parse_ticket_number(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        ticket_number = _parse_ticket_number(d.pop("ticket_number"))

        measured_at = datetime.datetime.fromisoformat(d.pop("measured_at"))

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

        def _parse_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel = _parse_channel(d.pop("channel"))

        def _parse_priority(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        priority = _parse_priority(d.pop("priority"))

        def _parse_tier(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tier = _parse_tier(d.pop("tier"))

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

        in_numerator = d.pop("in_numerator")

        in_denominator = d.pop("in_denominator")

        numerator_weight = d.pop("numerator_weight")

        metric_record = cls(
            record_type=record_type,
            id=id,
            ticket_id=ticket_id,
            ticket_number=ticket_number,
            measured_at=measured_at,
            created_at=created_at,
            value=value,
            detail=detail,
            channel=channel,
            priority=priority,
            tier=tier,
            assignee=assignee,
            team=team,
            in_numerator=in_numerator,
            in_denominator=in_denominator,
            numerator_weight=numerator_weight,
        )

        metric_record.additional_properties = d
        return metric_record

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
