"""Metric arithmetic with no I/O: percentages (NPS too) and the time buckets of a series."""

from datetime import date, datetime, time, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from app.kit.enums import EnumName

Granularity = Annotated[Literal["day", "week", "month"], EnumName("Granularity")]


def percent(numerator: int, denominator: int) -> float | None:
    """None when nothing was measured. NPS is percent(promoters - detractors, responses)."""
    if denominator <= 0:
        return None
    return round(100.0 * numerator / denominator, 2)



def bucket_starts(
    start: datetime, end: datetime, granularity: Granularity, timezone: str
) -> list[datetime]:
    """Local-calendar bucket starts (aware, in `timezone`) of the buckets that overlap
    [start, end). They match PostgreSQL's date_trunc(granularity, ts, timezone): days start
    at local midnight (DST-correct), weeks on Monday, months on the 1st."""
    zone = ZoneInfo(timezone)
    day = _truncate(start.astimezone(zone).date(), granularity)
    starts = []
    while (bucket := datetime.combine(day, time.min, tzinfo=zone)) < end:
        starts.append(bucket)
        day = _next_bucket(day, granularity)
    return starts


def _truncate(day: date, granularity: Granularity) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def _next_bucket(day: date, granularity: Granularity) -> date:
    if granularity == "day":
        return day + timedelta(days=1)
    if granularity == "week":
        return day + timedelta(days=7)
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
