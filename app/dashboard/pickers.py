"""The dashboard's pickers: what a person may choose, checked, and the window it means.

The period ends with the current day in the chosen time zone (so the last bucket is today,
the others whole local days, weeks or months) and starts that many local days earlier
(DST-correct: local midnights, not multiples of 24 hours).
"""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from app.kit.errors import RequestInvalid, field_error
from app.metrics.schemas import Window

Granularity = Literal["day", "week", "month"]
GroupBy = Literal["channel", "priority", "assignee", "team", "tier"]
PERIOD_DAYS = (7, 30, 90, 180, 365)
GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month")
GROUP_BYS: tuple[GroupBy, ...] = ("channel", "priority", "assignee", "team", "tier")
DEFAULT_PERIOD = 30
MAX_TIME_ZONE_LENGTH = 64


@dataclass(frozen=True, slots=True)
class Pickers:
    period: int = DEFAULT_PERIOD
    granularity: Granularity = "day"
    timezone: str = "UTC"
    group_by: GroupBy | None = None

    def query(self) -> dict[str, str]:
        """The pickers as query parameters (a link to the same view)."""
        chosen = {
            "period": str(self.period),
            "granularity": self.granularity,
            "timezone": self.timezone,
        }
        return {**chosen, "group_by": self.group_by} if self.group_by else chosen

    def with_group_by(self, group_by: GroupBy | None) -> "Pickers":
        return replace(self, group_by=group_by)


def parse_pickers(
    period: str | None, granularity: str | None, timezone: str | None, group_by: str | None
) -> Pickers:
    """The pickers of a request; a RequestInvalid naming every parameter at fault (the problem
    type the metrics API answers for the same mistakes)."""
    errors = []
    chosen = Pickers()
    if period:
        if period.isdigit() and int(period) in PERIOD_DAYS:
            chosen = replace(chosen, period=int(period))
        else:
            errors.append(
                field_error(
                    "/period", f"one of {', '.join(map(str, PERIOD_DAYS))} (days)", location="query"
                )
            )
    if granularity:
        if granularity in GRANULARITIES:
            chosen = replace(chosen, granularity=granularity)
        else:
            errors.append(field_error("/granularity", "day, week or month", location="query"))
    if timezone:
        if known_time_zone(timezone):
            chosen = replace(chosen, timezone=timezone)
        else:
            errors.append(
                field_error(
                    "/timezone",
                    f"unknown time zone {timezone[:MAX_TIME_ZONE_LENGTH]!r}",
                    location="query",
                )
            )
    if group_by:
        if group_by in GROUP_BYS:
            chosen = replace(chosen, group_by=group_by)
        else:
            errors.append(
                field_error("/group_by", f"one of {', '.join(GROUP_BYS)}", location="query")
            )
    if errors:
        raise RequestInvalid("The dashboard's pickers are not valid.", errors=errors)
    return chosen


def known_time_zone(name: str) -> bool:
    if len(name) > MAX_TIME_ZONE_LENGTH:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def time_zones() -> list[str]:
    """The IANA names a person picks from (UTC first)."""
    return ["UTC", *sorted(name for name in available_timezones() if "/" in name)]


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def window_of(pickers: Pickers, now: datetime) -> Window:
    zone = ZoneInfo(pickers.timezone)
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return Window(
        start=local_midnight(tomorrow - timedelta(days=pickers.period), zone),
        end=local_midnight(tomorrow, zone),
        timezone=pickers.timezone,
        granularity=pickers.granularity,
        group_by=pickers.group_by,
    )
