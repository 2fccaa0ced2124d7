"""Assemble metric answers from the repository's aggregates."""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.db import Database
from app.kit.errors import invalid_field
from app.kit.pagination import Page, PageParams
from app.metrics.calibration_repository import CalibrationRepository, Observation, plan_slots
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
    RESOLVED_AT_FIRST_CONTACT,
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
from app.metrics.rollup_repository import RollupRepository, RollupState
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
from app.metrics.slots import RELATIVE_ERROR, Plan, hours_of, plan, quantile
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


MAX_DIRTY_HOURS = 2000  # beyond this many unfolded hours, the raw rows answer everything


@dataclass(frozen=True, slots=True)
class Rollup:
    """Where the rollups keep a metric: the rolled measures summed, the measure the raw parts
    are counted with, and how a rolled row reads."""

    rolled: tuple[str, ...]
    measure: Callable[[datetime], Measure]
    solved: bool = False  # the tickets first solved: the denominator of the rolled FCR
    present: bool = False  # depends on the present: raw rows from its hour on


SLA_ROLLUPS = {
    metric: Rollup((f"sla_{metric}",), _always(sla_compliance(metric))) for metric in SlaMetric
}
ROLLUPS: dict[MetricName, Rollup] = {
    MetricName.CSAT: Rollup(("csat",), _always(CSAT)),
    MetricName.NPS: Rollup(("nps",), _always(NPS)),
    MetricName.EXPECTATIONS_MET: Rollup(("expectations_met",), _always(EXPECTATIONS_MET)),
    MetricName.SLA_COMPLIANCE: Rollup(
        tuple(f"sla_{metric}" for metric in SlaMetric), _always(sla_compliance())
    ),
    MetricName.SURVEY_RESPONSE_RATE: Rollup(
        ("survey_response_rate",), _always(SURVEY_RESPONSE_RATE)
    ),
    MetricName.FCR: Rollup(("fcr",), _always(FCR)),
    MetricName.DELIVERY_ON_TIME: Rollup(("delivery_on_time",), delivery_on_time, present=True),
    MetricName.FIRST_RESPONSE_TIME: Rollup(
        ("first_response_time",), _always(FIRST_RESPONSE_TIME)
    ),
    MetricName.RESOLUTION_TIME: Rollup(("resolution_time",), _always(RESOLUTION_TIME)),
    MetricName.TICKETS_CREATED: Rollup(("tickets_created",), _always(TICKETS_CREATED)),
    MetricName.TICKETS_SOLVED: Rollup(("fcr",), _always(TICKETS_SOLVED), solved=True),
}


def resolved_at_first_contact() -> ColumnElement[bool]:
    """The condition on a ticket first solved that FCR counts as favourable, for a domain that
    splits first-contact resolution its own way (the knowledge base: by cited article)."""
    return RESOLVED_AT_FIRST_CONTACT


async def fold_rollups(session: AsyncSession, now: datetime, limit: int) -> int:
    """Fold up to `limit` entries of the change log into the rollups (the first run after
    the rollups were emptied or never built builds them); how many were folded. A no-op while
    another worker folds."""
    repository = RollupRepository(session)
    await repository.snapshot()
    if not await repository.lock(wait=False):
        return 0
    if (await repository.state()).built_at is None:
        await _rebuild(session, repository, now)
        return 0
    claimed, hours = await repository.claim_changes(limit)
    if hours:
        await repository.fold(hours)
        await CalibrationRepository(session).fold(hours)
    await repository.mark_folded(now)
    return claimed


async def rebuild_rollups(session: AsyncSession, now: datetime) -> None:
    """Every rollup recomputed from raw rows (waits for a fold in progress)."""
    repository = RollupRepository(session)
    await repository.snapshot()
    await repository.lock(wait=True)
    await _rebuild(session, repository, now)


async def _rebuild(session: AsyncSession, repository: RollupRepository, now: datetime) -> None:
    """The metric rollups and the SLA calibration's, from the same snapshot."""
    await repository.rebuild(now)
    await CalibrationRepository(session).rebuild()


ROLLED_COUNTS = sorted({
    name for rollup in (*ROLLUPS.values(), *SLA_ROLLUPS.values()) for name in rollup.rolled
    if name not in ("first_response_time", "resolution_time")
})


async def rollup_state(session: AsyncSession) -> RollupState | None:
    """The rollups' state when they can answer: built, and not too far behind."""
    state = await RollupRepository(session).state()
    if state.built_at is None or len(state.dirty) > MAX_DIRTY_HOURS:
        return None
    return state


def _plan(window: Window, state: RollupState, raw_from: datetime | None = None) -> Plan:
    """The window cut at its buckets' starts: which parts the rollups answer, which raw rows."""
    if window.granularity is None:
        return plan([window.start, window.end], state.dirty, raw_from)
    starts = bucket_starts(window.start, window.end, window.granularity, window.timezone)
    inside = [start for start in starts if window.start < start < window.end]
    return plan([window.start, *inside, window.end], state.dirty, raw_from, starts)


def _present_hour(now: datetime) -> datetime:
    return hours_of([now.astimezone(UTC)])[0]


Rolled = dict[tuple[str, datetime | None, str | None], Counts]


async def _whole_window(session: AsyncSession, state: RollupState, window: Window) -> Rolled:
    """Every rolled measure's sums over the whole window, in one query (for the summary)."""
    names = [name for name in ROLLED_COUNTS if name != "delivery_on_time"]
    return await RollupRepository(session).counts(names, "", _plan(window, state))


async def _rolled_counts(
    session: AsyncSession, state: RollupState, rollup: Rollup, window: Window, now: datetime,
    fetched: Rolled | None = None,
) -> dict[Key, Counts]:
    """The rollup slots of the window, plus the raw records of its ragged edges and of the
    hours changed since the last fold: the same counts as the raw aggregate. `fetched`: the
    rollups' sums read already (for every measure that does not depend on the present)."""
    covered = _plan(window, state, _present_hour(now) if rollup.present else None)
    if fetched is None or rollup.present:
        fetched = await RollupRepository(session).counts(
            list(rollup.rolled), window.group_by or "", covered
        )
    rolled = {key: counts for key, counts in fetched.items() if key[0] in rollup.rolled}
    found: dict[Key, Counts] = {}
    for (_, bucket, group), counts in rolled.items():
        if rollup.solved:
            counts = Counts(counts.denominator, counts.denominator)
        elif rollup.present:
            counts = Counts(counts.numerator, counts.denominator)
        _add(found, (bucket, group), counts)
    if covered.raw:
        raw = await MetricsRepository(session).counts(rollup.measure(now), window, covered.raw)
        for key, counts in raw.items():
            _add(found, key, counts)
    return _counted_only(found)


def _counted_only(found: dict[Key, Counts]) -> dict[Key, Counts]:
    """The keys something is counted in, as the raw aggregate lists them: the signed slot
    sums (a day less its hours outside the window) leave groups whose records all lie outside
    at zero."""
    return {key: counts for key, counts in found.items() if counts.denominator != 0}


def _add(found: dict[Key, Counts], key: Key, counts: Counts) -> None:
    had = found.get(key, Counts(0, 0))
    found[key] = Counts(
        had.numerator + counts.numerator, had.denominator + counts.denominator,
        had.extra + counts.extra,
    )


async def _rolled_durations(
    session: AsyncSession, state: RollupState, rollup: Rollup, window: Window, now: datetime
) -> dict[Key, Durations]:
    """Median and p90 from the merged histograms of the rollup slots and the raw edges."""
    covered = _plan(window, state)
    histograms = await RollupRepository(session).histograms(
        rollup.rolled[0], window.group_by or "", covered
    )
    if covered.raw:
        raw = await MetricsRepository(session).histograms(rollup.measure(now), window, covered.raw)
        for key, bins in raw.items():
            merged = histograms.setdefault(key, {})
            for index, count in bins.items():
                merged[index] = merged.get(index, 0) + count
    return {
        key: _sketched(bins) for key, bins in histograms.items() if any(bins.values())
    }


def _sketched(bins: dict[int, int]) -> Durations:
    median, p90 = quantile(bins, 0.5), quantile(bins, 0.9)
    return Durations(
        None if median is None else round(median, 3), None if p90 is None else round(p90, 3),
        sum(bins.values()),
    )


def _figure(counts: Counts | None) -> Figure:
    counts = counts or Counts(0, 0)
    return Figure(
        value=percent(counts.numerator, counts.denominator),
        numerator=counts.numerator,
        denominator=counts.denominator,
        sample_size=counts.denominator,
    )


def _duration(durations: Durations | None, relative_error: float | None) -> DurationFigure:
    durations = durations or Durations(None, None, 0)
    return DurationFigure(
        median_seconds=durations.median_seconds,
        p90_seconds=durations.p90_seconds,
        sample_size=durations.sample_size,
        relative_error=relative_error,
    )


WHOLE: Key = (None, None)


async def summary(
    session: AsyncSession, window: Window, now: datetime, *, rollups: bool
) -> Summary:
    """Every headline figure: from the rollups when they are built (`rollups`), else, and for
    the backlog always, from raw rows; retention from the orders' next-order links (it is not
    additive: customers of two periods)."""
    state = await rollup_state(session) if rollups else None
    if state is None:
        return await _raw_summary(session, window, now, rollups=rollups)
    whole = await _whole_window(session, state, window)
    counts: dict[MetricName, Counts | None] = {
        name: (await _rolled_counts(session, state, rollup, window, now, whole)).get(WHOLE)
        for name, rollup in ROLLUPS.items()
        if METRICS[name].kind != "duration" and name != MetricName.SLA_COMPLIANCE
    }
    durations = {
        name: (await _rolled_durations(session, state, ROLLUPS[name], window, now)).get(WHOLE)
        for name in (MetricName.FIRST_RESPONSE_TIME, MetricName.RESOLUTION_TIME)
    }
    sla = {
        metric: (await _rolled_counts(session, state, rollup, window, now, whole)).get(WHOLE)
        for metric, rollup in SLA_ROLLUPS.items()
    }
    repository = MetricsRepository(session)
    return _summary(
        window, now, counts, durations, sla,
        (await _retention(repository, window, rollups=True)).get(WHOLE),
        await _backlog(repository, now), RELATIVE_ERROR,
    )


async def _raw_summary(
    session: AsyncSession, window: Window, now: datetime, *, rollups: bool
) -> Summary:
    """From raw rows; retention from the next-order links when `rollups`."""
    repository = MetricsRepository(session)
    counts: dict[MetricName, Counts | None] = {
        name: (await metric.fetch(repository, window, now)).get(WHOLE)  # type: ignore[misc]
        for name, metric in METRICS.items()
        if metric.kind != "duration"
        and name not in (MetricName.RETENTION, MetricName.SLA_COMPLIANCE)
    }
    durations: dict[MetricName, Durations | None] = {
        name: (await METRICS[name].fetch(repository, window, now)).get(WHOLE)  # type: ignore[misc]
        for name in (MetricName.FIRST_RESPONSE_TIME, MetricName.RESOLUTION_TIME)
    }
    sla = {
        metric: (await repository.sla_compliance(window, metric)).get(WHOLE)
        for metric in SlaMetric
    }
    return _summary(
        window, now, counts, durations, sla,
        (await _retention(repository, window, rollups=rollups)).get(WHOLE),
        await _backlog(repository, now), None,
    )


async def _retention(
    repository: MetricsRepository, window: Window, *, rollups: bool
) -> dict[Key, Counts]:
    """Retention from the orders' next-order links, or with `rollups` off, the original query
    over raw rows (not additive, so never from the rollups themselves)."""
    if rollups:
        return await repository.retention_by_next_order(window)
    return await repository.retention(window)


def _summary(
    window: Window, now: datetime, counts: dict[MetricName, Counts | None],
    durations: dict[MetricName, Durations | None], sla: dict[SlaMetric, Counts | None],
    retention: Counts | None, backlog: Backlog, relative_error: float | None,
) -> Summary:
    fcr = counts[MetricName.FCR] or Counts(0, 0)
    return Summary(
        period_from=window.start,
        period_to=window.end,
        as_of=now,
        csat=_figure(counts[MetricName.CSAT]),
        nps=_figure(counts[MetricName.NPS]),
        expectations_met=_figure(counts[MetricName.EXPECTATIONS_MET]),
        survey_response_rate=_figure(counts[MetricName.SURVEY_RESPONSE_RATE]),
        sla_compliance=SlaCompliance(**{metric: _figure(sla[metric]) for metric in SlaMetric}),
        fcr=FcrFigure(**_figure(fcr).model_dump(), zero_reply_resolutions=fcr.extra),
        retention=_figure(retention),
        delivery_on_time=_figure(counts[MetricName.DELIVERY_ON_TIME]),
        first_response_time=_duration(
            durations[MetricName.FIRST_RESPONSE_TIME], relative_error
        ),
        resolution_time=_duration(durations[MetricName.RESOLUTION_TIME], relative_error),
        tickets_created=(counts[MetricName.TICKETS_CREATED] or Counts(0, 0)).numerator,
        tickets_solved=(counts[MetricName.TICKETS_SOLVED] or Counts(0, 0)).numerator,
        backlog=backlog,
    )


async def _backlog(repository: MetricsRepository, now: datetime) -> Backlog:
    rows = await repository.backlog(now)
    by_age = dict.fromkeys(AGE_BANDS, 0)
    for _, *bands in rows:
        for band, count in zip(AGE_BANDS, bands, strict=True):
            by_age[band] += count
    by_status = {status: sum(bands) for status, *bands in rows}
    return Backlog(total=sum(by_status.values()), by_status=by_status, by_age=by_age)


async def calibration(
    session: AsyncSession, window: Window, *, rollups: bool
) -> Calibration:
    """What was promised per priority and metric, how often it held, and what the observed
    times say could be promised instead: from the calibration rollups when the rollups are
    built (`rollups`; observed times within their relative error), else from raw rows."""
    state = await rollup_state(session) if rollups else None
    if state is None:
        repository = MetricsRepository(session)
        terms = await repository.targets_by_priority(window)
        observed: dict[SlaMetric, dict[str, Observation]] = {}
        for metric in OBSERVED_METRICS:
            found = await repository.observed_by_priority(window, metric)
            observed[metric] = {str(priority): times for priority, times in found.items()}
        relative_error = None
    else:
        rolled = CalibrationRepository(session)
        plan = plan_slots(window, state.dirty)
        terms = await rolled.targets_by_priority(plan)
        observed = await rolled.observed_by_priority(plan)
        relative_error = RELATIVE_ERROR
    rows = [
        _calibration_row(term, observed.get(term.metric, {}).get(term.priority), relative_error)
        for term in sorted(terms, key=lambda t: (t.priority, list(SlaMetric).index(t.metric)))
    ]
    return Calibration(period_from=window.start, period_to=window.end, rows=rows)


def _calibration_row(
    term: TargetTerms, observed: Observation | None, relative_error: float | None
) -> CalibrationRow:
    median, p90, p95, sample = observed or (None, None, None, 0)
    return CalibrationRow(
        priority=term.priority,
        metric=term.metric,
        target_seconds=term.target_seconds,
        target_business_hours=term.business_hours,
        met=_figure(Counts(term.met, term.settled)),
        observed=None if observed is None else Observed(
            median_seconds=median, p90_seconds=p90, p95_seconds=p95, sample_size=sample,
            relative_error=relative_error,
        ),
        suggested_target_p90_seconds=p90,
        suggested_target_p95_seconds=p95,
    )


async def series(
    session: AsyncSession, name: MetricName, window: Window, now: datetime, *,
    rollups: bool,
) -> MetricSeries:
    """One point per bucket and group: from the rollups when they are built and keep the
    metric (`rollups`; retention: from the orders' next-order links), else from raw rows."""
    metric = _metric(name, window)
    assert window.granularity is not None
    state = await rollup_state(session) if rollups and name in ROLLUPS else None
    rows: Rows
    if name == MetricName.RETENTION:
        rows = await _retention(MetricsRepository(session), window, rollups=rollups)
    elif state is None:
        rows = await metric.fetch(MetricsRepository(session), window, now)
    elif metric.kind == "duration":
        rows = await _rolled_durations(session, state, ROLLUPS[name], window, now)
    else:
        rows = await _rolled_counts(session, state, ROLLUPS[name], window, now)
    starts = bucket_starts(window.start, window.end, window.granularity, window.timezone)
    groups = sorted({group for _, group in rows}, key=lambda g: (g is None, g or ""))
    return MetricSeries(
        metric=name, kind=metric.kind, granularity=window.granularity, timezone=window.timezone,
        group_by=window.group_by, period_from=window.start, period_to=window.end, as_of=now,
        percentile_relative_error=(
            RELATIVE_ERROR if state is not None and metric.kind == "duration" else None
        ),
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
