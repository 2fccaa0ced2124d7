"""Which parts of a window the rollups answer and which the raw rows must: pure, no I/O.

Rollups hold UTC quarter hours, hours, quarter days (from 00, 06, 12 and 18 UTC) and days.
Every offset of the IANA zones is a multiple of 15 minutes (Asia/Kolkata +5:30, Asia/Kathmandu
+5:45, Pacific/Chatham +12:45, Lord Howe's half-hour DST), so every bucket bound of a series (a
local day, week or month, DST-correct) falls on a quarter-hour slot's edge. Each bucket is cut
at its own bounds, so a slot never straddles two buckets: whole UTC days inside it come from
day rows, and each part of a UTC day from the fewest rows that sum to it, a slot possibly less
its parts outside (Kathmandu's local day: a quarter day less a quarter hour, and a day less a
quarter day plus a quarter hour). Only a window's own ragged ends and the hours changed since
the last fold are read from raw rows.
"""

import bisect
import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

QUARTER = timedelta(minutes=15)
HOUR = timedelta(hours=1)
QUARTER_DAY = timedelta(hours=6)
DAY = timedelta(days=1)
GRAINS = (DAY, QUARTER_DAY, HOUR, QUARTER)  # largest first; each a whole number of the next
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
    first = bisect.bisect_left(planning.dirty, floor(start, HOUR))
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
    inner_start, inner_end = _ceil(start, QUARTER), floor(end, QUARTER)
    if inner_start >= inner_end:
        _add(planning.raw, start, end)
        return
    _add(planning.raw, start, inner_start)
    _add(planning.raw, inner_end, end)
    day_start, day_end = _ceil(inner_start, DAY), floor(inner_end, DAY)
    if day_start > day_end:  # within one UTC day
        _part_of_day(planning, inner_start, inner_end)
        return
    _part_of_day(planning, inner_start, day_start)
    _run(planning, DAY, day_start, day_end, 1)
    _part_of_day(planning, day_end, inner_end)


Piece = tuple[timedelta, timedelta, timedelta, int]  # grain, start, end, sign


def _part_of_day(planning: _Planning, start: datetime, end: datetime) -> None:
    """Whole quarter hours [start, end) of one UTC day: the fewest slot rows that sum to them
    (a local day in Europe: a day less two hours; in Nepal: a day less three quarters and a
    quarter day, and a quarter day less three quarters; not 18 hours and a quarter)."""
    if start >= end:
        return
    day = floor(start, DAY)
    if _clean_span(planning.dirty, day, day + DAY):
        pieces: Iterable[Piece] = _fewest(start - day, end - day, 0)
    else:  # a day row less its slots outside would count its changed hours' stale rows
        pieces = _part([], planning.dirty, start - day, end - day, 0, day)
    for grain, low, high, sign in pieces:
        _run(planning, grain, day + low, day + high, sign)


@functools.lru_cache(maxsize=4096)
def _fewest(start: timedelta, end: timedelta, level: int) -> tuple[Piece, ...]:
    """`_part` of a day with no changed hour, by offsets from its midnight: the same for every
    day (a series asks it for each of its buckets)."""
    return tuple(_part([], [], start, end, level, EPOCH))


def _part(
    pieces: list[Piece], dirty: Sequence[datetime], start: timedelta, end: timedelta,
    level: int, day: datetime,
) -> list[Piece]:
    """[start, end) (offsets from `day`) within one slot of GRAINS[level]: its slots of the
    grains below, or that slot less its slots of the grains below outside [start, end), which
    ever is fewer rows (that slot only when none of its hours changed since the last fold)."""
    grain = GRAINS[level]
    slot = start - start % grain
    if start == slot and end == slot + grain:
        pieces.append((grain, slot, end, 1))
        return pieces
    direct = _split([], dirty, start, end, level + 1, day)
    if grain > HOUR and not _clean_span(dirty, day + slot, day + slot + grain):
        pieces += direct
        return pieces
    outside = _split([], dirty, slot, start, level + 1, day)
    _split(outside, dirty, end, slot + grain, level + 1, day)
    if 1 + _rows(outside) < _rows(direct):
        pieces.append((grain, slot, slot + grain, 1))
        pieces += [(g, low, high, -sign) for g, low, high, sign in outside]
    else:
        pieces += direct
    return pieces


def _split(
    pieces: list[Piece], dirty: Sequence[datetime], start: timedelta, end: timedelta,
    level: int, day: datetime,
) -> list[Piece]:
    """[start, end) cut at the edges of the slots of GRAINS[level]: whole slots in the middle,
    `_part`s at the ends."""
    if start >= end:
        return pieces
    grain = GRAINS[level]
    inner_start = -(-start // grain) * grain
    inner_end = end // grain * grain
    if inner_start > inner_end:  # within one slot
        return _part(pieces, dirty, start, end, level, day)
    if start < inner_start:
        _part(pieces, dirty, start, inner_start, level, day)
    if inner_start < inner_end:
        pieces.append((grain, inner_start, inner_end, 1))
    if inner_end < end:
        _part(pieces, dirty, inner_end, end, level, day)
    return pieces


def _rows(pieces: Iterable[Piece]) -> int:
    return sum((high - low) // grain for grain, low, high, _ in pieces)


def _clean_span(dirty: Sequence[datetime], start: datetime, end: datetime) -> bool:
    """No hour of [start, end) waits to be folded: its rows are the sums of their parts."""
    first = bisect.bisect_left(dirty, start)
    return first == len(dirty) or dirty[first] >= end


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


def floor(moment: datetime, grain: timedelta) -> datetime:
    """The start of the slot of `grain` (aligned on EPOCH) that holds `moment`."""
    return moment - (moment - EPOCH) % grain


def _ceil(moment: datetime, grain: timedelta) -> datetime:
    start = floor(moment, grain)
    return start if start == moment else start + grain


def hours_of(moments: Iterable[datetime]) -> list[datetime]:
    """The distinct UTC hours of `moments`, sorted."""
    return sorted({floor(moment, HOUR) for moment in moments})


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
