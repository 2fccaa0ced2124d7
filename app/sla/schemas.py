import uuid
from datetime import date, datetime
from itertools import pairwise
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from app.kit.enums import EnumName, NamedEnum
from app.kit.inputs import Input, Omittable
from app.sla.business_hours import BusinessInterval, parse_hhmm
from app.sla.rules import DEFAULT_PAUSE_STATUSES
from app.sla.types import ExpectationStatus
from app.tickets.vocabulary import Channel, Priority, TicketStatus, Tier

Weekday = Annotated[
    Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], EnumName("Weekday")
]
PauseStatus = Annotated[
    TicketStatus, NamedEnum(TicketStatus.PENDING, TicketStatus.ON_HOLD, name="PauseStatus")
]

MINUTES_PER_YEAR = 525_600
START_OF_DAY, END_OF_DAY = "00:00", "24:00"


def _valid_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown IANA timezone {name!r}") from error
    return name


def _valid_hhmm(value: str) -> str:
    parse_hhmm(value)
    return value


def _valid_interval(pair: tuple[str, str]) -> tuple[str, str]:
    start, end = pair
    if start == END_OF_DAY:
        raise ValueError('"24:00" only ends an interval; a day starts at "00:00"')
    if end == START_OF_DAY:
        raise ValueError('"00:00" only starts an interval; open until midnight ends at "24:00"')
    BusinessInterval(parse_hhmm(start), parse_hhmm(end))
    return pair


def _sorted_without_overlap(intervals: list[tuple[str, str]]) -> list[tuple[str, str]]:
    for (_, earlier_end), (later_start, _) in pairwise(intervals):
        if earlier_end == END_OF_DAY or earlier_end > later_start:
            raise ValueError("intervals must be sorted and must not overlap")
    return intervals


def _some_hours(week: dict[Weekday, list[tuple[str, str]]]) -> dict[Weekday, list[tuple[str, str]]]:
    if not any(week.values()):
        raise ValueError("a calendar needs business hours on at least one day")
    return week


Timezone = Annotated[str, Field(max_length=64), AfterValidator(_valid_timezone)]
# What parse_hhmm accepts, shown in the document (the validator gives the clearer message).
HHMM_PATTERN = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
HHMM_SCHEMA = {"type": "string", "pattern": HHMM_PATTERN}
HHMM = Annotated[str, AfterValidator(_valid_hhmm), WithJsonSchema(HHMM_SCHEMA)]
# [start, end]: both are HH:MM, so a plain `items` states it (linters want one with arrays).
INTERVAL_SCHEMA = {"type": "array", "items": HHMM_SCHEMA, "minItems": 2, "maxItems": 2}
OpeningInterval = Annotated[
    tuple[HHMM, HHMM], AfterValidator(_valid_interval), WithJsonSchema(INTERVAL_SCHEMA)
]
OpeningHours = Annotated[tuple[str, str], WithJsonSchema(INTERVAL_SCHEMA)]  # as stored
DayHours = Annotated[
    list[OpeningInterval], Field(max_length=12), AfterValidator(_sorted_without_overlap)
]
WeeklyHours = Annotated[dict[Weekday, DayHours], AfterValidator(_some_hours)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Holidays = Annotated[list[date], Field(max_length=1000)]


class CalendarCreate(Input):
    name: Name
    timezone: Timezone = Field(
        description="IANA timezone, e.g. Europe/Berlin; a name not in the IANA database is a 422"
    )
    weekly_hours: WeeklyHours = Field(
        description='opening intervals per weekday, e.g. {"mon": [["09:00","12:00"],'
        '["13:00","17:00"]]}; "00:00" may only start an interval and "24:00" only end one;'
        ' a missing day is closed. Each interval starts before it ends, a day\'s intervals are'
        ' sorted and do not overlap, and at least one day is open (else a 422)'
    )
    holidays: Holidays = Field(default_factory=list)


class CalendarUpdate(Input):
    """Omit a field to leave it as it is (null is refused)."""

    name: Omittable[Name] = None
    timezone: Omittable[Timezone] = None
    weekly_hours: Omittable[WeeklyHours] = None
    holidays: Omittable[Holidays] = None


class CalendarOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    timezone: str
    weekly_hours: dict[str, list[OpeningHours]]
    holidays: list[date]
    created_at: datetime
    updated_at: datetime


class TargetDefinition(Input):
    target_minutes: int = Field(ge=1, le=MINUTES_PER_YEAR)
    business_hours: bool = Field(
        default=False, description="count only the policy calendar's business hours"
    )
    warn_before_minutes: int = Field(
        default=0, ge=0, le=MINUTES_PER_YEAR,
        description="emit sla.warning when this much of the target remains (0: no warning);"
        " less than target_minutes (else a 422)",
    )

    @field_validator("warn_before_minutes")
    @classmethod
    def _inside_target(cls, warn_before: int, info: ValidationInfo) -> int:
        target = info.data.get("target_minutes")
        if target is not None and warn_before >= target:
            raise ValueError("must be less than target_minutes")
        return warn_before


class Targets(Input):
    first_response: TargetDefinition | None = None
    next_response: TargetDefinition | None = None
    resolution: TargetDefinition | None = None


def _default_pause_statuses() -> list[TicketStatus]:
    return list(DEFAULT_PAUSE_STATUSES)


Tag = Annotated[str, Field(min_length=1, max_length=64)]


class Conditions(Input):
    """All given lists must match (an empty list matches anything); tags match any of them."""

    priorities: list[Annotated[Priority, NamedEnum()]] = Field(default_factory=list)
    channels: list[Annotated[Channel, NamedEnum()]] = Field(default_factory=list)
    tiers: list[Annotated[Tier, NamedEnum()]] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list, max_length=50)


Position = Annotated[int, Field(ge=0, le=1_000_000)]


class PolicyCreate(Input):
    name: Name
    position: Position = Field(default=100, description="lowest first; the first match wins")
    calendar_id: uuid.UUID | None = Field(
        default=None,
        description="business calendar; none means calendar time, 24x7. It must exist (else a"
        " 422 unknown-reference), and targets in business hours need one (else a 422)",
    )
    conditions: Conditions = Field(default_factory=Conditions)
    targets: Targets
    pause_statuses: list[PauseStatus] = Field(default_factory=_default_pause_statuses)
    escalate_on_breach: bool = Field(default=False, description="move the ticket to tier 2")


class PolicyUpdate(Input):
    """Omit a field to leave it as it is; null is refused but for `calendar_id` (24x7)."""

    name: Omittable[Name] = None
    position: Omittable[Position] = None
    calendar_id: uuid.UUID | None = None
    conditions: Omittable[Conditions] = None
    targets: Omittable[Targets] = None
    pause_statuses: Omittable[list[PauseStatus]] = None
    escalate_on_breach: Omittable[bool] = None


class PolicyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    position: int
    calendar_id: uuid.UUID | None
    conditions: Conditions
    targets: Targets
    pause_statuses: list[str]
    escalate_on_breach: bool
    version: int = Field(description="incremented by every change")
    created_at: datetime
    updated_at: datetime


class Expectation(BaseModel):
    status: Annotated[ExpectationStatus, NamedEnum()]
    due_at: datetime | None = Field(description="null while paused (waiting on the customer)")
    met_at: datetime | None
    breached_at: datetime | None


class Expectations(BaseModel):
    """What the shop promised this customer, ready to show them."""

    policy_name: str | None
    first_response: Expectation | None
    next_response: Expectation | None
    resolution: Expectation | None


class Promise(BaseModel):
    """One promise made when the ticket was opened."""

    due_at: datetime | None = Field(
        description="when it is due; null if the ticket was opened in a pause status"
    )
    business_hours: bool = Field(
        description="true: counted in the policy calendar's business hours; false: calendar time"
    )


class Promised(BaseModel):
    """What the policy promised a new ticket: its first response and its resolution."""

    policy_name: str | None = Field(description="null: no policy applies, nothing is promised")
    first_response: Promise | None
    resolution: Promise | None
