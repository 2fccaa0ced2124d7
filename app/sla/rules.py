"""SLA rules without I/O: policy matching, calendars from JSON, deadlines, expectation states."""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from app.sla.business_hours import (
    BusinessCalendar,
    BusinessInterval,
    add_business_time,
    business_time_between,
    parse_hhmm,
)
from app.sla.types import ExpectationStatus, SlaMetric, TargetStatus
from app.tickets.vocabulary import Channel, Priority, TicketStatus, Tier

# A running target may still be met, breached or stopped.
RUNNING = (TargetStatus.ACTIVE, TargetStatus.PAUSED)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_PAUSE_STATUSES = (TicketStatus.PENDING, TicketStatus.ON_HOLD)
DONE_STATUSES = (TicketStatus.SOLVED, TicketStatus.CLOSED)

_ZERO = timedelta(0)


class TargetFacts(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def ticket_id(self) -> uuid.UUID: ...
    @property
    def metric(self) -> SlaMetric: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def policy_id(self) -> uuid.UUID | None: ...
    @property
    def policy_name(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """What a policy promises for one metric."""

    target: timedelta
    warn_before: timedelta
    business_hours: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TargetSpec":
        return cls(
            target=timedelta(minutes=data["target_minutes"]),
            warn_before=timedelta(minutes=data["warn_before_minutes"]),
            business_hours=bool(data["business_hours"]),
        )


@dataclass(frozen=True, slots=True)
class TicketAttributes:
    priority: Priority
    channel: Channel
    tier: Tier
    tags: Sequence[str]


@dataclass(frozen=True, slots=True)
class Deadlines:
    due_at: datetime
    warn_at: datetime


def policy_matches(conditions: Mapping[str, Any], ticket: TicketAttributes) -> bool:
    """Every condition given must hold; an empty or missing list matches anything.

    Tags match when the ticket has at least one of the listed tags.
    """
    return (
        _allows(conditions.get("priorities"), ticket.priority)
        and _allows(conditions.get("channels"), ticket.channel)
        and _allows(conditions.get("tiers"), ticket.tier)
        and (not conditions.get("tags") or bool(set(conditions["tags"]) & set(ticket.tags)))
    )


def _allows(allowed: Iterable[object] | None, value: object) -> bool:
    return not allowed or value in allowed


def calendar_from_json(data: Mapping[str, Any] | None) -> BusinessCalendar:
    """A calendar snapshot ({timezone, weekly_hours, holidays}); None means open 24x7."""
    if data is None:
        return BusinessCalendar.always_open()
    weekly_hours = {
        WEEKDAYS.index(day): tuple(
            BusinessInterval(parse_hhmm(start), parse_hhmm(end)) for start, end in intervals
        )
        for day, intervals in data["weekly_hours"].items()
    }
    holidays = frozenset(date.fromisoformat(day) for day in data.get("holidays", ()))
    return BusinessCalendar(data["timezone"], weekly_hours, holidays)


def calendar_snapshot(
    timezone: str, weekly_hours: Mapping[str, Sequence[Sequence[str]]], holidays: Iterable[date]
) -> dict[str, Any]:
    return {
        "timezone": timezone,
        "weekly_hours": {
            day: [list(pair) for pair in hours] for day, hours in weekly_hours.items()
        },
        "holidays": sorted(day.isoformat() for day in holidays),
    }


def compute_deadlines(
    calendar: BusinessCalendar,
    spec: TargetSpec,
    started_at: datetime,
    paused_for: timedelta = _ZERO,
) -> Deadlines:
    """When the target falls due, and when it enters its warning window.

    Time spent paused is added to the target, counted in the same clock (business or calendar
    time) as the target itself. The warning comes when `warn_before` of the target remains.
    """
    clock = calendar if spec.business_hours else BusinessCalendar.always_open()
    budget = spec.target + paused_for
    warn_budget = max(_ZERO, spec.target - spec.warn_before) + paused_for
    return Deadlines(
        due_at=add_business_time(clock, started_at, budget),
        warn_at=add_business_time(clock, started_at, warn_budget),
    )


def paused_time(
    calendar: BusinessCalendar, business_hours: bool, paused_at: datetime, resumed_at: datetime
) -> timedelta:
    """How much of the target's clock ran during a pause."""
    clock = calendar if business_hours else BusinessCalendar.always_open()
    return business_time_between(clock, paused_at, resumed_at)


def expectation_status(
    status: TargetStatus, due_at: datetime, warn_at: datetime, now: datetime
) -> ExpectationStatus:
    """A running or finished target as the customer sees it."""
    if status == TargetStatus.MET:
        return ExpectationStatus.MET
    if status == TargetStatus.BREACHED or (status == TargetStatus.ACTIVE and now >= due_at):
        # a deadline just passed counts before the sweep has seen it
        return ExpectationStatus.BREACHED
    if status == TargetStatus.PAUSED:
        return ExpectationStatus.PAUSED
    return ExpectationStatus.AT_RISK if now >= warn_at else ExpectationStatus.ON_TRACK


def sla_event_data(target: TargetFacts, ticket_number: int) -> dict[str, Any]:
    """The payload of sla.warning and sla.breached."""
    return {
        "ticket_id": str(target.ticket_id),
        "ticket_number": ticket_number,
        "target_id": str(target.id),
        "metric": target.metric,
        "due_at": target.due_at.isoformat(),
        "policy_id": str(target.policy_id) if target.policy_id else None,
        "policy_name": target.policy_name,
    }
