"""Assemble metric answers from the repository's aggregates."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.db import Database
from app.kit.errors import invalid_field
from app.kit.pagination import Page, PageParams
from app.metrics.errors import (
    BucketNotInWindow,
    GroupWithoutGroupBy,
    MetricNotGroupable,
    MetricWithoutRecords,
    PartNotApplicable,
)
from app.metrics.formulas import bucket_starts, percent
from app.metrics.measures import (
    CSAT,
    EXPECTATIONS_MET,
    FCR,
    FIRST_RESPONSE_TIME,
    NPS,
    RESOLUTION_TIME,
    SURVEY_RESPONSE_RATE,
    TICKETS_CREATED,
    TICKETS_SOLVED,
    Measure,
    delivery_on_time,
    sla_compliance,
)
from app.metrics.repository import (
    Counts,
    Durations,
    Key,
    MetricsRepository,
    TargetTerms,
)
from app.metrics.schemas import (
    Backlog,
    Calibration,
    CalibrationRow,
    DurationFigure,
    FcrFigure,
    Figure,
    MetricKind,
    MetricRecord,
    MetricSeries,
    Observed,
    Point,
    RecordFilters,
    RecordPart,
    Series,
    SlaCompliance,
    Summary,
    Window,
)
from app.metrics.types import MetricName
from app.sla.types import SlaMetric

AGE_BANDS = ("under_1d", "1d_to_3d", "3d_to_7d", "over_7d")
OBSERVED_METRICS = (SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)
Rows = dict[Key, Counts] | dict[Key, Durations]
Fetch = Callable[[MetricsRepository, Window, datetime], Awaitable[Rows]]


@dataclass(frozen=True, slots=True)
class Metric:
    kind: MetricKind
    fetch: Fetch
    groupable: bool
    measure: Callable[[datetime], Measure] | None  # what its records are; None: none listed


def _always(measure: Measure) -> Callable[[datetime], Measure]:
    return lambda now: measure


METRICS: dict[MetricName, Metric] = {
    MetricName.CSAT: Metric("ratio", lambda r, w, now: r.csat(w), True, _always(CSAT)),
    MetricName.NPS: Metric("score", lambda r, w, now: r.nps(w), True, _always(NPS)),
    MetricName.EXPECTATIONS_MET: Metric(
        "ratio", lambda r, w, now: r.expectations_met(w), False, _always(EXPECTATIONS_MET)
    ),
    MetricName.SLA_COMPLIANCE: Metric(
        "ratio", lambda r, w, now: r.sla_compliance(w), True, _always(sla_compliance())
    ),
    MetricName.SURVEY_RESPONSE_RATE: Metric(
        "ratio", lambda r, w, now: r.survey_response_rate(w), False,
        _always(SURVEY_RESPONSE_RATE),
    ),
    MetricName.FCR: Metric(
        "ratio", lambda r, w, now: r.first_contact_resolution(w), True, _always(FCR)
    ),
    MetricName.RETENTION: Metric("ratio", lambda r, w, now: r.retention(w), False, None),
    MetricName.DELIVERY_ON_TIME: Metric(
        "ratio", lambda r, w, now: r.delivery_on_time(w, now), False, delivery_on_time
    ),
    MetricName.FIRST_RESPONSE_TIME: Metric(
        "duration", lambda r, w, now: r.first_response_time(w), True,
        _always(FIRST_RESPONSE_TIME),
    ),
    MetricName.RESOLUTION_TIME: Metric(
        "duration", lambda r, w, now: r.resolution_time(w), True, _always(RESOLUTION_TIME)
    ),
    MetricName.TICKETS_CREATED: Metric(
        "count", lambda r, w, now: r.tickets_created(w), True, _always(TICKETS_CREATED)
    ),
    MetricName.TICKETS_SOLVED: Metric(
        "count", lambda r, w, now: r.tickets_solved(w), True, _always(TICKETS_SOLVED)
    ),
}


def _figure(counts: Counts | None) -> Figure:
    counts = counts or Counts(0, 0)
    return Figure(
        value=percent(counts.numerator, counts.denominator),
        numerator=counts.numerator,
        denominator=counts.denominator,
        sample_size=counts.denominator,
    )


def _duration(durations: Durations | None) -> DurationFigure:
    durations = durations or Durations(None, None, 0)
    return DurationFigure(
        median_seconds=durations.median_seconds,
        p90_seconds=durations.p90_seconds,
        sample_size=durations.sample_size,
    )


WHOLE: Key = (None, None)


async def summary(session: AsyncSession, window: Window, now: datetime) -> Summary:
    repository = MetricsRepository(session)
    fcr = (await repository.first_contact_resolution(window)).get(WHOLE, Counts(0, 0))
    created = (await repository.tickets_created(window)).get(WHOLE, Counts(0, 0))
    solved = (await repository.tickets_solved(window)).get(WHOLE, Counts(0, 0))
    return Summary(
        period_from=window.start,
        period_to=window.end,
        csat=_figure((await repository.csat(window)).get(WHOLE)),
        nps=_figure((await repository.nps(window)).get(WHOLE)),
        expectations_met=_figure((await repository.expectations_met(window)).get(WHOLE)),
        survey_response_rate=_figure((await repository.survey_response_rate(window)).get(WHOLE)),
        sla_compliance=SlaCompliance(**{
            metric: _figure((await repository.sla_compliance(window, metric)).get(WHOLE))
            for metric in SlaMetric
        }),
        fcr=FcrFigure(**_figure(fcr).model_dump(), zero_reply_resolutions=fcr.extra),
        retention=_figure((await repository.retention(window)).get(WHOLE)),
        delivery_on_time=_figure((await repository.delivery_on_time(window, now)).get(WHOLE)),
        first_response_time=_duration((await repository.first_response_time(window)).get(WHOLE)),
        resolution_time=_duration((await repository.resolution_time(window)).get(WHOLE)),
        tickets_created=created.numerator,
        tickets_solved=solved.numerator,
        backlog=await _backlog(repository, now),
    )


async def _backlog(repository: MetricsRepository, now: datetime) -> Backlog:
    rows = await repository.backlog(now)
    by_age = dict.fromkeys(AGE_BANDS, 0)
    for _, *bands in rows:
        for band, count in zip(AGE_BANDS, bands, strict=True):
            by_age[band] += count
    by_status = {status: sum(bands) for status, *bands in rows}
    return Backlog(total=sum(by_status.values()), by_status=by_status, by_age=by_age)


async def calibration(session: AsyncSession, window: Window) -> Calibration:
    """What was promised per priority and metric, how often it held, and what the observed
    times say could be promised instead."""
    repository = MetricsRepository(session)
    terms = await repository.targets_by_priority(window)
    observed = {metric: await repository.observed_by_priority(window, metric)
                for metric in OBSERVED_METRICS}
    rows = [_calibration_row(term, observed.get(term.metric, {}).get(term.priority))
            for term in sorted(terms, key=lambda t: (t.priority, list(SlaMetric).index(t.metric)))]
    return Calibration(period_from=window.start, period_to=window.end, rows=rows)


def _calibration_row(
    term: TargetTerms, observed: tuple[float | None, float | None, float | None, int] | None
) -> CalibrationRow:
    median, p90, p95, sample = observed or (None, None, None, 0)
    return CalibrationRow(
        priority=term.priority,
        metric=term.metric,
        target_seconds=term.target_seconds,
        target_business_hours=term.business_hours,
        met=_figure(Counts(term.met, term.settled)),
        observed=None if observed is None else Observed(
            median_seconds=median, p90_seconds=p90, p95_seconds=p95, sample_size=sample
        ),
        suggested_target_p90_seconds=p90,
        suggested_target_p95_seconds=p95,
    )


async def series(
    session: AsyncSession, name: MetricName, window: Window, now: datetime
) -> MetricSeries:
    metric = _metric(name, window)
    assert window.granularity is not None
    rows = await metric.fetch(MetricsRepository(session), window, now)
    starts = bucket_starts(window.start, window.end, window.granularity, window.timezone)
    groups = sorted({group for _, group in rows}, key=lambda g: (g is None, g or ""))
    return MetricSeries(
        metric=name, kind=metric.kind, granularity=window.granularity, timezone=window.timezone,
        group_by=window.group_by, period_from=window.start, period_to=window.end,
        series=[
            Series(group=group, points=[_point(metric.kind, rows, s, group) for s in starts])
            for group in (groups or [None])
        ],
    )


def _point(kind: MetricKind, rows: Rows, start: datetime, group: str | None) -> Point:
    found = rows.get((start, group))
    if kind == "duration":
        durations = found if isinstance(found, Durations) else Durations(None, None, 0)
        return Point(
            bucket_start=start, median_seconds=durations.median_seconds,
            p90_seconds=durations.p90_seconds, sample_size=durations.sample_size,
        )
    counts = found if isinstance(found, Counts) else Counts(0, 0)
    return Point(
        bucket_start=start, value=_value(kind, counts),
        numerator=counts.numerator, denominator=counts.denominator,
        sample_size=counts.denominator,
    )


def _value(kind: MetricKind, counts: Counts) -> float | int | None:
    if kind == "count":
        return counts.numerator
    return percent(counts.numerator, counts.denominator)  # NPS too: (P - D) / N x 100




def _metric(name: MetricName, window: Window) -> Metric:
    metric = METRICS[name]
    if window.group_by is not None and not metric.groupable:
        raise invalid_field(
            "/group_by", f"{name} cannot be grouped", location="query",
            problem=MetricNotGroupable,
        )
    return metric


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """What a records request asks for, as the client sent it."""

    bucket: datetime | None = None
    group: str | None = None
    part: RecordPart | None = None


def records_of(
    name: MetricName, window: Window, query: RecordQuery, now: datetime
) -> tuple[Measure, RecordFilters]:
    """The measure whose records are asked for, and the filters narrowing them; a problem
    naming the parameter when they cannot be listed."""
    metric = _metric(name, window)
    if metric.measure is None:
        raise invalid_field(
            "/name", f"{name} has no records to list", location="path",
            problem=MetricWithoutRecords,
        )
    measure = metric.measure(now)
    if query.group is not None and window.group_by is None:
        raise invalid_field(
            "/group", "group needs group_by", location="query", problem=GroupWithoutGroupBy
        )
    if query.part == "numerator" and measure.duration:
        raise invalid_field(
            "/part", f"{name} is a duration: its records are a sample without a numerator",
            location="query", problem=PartNotApplicable,
        )
    bucket = None if query.bucket is None else _bucket(window, query.bucket)
    return measure, RecordFilters(bucket=bucket, group=query.group, part=query.part)


def _bucket(window: Window, start: datetime) -> tuple[datetime, datetime]:
    assert window.granularity is not None
    starts = bucket_starts(window.start, window.end, window.granularity, window.timezone)
    if start not in starts:
        raise invalid_field(
            "/bucket",
            f"not the start of a {window.granularity} bucket in {window.timezone} within the"
            " window (use a point's bucket_start)",
            location="query", problem=BucketNotInWindow,
        )
    following = starts.index(start) + 1
    return start, starts[following] if following < len(starts) else window.end


async def list_records(
    session: AsyncSession, measure: Measure, window: Window, filters: RecordFilters,
    params: PageParams,
) -> Page[MetricRecord]:
    rows, next_cursor = await MetricsRepository(session).records(
        measure, window, filters, params
    )
    return Page(items=[MetricRecord.model_validate(dict(row)) for row in rows],
                next_cursor=next_cursor)


async def export_records(
    database: Database, measure: Measure, window: Window, filters: RecordFilters,
    params: PageParams,
) -> AsyncIterator[MetricRecord]:
    """Every record from the cursor on, read through a server-side cursor in a transaction of
    its own (the request's is over while the answer streams)."""
    async with database.sessionmaker() as session, session.begin():
        rows = MetricsRepository(session).stream_records(measure, window, filters, params)
        async for row in rows:
            yield MetricRecord.model_validate(dict(row))
