"""Delivery estimates from observed transit times (pure logic, no I/O).

A transit time T is the business time of the carrier's shipping calendar from `shipped_at` to
`delivered_at` (calendar time when the carrier has no shipping calendar). From the transit
times of comparable delivered orders:

- the estimate at confidence c is the c-quantile of T: the smallest observed t such that at
  least a share c of the observed times are <= t (the promise that share would have kept);
- the at-risk probability of an order in transit for `elapsed` with `budget` left to its
  promise (both from its shipment) is P(T <= budget | T > elapsed), and its expected arrival is
  the median of T given T > elapsed.

Every figure comes from the sorted sample; none is invented for an empty one.
"""

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from app.sla.business_hours import BusinessCalendar, add_business_time, business_time_between


class Level(StrEnum):
    """How closely the sample that answered matches the order, most specific first."""

    REGION = "carrier+service_level+destination+region"
    DESTINATION = "carrier+service_level+destination"
    SERVICE = "carrier+service_level"
    CARRIER = "carrier"
    ALL = "all"


FALLBACK_CHAIN: Final = (Level.REGION, Level.DESTINATION, Level.SERVICE, Level.CARRIER, Level.ALL)


@dataclass(frozen=True, slots=True)
class Transit:
    """Sorted transit times of comparable deliveries, in seconds."""

    seconds: tuple[float, ...]

    @classmethod
    def of(cls, values: Iterable[float]) -> "Transit":
        return cls(tuple(sorted(values)))

    def __len__(self) -> int:
        return len(self.seconds)


def quantile(transit: Transit, share: float) -> float | None:
    """The smallest observed time that at least `share` of the sample is at or under (None for
    an empty sample). `share` is in (0, 1]."""
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    if not transit.seconds:
        return None
    rank = math.ceil(share * len(transit.seconds) - 1e-9)
    return transit.seconds[max(rank, 1) - 1]


def share_within(transit: Transit, seconds: float) -> float | None:
    """The observed P(T <= seconds); None for an empty sample."""
    if not transit.seconds:
        return None
    return bisect_right(transit.seconds, seconds) / len(transit.seconds)


def conditional_on_time(transit: Transit, elapsed: float, budget: float) -> float | None:
    """P(T <= budget | T > elapsed): the chance a parcel still in transit after `elapsed`
    arrives within `budget`. None when no comparable parcel took longer than `elapsed` (the
    sample says nothing about this one)."""
    longer = len(transit.seconds) - bisect_right(transit.seconds, elapsed)
    if longer == 0:
        return None
    if budget <= elapsed:
        return 0.0
    arriving = bisect_right(transit.seconds, budget) - bisect_right(transit.seconds, elapsed)
    return arriving / longer


def conditional_median(transit: Transit, elapsed: float) -> float | None:
    """The median of T given T > elapsed (None when no comparable parcel took that long)."""
    start = bisect_right(transit.seconds, elapsed)
    longer = transit.seconds[start:]
    if not longer:
        return None
    return longer[max(math.ceil(len(longer) / 2), 1) - 1]


def fastest(transit: Transit) -> float | None:
    return transit.seconds[0] if transit.seconds else None


def choose_level(
    samples: Sequence[tuple[Level, Transit]], min_sample: int
) -> tuple[Level, Transit] | None:
    """The first level (most specific first) with at least `min_sample` times; else the
    largest non-empty one; None with no history at all."""
    for level, transit in samples:
        if len(transit) >= min_sample:
            return level, transit
    non_empty = [(level, transit) for level, transit in samples if len(transit)]
    if not non_empty:
        return None
    return max(non_empty, key=lambda pair: len(pair[1]))


def transit_seconds(calendar: BusinessCalendar, shipped: datetime, delivered: datetime) -> float:
    return business_time_between(calendar, shipped, delivered).total_seconds()


def arrival(calendar: BusinessCalendar, shipped: datetime, seconds: float) -> datetime:
    """The instant `seconds` of the calendar's business time after `shipped`."""
    return add_business_time(calendar, shipped, timedelta(seconds=seconds))


def business_days(calendar: BusinessCalendar, start: datetime, end: datetime) -> int:
    """Working days of the calendar after the local day of `start`, up to and including the
    local day of `end` (shipped on Monday, delivered on Wednesday: 2 business days)."""
    zone = ZoneInfo(calendar.timezone)
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    return sum(
        1
        for offset in range(1, (last - first).days + 1)
        if _is_working_day(calendar, first + timedelta(days=offset))
    )


def _is_working_day(calendar: BusinessCalendar, day: date) -> bool:
    return bool(calendar.weekly_hours.get(day.weekday())) and day not in calendar.holidays


def days_label(fewest: int, most: int, *, business: bool = True) -> str:
    """ "3-5 business days", "1 business day", "2-4 days"."""
    unit = ("business day" if business else "day") + ("" if fewest == most == 1 else "s")
    return f"{most} {unit}" if fewest == most else f"{fewest}-{most} {unit}"


@dataclass(frozen=True, slots=True)
class Risk:
    """How likely an order is to arrive by its promise."""

    probability: float
    expected_seconds: float | None  # the conditional median of T (None: none took this long)
    at_risk: bool


def risk_in_transit(transit: Transit, elapsed: float, budget: float, threshold: float) -> Risk:
    """An order `elapsed` into its transit, with `budget` from its shipment to its promise.
    When no comparable parcel took as long as this one already has, its chance is taken as 0."""
    probability = conditional_on_time(transit, elapsed, budget)
    chance = 0.0 if probability is None else probability
    return Risk(chance, conditional_median(transit, elapsed), chance < threshold)


def risk_before_shipment(transit: Transit, remaining: float, threshold: float) -> Risk:
    """An order not shipped yet, were it shipped now with `remaining` left to its promise."""
    chance = share_within(transit, remaining) or 0.0
    return Risk(chance, quantile(transit, 0.5), chance < threshold)


def risk_starts_after(transit: Transit, budget: float, threshold: float) -> float:
    """The elapsed transit time from which P(T <= budget | T > elapsed) < threshold.

    With F the observed CDF, the chance is below the threshold exactly when
    F(elapsed) > (F(budget) - threshold) / (1 - threshold) (or the promise has passed): F never
    decreases, so once an order is at risk it stays so, and the moment it becomes so is 0, one
    of the observed times, or the promise. A watch can sleep until then.
    """
    values = transit.seconds

    def at_risk(elapsed: float) -> bool:
        return risk_in_transit(transit, elapsed, budget, threshold).at_risk

    if not values or at_risk(0.0):
        return 0.0
    low, high = 0, len(values) - 1  # at the longest observed time, nothing is left: at risk
    while low < high:
        middle = (low + high) // 2
        if at_risk(values[middle]):
            high = middle
        else:
            low = middle + 1
    return min(values[low], budget)
