"""SLA rules without I/O: policy matching, calendars from JSON, the business-hours clock of a
policy snapshot, expectation states."""

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

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

_ZERO = timedelta(0)
_ALWAYS_OPEN = BusinessCalendar.always_open()

D = TypeVar("D")


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
class TargetSpec(Generic[D]):
    """What a policy promises for one metric: a target length, the warning before it, and
    whether it counts business hours only. Lengths are timedeltas in the live engine, seconds
    in the demo replay."""

    target: D
    warn_before: D
    business_hours: bool


def spec_from_json(data: Mapping[str, Any]) -> TargetSpec[timedelta]:
    """A target as a policy (and its snapshot) stores it."""
    return TargetSpec(
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


@dataclass(frozen=True, slots=True)
class BusinessClock:
    """A policy's clock on datetimes: a target in business hours counts the open hours of the
    policy's calendar, any other target calendar time (DST-correct either way)."""

    calendar: BusinessCalendar
    zero: timedelta = _ZERO

    def add(self, business_hours: bool, start: datetime, length: timedelta) -> datetime:
        return add_business_time(self._counting(business_hours), start, length)

    def between(self, business_hours: bool, start: datetime, end: datetime) -> timedelta:
        return business_time_between(self._counting(business_hours), start, end)

    def _counting(self, business_hours: bool) -> BusinessCalendar:
        return self.calendar if business_hours else _ALWAYS_OPEN


class PolicySnapshot(Protocol):
    """What of a `ticket_slas` row the targets are measured against."""

    @property
    def policy_id(self) -> uuid.UUID | None: ...
    @property
    def policy_name(self) -> str | None: ...
    @property
    def calendar(self) -> Mapping[str, Any] | None: ...
    @property
    def targets(self) -> Mapping[str, Mapping[str, Any]]: ...
    @property
    def pause_statuses(self) -> Sequence[TicketStatus]: ...


class SnapshotTerms:
    """A ticket's policy snapshot (a `ticket_slas` row) as the target lifecycle reads it; the
    calendar is parsed only when a deadline is computed."""

    __slots__ = ("_clock", "_snapshot")

    def __init__(self, snapshot: PolicySnapshot) -> None:
        self._snapshot = snapshot
        self._clock: BusinessClock | None = None

    @property
    def policy_id(self) -> uuid.UUID | None:
        return self._snapshot.policy_id

    @property
    def policy_name(self) -> str | None:
        return self._snapshot.policy_name

    @property
    def pause_statuses(self) -> Sequence[TicketStatus]:
        return self._snapshot.pause_statuses

    @property
    def clock(self) -> BusinessClock:
        if self._clock is None:
            self._clock = BusinessClock(calendar_from_json(self._snapshot.calendar))
        return self._clock

    def spec(self, metric: SlaMetric) -> TargetSpec[timedelta] | None:
        definition = self._snapshot.targets.get(metric)
        return None if definition is None else spec_from_json(definition)


@dataclass(frozen=True, slots=True)
class PolicyTerms:
    """A policy as new tickets take it, made once per read of the policies (and kept while
    their cache holds them): the conditions that choose it, what a ticket's snapshot copies of
    it (it is a `PolicySnapshot`), and the terms and JSON columns its new tickets start with.
    `NO_POLICY` when none matches."""

    conditions: Mapping[str, Any]
    policy_id: uuid.UUID | None
    policy_name: str | None
    policy_version: int | None
    calendar: Mapping[str, Any] | None
    targets: Mapping[str, Mapping[str, Any]]
    pause_statuses: Sequence[TicketStatus]
    escalate_on_breach: bool
    terms: SnapshotTerms = field(init=False, compare=False, repr=False)
    calendar_json: str | None = field(init=False, compare=False, repr=False)
    targets_json: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", SnapshotTerms(self))
        calendar = None if self.calendar is None else json.dumps(self.calendar)
        object.__setattr__(self, "calendar_json", calendar)
        object.__setattr__(self, "targets_json", json.dumps(self.targets))


NO_POLICY = PolicyTerms(
    conditions={}, policy_id=None, policy_name=None, policy_version=None, calendar=None,
    targets={}, pause_statuses=DEFAULT_PAUSE_STATUSES, escalate_on_breach=False,
)


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
