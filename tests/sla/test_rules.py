from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.sla.business_hours import is_business_time
from app.sla.lifecycle import deadlines
from app.sla.rules import (
    BusinessClock,
    TargetSpec,
    TicketAttributes,
    calendar_from_json,
    calendar_snapshot,
    expectation_status,
    policy_matches,
)
from app.sla.types import TargetStatus
from app.tickets.vocabulary import Channel, Priority, Tier
from tests.factories import BERLIN_OFFICE

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = calendar_from_json(BERLIN_OFFICE)  # Mon-Fri 09-12 and 13-17, closed 2026-12-25
CLOCK = BusinessClock(OFFICE)
H = timedelta(hours=1)
M = timedelta(minutes=1)


def berlin(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def business(target: timedelta, warn: timedelta = timedelta(0)) -> TargetSpec[timedelta]:
    return TargetSpec(target=target, warn_before=warn, business_hours=True)


def due(start: datetime, target: timedelta, paused_for: timedelta = timedelta(0)) -> datetime:
    return deadlines(CLOCK, business(target), start, paused_for)[0]


# --- deadlines in business time (January 2026: CET = UTC+1; 5 January is a Monday) ---


def test_deadline_crosses_the_night() -> None:
    assert due(berlin(1, 5, 16), 2 * H) == berlin(1, 6, 10)


def test_deadline_crosses_the_lunch_break() -> None:
    assert due(berlin(1, 5, 11), 2 * H) == berlin(1, 5, 14)


def test_deadline_crosses_the_weekend() -> None:
    assert due(berlin(1, 9, 16, 30), H) == berlin(1, 12, 9, 30)  # Friday -> Monday


def test_deadline_skips_a_holiday_and_the_weekend_after_it() -> None:
    # Thursday 24 December, Friday 25 December is a holiday, then the weekend.
    assert due(berlin(12, 24, 16), 2 * H) == berlin(12, 28, 10)


def test_ticket_created_outside_hours_starts_counting_at_the_next_opening() -> None:
    assert due(berlin(1, 10, 3), 30 * M) == berlin(1, 12, 9, 30)  # Saturday night
    assert due(berlin(1, 5, 12, 30), 30 * M) == berlin(1, 5, 13, 30)  # during lunch


def test_deadline_across_the_spring_forward_change() -> None:
    # 29 March 2026 clocks go 02:00 -> 03:00: Friday 16:00 CET + 2 h is Monday 10:00 CEST.
    deadline = due(berlin(3, 27, 16), 2 * H)
    assert deadline == utc(3, 30, 8)
    assert deadline == berlin(3, 30, 10)


def test_deadline_across_the_fall_back_change() -> None:
    # 25 October 2026 clocks go 03:00 -> 02:00: Friday 16:00 CEST + 2 h is Monday 10:00 CET.
    deadline = due(berlin(10, 23, 16), 2 * H)
    assert deadline == utc(10, 26, 9)


def test_calendar_time_over_dst_changes_counts_real_hours() -> None:
    spec = TargetSpec(target=24 * H, warn_before=timedelta(0), business_hours=False)
    spring, _ = deadlines(CLOCK, spec, berlin(3, 28, 12), timedelta(0))
    fall, _ = deadlines(CLOCK, spec, berlin(10, 24, 12), timedelta(0))
    assert spring == berlin(3, 29, 13)  # 23 local hours later
    assert fall == berlin(10, 25, 11)  # 25 local hours later


def test_calendar_time_target_ignores_business_hours() -> None:
    spec = TargetSpec(target=2 * H, warn_before=timedelta(0), business_hours=False)
    assert deadlines(CLOCK, spec, berlin(1, 9, 16), timedelta(0))[0] == berlin(1, 9, 18)


def test_paused_business_time_is_added_to_the_deadline() -> None:
    assert due(berlin(1, 5, 9), 2 * H, paused_for=90 * M) == berlin(1, 5, 13, 30)


def test_warning_comes_when_warn_before_of_the_target_remains() -> None:
    due_at, warn_at = deadlines(CLOCK, business(2 * H, warn=30 * M), berlin(1, 5, 11), 0 * H)
    assert due_at == berlin(1, 5, 14)
    assert warn_at == berlin(1, 5, 13, 30)  # in business time, across lunch


def test_warning_window_wider_than_the_target_starts_at_once() -> None:
    start = berlin(1, 5, 10)
    _, warn_at = deadlines(CLOCK, business(H, warn=2 * H), start, 0 * H)
    assert warn_at == start


def test_paused_time_counts_only_the_targets_clock() -> None:
    paused, resumed = berlin(1, 5, 16), berlin(1, 6, 10)
    assert CLOCK.between(True, paused, resumed) == 2 * H
    assert CLOCK.between(False, paused, resumed) == 18 * H


# --- calendars from JSON ---


def test_no_calendar_means_open_around_the_clock() -> None:
    always = calendar_from_json(None)
    assert is_business_time(always, berlin(1, 10, 3))


def test_calendar_snapshot_round_trips() -> None:
    snapshot = calendar_snapshot(
        "Europe/Berlin", {"mon": [["09:00", "24:00"]]}, [date(2026, 1, 6), date(2026, 1, 1)]
    )
    assert snapshot["holidays"] == ["2026-01-01", "2026-01-06"]
    calendar = calendar_from_json(snapshot)
    assert is_business_time(calendar, berlin(1, 5, 23, 59))
    assert not is_business_time(calendar, berlin(1, 5, 8, 59))
    assert calendar.holidays == frozenset({date(2026, 1, 1), date(2026, 1, 6)})


# --- policy conditions ---

TICKET = TicketAttributes(
    priority=Priority.HIGH, channel=Channel.CHAT, tier=Tier.FRONT_LINE, tags=["vip", "returns"]
)


@pytest.mark.parametrize(
    ("conditions", "matches"),
    [
        ({}, True),
        ({"priorities": [], "channels": [], "tiers": [], "tags": []}, True),
        ({"priorities": ["high", "urgent"]}, True),
        ({"priorities": ["urgent"]}, False),
        ({"channels": ["chat"], "tiers": [1]}, True),
        ({"channels": ["chat"], "tiers": [2]}, False),
        ({"tags": ["vip"]}, True),
        ({"tags": ["wholesale", "returns"]}, True),
        ({"tags": ["wholesale"]}, False),
        ({"priorities": ["high"], "tags": ["wholesale"]}, False),
    ],
)
def test_policy_matches_when_every_given_condition_holds(
    conditions: dict[str, list[object]], matches: bool
) -> None:
    assert policy_matches(conditions, TICKET) is matches


# --- expectation states ---

DUE, WARN = utc(1, 5, 12), utc(1, 5, 11)


@pytest.mark.parametrize(
    ("status", "now", "expected"),
    [
        ("active", utc(1, 5, 10), "on_track"),
        ("active", WARN, "at_risk"),
        ("active", DUE, "breached"),
        ("breached", utc(1, 5, 10), "breached"),
        ("met", utc(1, 5, 13), "met"),
        ("paused", utc(1, 5, 13), "paused"),
    ],
)
def test_expectation_status(status: str, now: datetime, expected: str) -> None:
    assert expectation_status(TargetStatus(status), DUE, WARN, now) == expected
