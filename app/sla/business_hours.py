"""SLA deadlines measured in business hours.

A business calendar is open during local wall-clock intervals on each weekday, in one IANA
timezone, and closed on holiday dates. Each local day's intervals are converted to UTC instants
before any arithmetic, so the time counted is real elapsed time, also across DST changes.
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_END_OF_DAY = time(0)  # as an interval's end: 24:00, the end of the local day

_MAX_CLOSED_DAYS = 3660
_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)
_HHMM = re.compile(r"([0-9]{2}):([0-9]{2})")

_UtcSpan = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class BusinessInterval:
    """Opening hours within one local day, ``[start, end)``; ``end == time(0)`` means 24:00."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("business interval times must be naive local wall-clock times")
        if self.end != _END_OF_DAY and self.start >= self.end:
            raise ValueError(
                f"business interval must start before it ends, got {self.start}-{self.end}"
            )


_WHOLE_DAY = (BusinessInterval(time(0), _END_OF_DAY),)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Weekly opening hours (0=Monday..6=Sunday, a missing day is closed) and closed dates."""

    timezone: str
    weekly_hours: Mapping[int, tuple[BusinessInterval, ...]]
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        _zone_named(self.timezone)
        hours = {weekday: tuple(intervals) for weekday, intervals in self.weekly_hours.items()}
        for weekday, intervals in hours.items():
            _validate_day(weekday, intervals)
        if not any(hours.values()):
            raise ValueError(
                "calendar has no business hours in its week: deadlines would never come"
            )
        # Private copies: mutating the caller's dict or set must not change a frozen calendar.
        object.__setattr__(self, "weekly_hours", MappingProxyType(hours))
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    @classmethod
    def always_open(cls) -> "BusinessCalendar":
        """Open 24 hours a day, 7 days a week, in UTC, with no holidays."""
        return cls(timezone="UTC", weekly_hours=dict.fromkeys(range(7), _WHOLE_DAY))


def parse_hhmm(value: str) -> time:
    """Parse ``"HH:MM"``; ``"24:00"`` gives ``time(0)``, meaning the end of the day."""
    match = _HHMM.fullmatch(value)
    if match is None:
        raise ValueError(f"invalid time {value!r}: expected HH:MM between 00:00 and 24:00")
    hours, minutes = int(match[1]), int(match[2])
    if (hours, minutes) == (24, 0):
        return _END_OF_DAY
    if hours > 23 or minutes > 59:
        raise ValueError(f"invalid time {value!r}: expected HH:MM between 00:00 and 24:00")
    return time(hours, minutes)


def add_business_time(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """The UTC instant at which ``duration`` of business time has elapsed since ``start``.

    Counting begins at ``start`` or, outside business hours, at the next opening. A deadline
    that falls exactly on a closing instant is that closing instant. A zero duration returns
    ``start`` itself (in UTC), even outside business hours.
    """
    start_utc = _as_utc(start, "start")
    if duration < _ZERO:
        raise ValueError(f"duration must not be negative, got {duration}")
    if duration == _ZERO:
        return start_utc
    try:
        if _is_always_open(calendar):
            return start_utc + duration
        return _add_over_open_spans(calendar, start_utc, duration)
    except OverflowError as error:
        raise ValueError("deadline lies beyond the supported date range") from error


def business_time_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Business time elapsed from ``start`` to ``end``; zero if ``end <= start``."""
    start_utc, end_utc = _as_utc(start, "start"), _as_utc(end, "end")
    if end_utc <= start_utc:
        return _ZERO
    if _is_always_open(calendar):
        return end_utc - start_utc
    zone = _zone_named(calendar.timezone)
    total = _ZERO
    for day in _local_days(_local_date(start_utc, zone), _local_date(end_utc, zone)):
        for opens, closes in _open_spans(calendar, zone, day):
            total += max(_ZERO, min(closes, end_utc) - max(opens, start_utc))
    return total


def is_business_time(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Whether ``moment`` is within business hours (openings inclusive, closings exclusive)."""
    instant = _as_utc(moment, "moment")
    if _is_always_open(calendar):
        return True
    zone = _zone_named(calendar.timezone)
    spans = _open_spans(calendar, zone, _local_date(instant, zone))
    return any(opens <= instant < closes for opens, closes in spans)


def _add_over_open_spans(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> datetime:
    zone = _zone_named(calendar.timezone)
    remaining = duration
    closed_days = 0
    day = _local_date(start, zone)
    while True:
        spans = _open_spans_after(calendar, zone, day, start)
        closed_days = 0 if spans else closed_days + 1
        if closed_days > _MAX_CLOSED_DAYS:
            raise ValueError(f"no business hours within {_MAX_CLOSED_DAYS} days after {day}")
        for opens, closes in spans:
            if remaining <= closes - opens:
                return opens + remaining
            remaining -= closes - opens
        day += _ONE_DAY


def _open_spans(calendar: BusinessCalendar, zone: ZoneInfo, day: date) -> list[_UtcSpan]:
    """The business intervals of one local day as sorted, non-overlapping UTC spans."""
    if day in calendar.holidays:
        return []
    spans = []
    for interval in calendar.weekly_hours.get(day.weekday(), ()):
        closing_day = day + _ONE_DAY if interval.end == _END_OF_DAY else day
        opens = _wall_clock_to_utc(day, interval.start, zone)
        closes = _wall_clock_to_utc(closing_day, interval.end, zone)
        if opens < closes:  # an interval lying wholly in a spring-forward gap has no real time
            spans.append((opens, closes))
    return spans


def _open_spans_after(
    calendar: BusinessCalendar, zone: ZoneInfo, day: date, moment: datetime
) -> list[_UtcSpan]:
    spans = _open_spans(calendar, zone, day)
    return [(max(opens, moment), closes) for opens, closes in spans if closes > moment]


def _wall_clock_to_utc(day: date, wall_clock: time, zone: ZoneInfo) -> datetime:
    """The UTC instant at which the local clock first shows ``wall_clock`` on ``day``.

    A time repeated by a fall-back change resolves to its first occurrence (fold=0), for
    openings and closings alike. A time skipped by a spring-forward change resolves to the
    instant the clock jumps, i.e. the first instant the clock shows a later time; this keeps
    the conversion monotonic, so an interval never turns negative.
    """
    local = datetime.combine(day, wall_clock, tzinfo=zone)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
        return instant
    return _end_of_gap(local, zone)


def _end_of_gap(local: datetime, zone: ZoneInfo) -> datetime:
    """The instant a spring-forward gap containing the non-existent ``local`` time ends."""
    # For a skipped time, fold=1 applies the offset from after the jump, giving an instant
    # before it, and fold=0 the offset from before, giving one after it. tz transitions fall on
    # whole seconds, so bisect the whole seconds in between.
    before = int(local.replace(fold=1).astimezone(UTC).timestamp())
    after = int(local.replace(fold=0).astimezone(UTC).timestamp())
    offset_after_jump = datetime.fromtimestamp(after, zone).utcoffset()
    while after - before > 1:
        middle = (before + after) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == offset_after_jump:
            after = middle
        else:
            before = middle
    return datetime.fromtimestamp(after, UTC)


def _validate_day(weekday: int, intervals: tuple[BusinessInterval, ...]) -> None:
    if weekday not in range(7):
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}")
    for interval in intervals:
        if not isinstance(interval, BusinessInterval):
            raise TypeError(f"weekday {weekday}: expected BusinessInterval, got {interval!r}")
    for earlier, later in pairwise(intervals):
        if earlier.end == _END_OF_DAY or earlier.end > later.start:
            raise ValueError(
                f"weekday {weekday}: intervals must be sorted and must not overlap, "
                f"got {earlier.start}-{earlier.end} before {later.start}-{later.end}"
            )


def _is_always_open(calendar: BusinessCalendar) -> bool:
    # Whole days meet at local midnight in any timezone, so real time equals business time.
    return not calendar.holidays and all(
        calendar.weekly_hours.get(weekday) == _WHOLE_DAY for weekday in range(7)
    )


def _zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown IANA timezone {name!r}") from error


def _as_utc(value: datetime, name: str) -> datetime:
    if value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {value!r}")
    return value.astimezone(UTC)


def _local_date(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def _local_days(first: date, last: date) -> Iterator[date]:
    return (first + timedelta(days=offset) for offset in range((last - first).days + 1))
