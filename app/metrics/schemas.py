import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.kit.enums import EnumName, NamedEnum
from app.metrics.formulas import Granularity
from app.metrics.types import MetricName
from app.sla.types import SlaMetric

MetricKind = Annotated[Literal["ratio", "score", "duration", "count"], EnumName("MetricKind")]
GroupBy = Annotated[Literal["channel", "priority", "assignee", "team", "tier"], EnumName("GroupBy")]


@dataclass(frozen=True, slots=True)
class Window:
    """The period a figure covers; for a series, its buckets and grouping too."""

    start: datetime
    end: datetime
    timezone: str = "UTC"
    granularity: Granularity | None = None
    group_by: GroupBy | None = None


RecordPart = Annotated[Literal["numerator", "denominator"], EnumName("RecordPart")]


@dataclass(frozen=True, slots=True)
class RecordFilters:
    """Which of a figure's records to list: one bucket's [start, end), one group, one part."""

    bucket: tuple[datetime, datetime] | None = None
    group: str | None = None
    part: RecordPart | None = None


class Figure(BaseModel):
    """A percentage (or score) with what it was computed from; value null when nothing was
    measured (denominator 0)."""

    value: float | None
    numerator: int
    denominator: int
    sample_size: int


class FcrFigure(Figure):
    zero_reply_resolutions: int = Field(description="solved without any public agent reply")


class DurationFigure(BaseModel):
    median_seconds: float | None
    p90_seconds: float | None
    sample_size: int
    time_basis: Literal["policy"] = Field(
        default="policy",
        description="business hours where the ticket's SLA policy counts them, calendar time "
        "otherwise (and for tickets without a policy)",
    )
    relative_error: float | None = Field(
        default=None,
        description="null: median and p90 are exact (PostgreSQL's percentile_cont over the "
        "records); a number: they come from the rollups' mergeable histograms and are within "
        "this relative error of the exact values (0.01: 1 %)",
    )


class Backlog(BaseModel):
    total: int
    by_status: dict[str, int]
    by_age: dict[str, int] = Field(description="under_1d, 1d_to_3d, 3d_to_7d, over_7d")


class SlaCompliance(BaseModel):
    first_response: Figure
    next_response: Figure
    resolution: Figure


class Observed(BaseModel):
    median_seconds: float | None
    p90_seconds: float | None
    p95_seconds: float | None
    sample_size: int
    relative_error: float | None = Field(
        default=None,
        description="null: median, p90 and p95 are exact (PostgreSQL's percentile_cont over the "
        "tickets); a number: they come from the calibration rollups' mergeable histograms and "
        "are within this relative error of the exact values (0.01: 1 %)",
    )


class CalibrationRow(BaseModel):
    priority: str
    metric: Annotated[SlaMetric, NamedEnum()]
    target_seconds: float = Field(description="the target most often promised in the period")
    target_business_hours: bool
    met: Figure = Field(description="targets met / met + breached")
    observed: Observed | None = Field(
        description="calendar time from creation to first reply (first_response) or first "
        "solve (resolution) of tickets created in the period; null for next_response"
    )
    suggested_target_p90_seconds: float | None = Field(
        description="the target that would have been met 90 % of the time"
    )
    suggested_target_p95_seconds: float | None


class Calibration(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    period_from: datetime = Field(alias="from")
    period_to: datetime = Field(alias="to")
    rows: list[CalibrationRow]


class Summary(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    period_from: datetime = Field(alias="from")
    period_to: datetime = Field(alias="to")
    as_of: datetime | None = Field(
        default=None,
        description="every change committed before this instant is counted (the rollups "
        "answer for the hours folded, raw rows for the rest)",
    )
    csat: Figure = Field(description="answers rating 4-5 of 5 / all CSAT answers x 100")
    nps: Figure = Field(
        description="numerator: promoters (9-10) minus detractors (0-6); value -100..100"
    )
    expectations_met: Figure
    survey_response_rate: Figure
    sla_compliance: SlaCompliance
    fcr: FcrFigure
    retention: Figure = Field(
        description="customers of the equal period just before the window who ordered again"
        " within it / customers of that earlier period x 100"
    )
    delivery_on_time: Figure
    first_response_time: DurationFigure
    resolution_time: DurationFigure
    tickets_created: int
    tickets_solved: int
    backlog: Backlog


class Point(BaseModel):
    bucket_start: datetime
    value: int | float | None = None
    numerator: int | None = None
    denominator: int | None = None
    median_seconds: float | None = None
    p90_seconds: float | None = None
    sample_size: int


class Series(BaseModel):
    group: str | None = Field(description="the group_by value; null without group_by")
    points: list[Point]


class MetricSeries(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    metric: MetricName
    kind: MetricKind
    granularity: Granularity
    timezone: str
    group_by: GroupBy | None
    period_from: datetime = Field(alias="from")
    period_to: datetime = Field(alias="to")
    as_of: datetime | None = Field(
        default=None,
        description="every change committed before this instant is counted (the rollups "
        "answer for the hours folded, raw rows for the rest)",
    )
    percentile_relative_error: float | None = Field(
        default=None,
        description="durations: null when median_seconds and p90_seconds are exact, else the "
        "relative error they are within (the rollups' histograms)",
    )
    series: list[Series]


RecordType = Annotated[
    Literal["ticket", "survey_answer", "survey_invitation", "sla_target", "order"],
    EnumName("RecordType"),
]


class MetricRecord(BaseModel):
    """One record behind a figure: a ticket, survey answer, invitation, SLA target or order,
    with the ticket it concerns and whether it counts in the numerator and denominator."""

    record_type: RecordType
    id: uuid.UUID = Field(description="the record's id (a survey answer's: its response's)")
    ticket_id: uuid.UUID | None
    ticket_number: int | None
    measured_at: datetime = Field(
        description="the time that places it in the window and its bucket (creation, first"
        " solve, answer, SLA due time, delivery promise: the metric's time column)"
    )
    created_at: datetime | None
    value: float | None = Field(
        description="what was measured: the answer's score (csat, nps, expectations_met), the"
        " public agent replies at first solve (fcr), the seconds (durations), the seconds"
        " delivered after the promise (delivery_on_time, negative when early); null otherwise"
    )
    detail: str | None = Field(
        description="the ticket's status, the question's key, the invitation's trigger, the"
        " target's metric and status, or the order's external reference"
    )
    channel: str | None
    priority: str | None
    tier: int | None
    assignee: str | None
    team: str | None
    in_numerator: bool
    in_denominator: bool = Field(description="true: every record listed counts in the figure")
    numerator_weight: int = Field(
        description="what it adds to the numerator: 1, 0, or -1 (an NPS detractor); the sum"
        " over the records is the figure's numerator"
    )
