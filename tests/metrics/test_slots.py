"""The plan of a window covers each of its moments exactly once, in the right bucket: for every
IANA zone, the slots alone answer a window whose edges are quarter hours (every offset in use is
a multiple of 15 minutes), and a local day reads a handful of slots, not its hours."""

import zoneinfo
from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.metrics.formulas import Granularity, bucket_starts
from app.metrics.slots import QUARTER, Plan, hours_of, plan

ZONES = sorted(zoneinfo.available_timezones())
START = datetime(2025, 1, 1, tzinfo=UTC)
QUARTERS_A_YEAR = 4 * 24 * 366


def planned(
    start: datetime,
    end: datetime,
    granularity: Granularity,
    zone: str,
    dirty: list[datetime] | None = None,
) -> tuple[Plan, list[datetime]]:
    starts = bucket_starts(start, end, granularity, zone)
    inside = [bucket for bucket in starts if start < bucket < end]
    return plan([start, *inside, end], dirty or [], None, starts), starts


def quarters_counted(found: Plan) -> Counter[tuple[datetime, datetime | None]]:
    """How often each quarter hour is counted, per quarter and bucket (signs applied)."""
    counted: Counter[tuple[datetime, datetime | None]] = Counter()
    for run in found.runs:
        at = run.start
        while at < run.end:
            counted[(at, run.bucket)] += run.sign
            at += QUARTER
    return +counted  # without the zeros


def bucket_of(moment: datetime, starts: list[datetime]) -> datetime:
    return max(start for start in starts if start <= moment)


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    granularity=st.sampled_from(("day", "week", "month")),
    first=st.integers(0, QUARTERS_A_YEAR),
    length=st.integers(1, 4 * 24 * 75),
    dirty=st.lists(st.integers(0, 24 * 80), max_size=4),
)
def test_quarter_aligned_windows_need_no_raw_rows_but_the_dirty_hours(
    zone: str, granularity: Granularity, first: int, length: int, dirty: list[int]
) -> None:
    start = START + first * QUARTER
    end = start + length * QUARTER
    changed = hours_of(start + timedelta(hours=hour) for hour in dirty)
    found, starts = planned(start, end, granularity, zone, changed)
    # Raw rows only for the changed hours in the window
    expected_raw = [
        (max(start, hour), min(end, hour + timedelta(hours=1)))
        for hour in changed
        if hour < end and hour + timedelta(hours=1) > start
    ]
    assert _merged(found.raw) == _merged(expected_raw)
    # and the slots count every other quarter hour once, in its own bucket.
    expected = Counter(
        {
            (at, bucket_of(at, starts)): 1
            for at in (start + index * QUARTER for index in range(length))
            if not any(low <= at < high for low, high in expected_raw)
        }
    )
    assert quarters_counted(found) == expected
    assert all(run.sign in (1, -1) for run in found.runs)


def _merged(ranges: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for low, high in sorted(ranges):
        if merged and merged[-1][1] >= low:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def test_a_ragged_window_reads_raw_rows_at_its_ends_only() -> None:
    start = datetime(2026, 3, 1, 10, 7, tzinfo=UTC)
    end = datetime(2026, 4, 1, 18, 52, tzinfo=UTC)
    found, _ = planned(start, end, "day", "Asia/Kathmandu")
    assert found.raw == [
        (start, datetime(2026, 3, 1, 10, 15, tzinfo=UTC)),
        (datetime(2026, 4, 1, 18, 45, tzinfo=UTC), end),
    ]


def test_a_local_day_reads_at_most_12_slots_in_any_zone() -> None:
    """Berlin: a day less two hours, and two hours; Kathmandu (+5:45): a quarter day less a
    quarter hour, and a day less that quarter day plus that quarter hour; at worst (9.5 hours
    off UTC: Adelaide, Darwin) 12 slots; never a local day's 24 hours or 96 quarters one by
    one."""
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    for zone, most in (
        ("UTC", 1),
        ("Europe/Berlin", 5),
        ("Asia/Kolkata", 7),
        ("Asia/Kathmandu", 5),
        ("Pacific/Chatham", 10),
        ("Australia/Lord_Howe", 10),
        ("America/St_Johns", 11),
        ("Australia/Adelaide", 12),
        ("Australia/Darwin", 12),
    ):
        found, _ = planned(start, end, "day", zone)
        assert found.raw == []
        slots: Counter[datetime | None] = Counter()
        for run in found.runs:
            slots[run.bucket] += (run.end - run.start) // timedelta(minutes=run.grain)
        assert max(slots.values()) == most, zone
