"""Which parts of a window the rollups answer and which the raw rows must: pure, no I/O.

Rollups hold UTC quarter hours, hours and days. Every offset of the IANA zones is a multiple of
15 minutes (Asia/Kolkata +5:30, Asia/Kathmandu +5:45, Pacific/Chatham +12:45, Lord Howe's
half-hour DST), so every bucket bound of a series (a local day, week or month, DST-correct)
falls on a quarter-hour slot's edge. Each bucket is cut at its own bounds, so a slot never
straddles two buckets: whole UTC days inside it come from day rows, whole hours around them
from hour rows, the quarter hours left from quarter rows (or a day less the slots outside the
bucket, when those are fewer), and only a window's own ragged ends and the hours changed since
the last fold from raw rows.
"""

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

QUARTER = timedelta(minutes=15)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
GRAINS = (DAY, HOUR, QUARTER)  # largest first; each a whole number of the next
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # a UTC midnight: every grain is aligned on it

# Durations: log-spaced bins, DDSketch style. A value v > 0 falls in bin ceil(log_gamma v) and
# is answered as 2 gamma^i / (gamma + 1): within RELATIVE_ERROR of every value of its bin.
RELATIVE_ERROR = 0.01
GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR)
LN_GAMMA = math.log(GAMMA)
ZERO_BIN = -(2**31)  # durations of zero (or less) seconds


@dataclass(frozen=True, slots=True)
class Run:
    """Rollup slots of one grain (minutes) from `start` to `end`, added (sign 1) or taken away
    (-1: the slots of a day row outside the bucket), counted in the bucket starting `bucket`
    (None: the whole window)."""

    grain: int
    start: datetime
    end: datetime
    sign: int
    bucket: datetime | None


@dataclass(frozen=True, slots=True)
class Plan:
    """`runs` of rollup slots and `raw`: [start, end) ranges of raw rows; together they cover
    the window exactly once."""

    runs: list[Run] = field(default_factory=list)
    raw: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass(slots=True)
class _Planning:
    dirty: Sequence[datetime]
    runs: list[Run] = field(default_factory=list)
    raw: list[tuple[datetime, datetime]] = field(default_factory=list)
    bucket: datetime | None = None


def plan(
    bounds: Sequence[datetime],
    dirty: Sequence[datetime],
    raw_from: datetime | None = None,
    buckets: Sequence[datetime | None] | None = None,
) -> Plan:
    """Cover [bounds[0], bounds[-1]) cut at every bound, the part between two bounds counted in
    the bucket `buckets[i]` (default: none), skipping the `dirty` hours (sorted UTC hour
    starts, changed since the last fold) and everything from `raw_from` on (what depends on the
    present: an order promised later may still arrive)."""
    planning = _Planning(dirty)
    # In UTC: an aware datetime in a zone adds a timedelta to its wall clock, not to the instant.
    bounds = [bound.astimezone(UTC) for bound in bounds]
    raw_from = None if raw_from is None else raw_from.astimezone(UTC)
    labels = buckets if buckets is not None else [None] * len(bounds)
    for (start, end), bucket in zip(itertools.pairwise(bounds), labels, strict=False):
        planning.bucket = bucket
        if raw_from is not None and end > raw_from:
            if start < raw_from:
                _clean(planning, start, raw_from)
            _add(planning.raw, max(start, raw_from), end)
            continue
        _clean(planning, start, end)
    return Plan(_merged(planning.runs), _merged_raw(planning.raw))


def _clean(planning: _Planning, start: datetime, end: datetime) -> None:
    """[start, end) minus the dirty hours in it, each clean stretch covered by slots."""
    at = start
    first = bisect.bisect_left(planning.dirty, _floor(start, HOUR))
    for hour in planning.dirty[first:]:
        if hour >= end:
            break
        _cover(planning, at, max(at, hour))
        _add(planning.raw, max(at, hour), min(end, hour + HOUR))
        at = max(at, hour + HOUR)
    if at < end:
        _cover(planning, at, end)


def _cover(planning: _Planning, start: datetime, end: datetime) -> None:
    """[start, end) as whole days in the middle, the slots of a part of a day around them, raw
    rows at the ends (what is not whole quarter hours)."""
    if start >= end:
        return
    inner_start, inner_end = _ceil(start, QUARTER), _floor(end, QUARTER)
    if inner_start >= inner_end:
        _add(planning.raw, start, end)
        return
    _add(planning.raw, start, inner_start)
    _add(planning.raw, inner_end, end)
    day_start, day_end = _ceil(inner_start, DAY), _floor(inner_end, DAY)
    if day_start > day_end:  # within one UTC day
        _part_of_day(planning, inner_start, inner_end)
        return
    _part_of_day(planning, inner_start, day_start)
    _run(planning, DAY, day_start, day_end, 1)
    _part_of_day(planning, day_end, inner_end)


def _part_of_day(planning: _Planning, start: datetime, end: datetime) -> None:
    """Whole quarter hours [start, end) of one UTC day: their fewest slots, or the day less the
    fewest slots outside them when that reads fewer rows (a local day in Europe: a day less
    two hours; in Nepal: a day less three quarters and five hours, not 18 hours and a
    quarter)."""
    if start >= end:
        return
    day = _floor(start, DAY)
    outside = _slot_count(day, start) + _slot_count(end, day + DAY)
    if 1 + outside >= _slot_count(start, end) or not _clean_day(planning.dirty, day):
        _slots(planning, start, end, 1)
        return
    _run(planning, DAY, day, day + DAY, 1)
    _slots(planning, day, start, -1)
    _slots(planning, end, day + DAY, -1)


def _slots(planning: _Planning, start: datetime, end: datetime, sign: int) -> None:
    """Whole quarter hours [start, end) within one UTC day as whole hours and the quarters
    around them."""
    hours_start, hours_end = _ceil(start, HOUR), _floor(end, HOUR)
    if hours_start >= hours_end:
        _run(planning, QUARTER, start, end, sign)
        return
    _run(planning, QUARTER, start, hours_start, sign)
    _run(planning, HOUR, hours_start, hours_end, sign)
    _run(planning, QUARTER, hours_end, end, sign)


def _slot_count(start: datetime, end: datetime) -> int:
    """How many slots `_slots` reads for [start, end)."""
    if start >= end:
        return 0
    hours_start, hours_end = _ceil(start, HOUR), _floor(end, HOUR)
    if hours_start >= hours_end:
        return (end - start) // QUARTER
    return (
        (hours_start - start) // QUARTER + (hours_end - hours_start) // HOUR
        + (end - hours_end) // QUARTER
    )


def _clean_day(dirty: Sequence[datetime], day: datetime) -> bool:
    """No hour of the day waits to be folded: its day row is the sum of its hour rows."""
    first = bisect.bisect_left(dirty, day)
    return first == len(dirty) or dirty[first] >= day + DAY


def _run(planning: _Planning, grain: timedelta, start: datetime, end: datetime, sign: int) -> None:
    if start < end:
        minutes = int(grain / timedelta(minutes=1))
        planning.runs.append(Run(minutes, start, end, sign, planning.bucket))


def _add(raw: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> None:
    if start < end:
        raw.append((start, end))


def _merged(runs: list[Run]) -> list[Run]:
    """Adjacent runs of one grain, sign and bucket as one range."""
    merged: list[Run] = []
    last: dict[tuple[int, int, datetime | None], int] = {}
    for run in runs:
        key = (run.grain, run.sign, run.bucket)
        index = last.get(key)
        if index is not None and merged[index].end == run.start:
            previous = merged[index]
            merged[index] = Run(run.grain, previous.start, run.end, run.sign, run.bucket)
            continue
        last[key] = len(merged)
        merged.append(run)
    return merged


def _merged_raw(raw: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(raw):
        if merged and merged[-1][1] >= start:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _floor(moment: datetime, grain: timedelta) -> datetime:
    return moment - (moment - EPOCH) % grain


def _ceil(moment: datetime, grain: timedelta) -> datetime:
    floor = _floor(moment, grain)
    return floor if floor == moment else floor + grain


def hours_of(moments: Iterable[datetime]) -> list[datetime]:
    """The distinct UTC hours of `moments`, sorted."""
    return sorted({_floor(moment, HOUR) for moment in moments})


def bin_value(index: int) -> float:
    """What a bin answers for each of its values."""
    if index == ZERO_BIN:
        return 0.0
    return 2 * GAMMA**index / (GAMMA + 1)


def quantile(histogram: dict[int, int], q: float) -> float | None:
    """percentile_cont(q) over the binned values: the bin values of the two ranks around
    q (n - 1), interpolated as PostgreSQL interpolates the values themselves, so the answer is
    within RELATIVE_ERROR of the exact one."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = q * (total - 1)
    lower, fraction = int(rank), rank - int(rank)
    low = _value_at(histogram, lower)
    if fraction == 0:
        return low
    return low + fraction * (_value_at(histogram, lower + 1) - low)


def _value_at(histogram: dict[int, int], rank: int) -> float:
    seen = 0
    for index in sorted(histogram):
        seen += histogram[index]
        if seen > rank:
            return bin_value(index)
    raise ValueError(f"rank {rank} beyond the {seen} values")
