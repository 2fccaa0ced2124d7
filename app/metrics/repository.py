"""Every metric is one aggregate query over an indexed time range: cost grows with the period
asked for, not with all history. Rows come back keyed by (bucket, group)."""

import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Float,
    RowMapping,
    and_,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.kit.pagination import PageParams, keyset, split_page
from app.metrics.measures import (
    CSAT,
    EXPECTATIONS_MET,
    FCR,
    FIRST_RESPONSE_TIME,
    NPS,
    RESOLUTION_TIME,
    SETTLED,
    SURVEY_RESPONSE_RATE,
    TICKETS_CREATED,
    TICKETS_SOLVED,
    AnySelect,
    Measure,
    count_select,
    delivery_on_time,
    duration_select,
    histogram_select,
    in_window,
    records_select,
    sla_compliance,
    within,
)
from app.metrics.schemas import RecordFilters, Window
from app.models import Order, SlaTarget, Ticket
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import Priority, TicketStatus

OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD)
Moment = datetime | ColumnElement[datetime]
STREAM_BATCH = 500  # records fetched per round trip of an export


Key = tuple[datetime | None, str | None]
Ranges = list[tuple[datetime, datetime]]


@dataclass(frozen=True, slots=True)
class Counts:
    numerator: int
    denominator: int
    extra: int = 0  # a metric's side figure (FCR: zero-reply resolutions)


@dataclass(frozen=True, slots=True)
class TargetTerms:
    priority: Priority
    metric: SlaMetric
    target_seconds: float
    business_hours: bool
    met: int
    settled: int


@dataclass(frozen=True, slots=True)
class Durations:
    median_seconds: float | None
    p90_seconds: float | None
    sample_size: int


class MetricsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _counts(self, statement: AnySelect) -> dict[Key, Counts]:
        rows = (await self.session.execute(statement)).all()
        return {
            (row.bucket, _label(row.group)): Counts(
                int(row.numerator or 0),
                int(row.denominator or 0),
                int(getattr(row, "extra", 0) or 0),
            )
            for row in rows
        }

    async def _durations(self, statement: AnySelect) -> dict[Key, Durations]:
        rows = (await self.session.execute(statement)).all()
        return {
            (row.bucket, _label(row.group)): Durations(
                _seconds(row.median), _seconds(row.p90), int(row.sample_size)
            )
            for row in rows
        }

    async def counts(
        self, measure: Measure, window: Window, ranges: Ranges | None = None
    ) -> dict[Key, Counts]:
        """numerator, denominator (and the side figure) per bucket and group; only of the
        records whose time is in `ranges` when given."""
        statement = count_select(measure, window)
        if ranges is not None:
            statement = statement.where(within(measure.time, ranges))
        return await self._counts(statement)

    async def histograms(
        self, measure: Measure, window: Window, ranges: Ranges
    ) -> dict[Key, dict[int, int]]:
        """The durations' histogram bins per bucket and group, of the records whose time is in
        `ranges` (the parts of a window the rollups do not answer)."""
        statement = histogram_select(measure, window).where(within(measure.time, ranges))
        found: dict[Key, dict[int, int]] = {}
        for row in (await self.session.execute(statement)).all():
            found.setdefault((row.bucket, _label(row.group)), {})[int(row.bin)] = int(row.n)
        return found

    async def durations(self, measure: Measure, window: Window) -> dict[Key, Durations]:
        """median, p90 and sample size of the measured seconds per bucket and group."""
        return await self._durations(duration_select(measure, window))

    async def first_contact_resolution(self, window: Window) -> dict[Key, Counts]:
        return await self.counts(FCR, window)

    async def first_response_time(self, window: Window) -> dict[Key, Durations]:
        return await self.durations(FIRST_RESPONSE_TIME, window)

    async def resolution_time(self, window: Window) -> dict[Key, Durations]:
        return await self.durations(RESOLUTION_TIME, window)

    async def tickets_created(self, window: Window) -> dict[Key, Counts]:
        return await self.counts(TICKETS_CREATED, window)

    async def tickets_solved(self, window: Window) -> dict[Key, Counts]:
        return await self.counts(TICKETS_SOLVED, window)

    async def delivery_on_time(self, window: Window, now: datetime) -> dict[Key, Counts]:
        return await self.counts(delivery_on_time(now), window)

    async def retention(self, window: Window) -> dict[Key, Counts]:
        """Customers who ordered in the period (or bucket) of the same length just before the
        window (or bucket) and ordered again within it: measurable for a window ending now."""
        base = _retention_base(window).subquery()
        later = aliased(Order)
        ordered_again = exists().where(
            later.customer_id == base.c.customer_id,
            later.placed_at >= base.c.measured_from,
            later.placed_at < base.c.measured_to,
        )
        statement = (
            select(
                base.c.bucket,
                null().label("group"),
                func.count().filter(ordered_again).label("numerator"),
                func.count().label("denominator"),
            )
            .select_from(base)
            .group_by(base.c.bucket)
        )
        return await self._counts(statement)

    async def retention_by_next_order(self, window: Window) -> dict[Key, Counts]:
        """What `retention` answers, from each order's link to its customer's next order:
        a customer of a period [a, b) is the one order of theirs placed in it whose next order
        is not (null, or at b or later: their last one there); retained when that next order
        is before the end of the period measured. One range scan of the covering index
        (placed_at) INCLUDE (next_placed_at) per period, no DISTINCT, no look-up per customer."""
        if window.granularity is None:
            earlier = window.start - (window.end - window.start)
            statement = _linked_retention(
                select(null().label("bucket"), null().label("group")), window.start, window.end
            ).where(Order.placed_at >= earlier, Order.placed_at < window.start)
        else:
            # The periods' bounds computed once (a CTE the planner cannot fold into the join:
            # else the local-time conversions run per order), and no JIT: the planner guesses
            # the periods' scans far bigger than they are, and compiling costs more than they do.
            periods = _retention_periods(window).cte("periods").prefix_with("MATERIALIZED")
            await self.session.execute(text("SET LOCAL jit = off"))
            statement = (
                _linked_retention(
                    select(periods.c.measured_from.label("bucket"), null().label("group")),
                    periods.c.measured_from, periods.c.measured_to,
                )
                .select_from(periods)
                .join(
                    Order,
                    and_(
                        Order.placed_at >= periods.c.base_from,
                        Order.placed_at < periods.c.measured_from,
                    ),
                )
                .group_by(periods.c.measured_from)
            )
        found = await self._counts(statement)
        return {key: counts for key, counts in found.items() if counts.denominator}

    async def csat(self, window: Window) -> dict[Key, Counts]:
        return await self.counts(CSAT, window)

    async def expectations_met(self, window: Window) -> dict[Key, Counts]:
        return await self.counts(EXPECTATIONS_MET, window)

    async def nps(self, window: Window) -> dict[Key, Counts]:
        return await self.counts(NPS, window)

    async def survey_response_rate(self, window: Window) -> dict[Key, Counts]:
        return await self.counts(SURVEY_RESPONSE_RATE, window)

    async def sla_compliance(
        self, window: Window, metric: SlaMetric | None = None
    ) -> dict[Key, Counts]:
        return await self.counts(sla_compliance(metric), window)

    async def records(
        self, measure: Measure, window: Window, filters: RecordFilters, params: PageParams
    ) -> tuple[Sequence[RowMapping], str | None]:
        """One page of the records behind a figure, newest (by the measured time) first."""
        statement = keyset(
            records_select(measure, window, filters), measure.time, measure.key, params.after
        )
        result = await self.session.execute(statement.limit(params.limit + 1))
        return split_page(result.mappings().all(), params, _record_key)

    async def stream_records(
        self, measure: Measure, window: Window, filters: RecordFilters, params: PageParams
    ) -> AsyncIterator[RowMapping]:
        """Every record from the cursor on, through a server-side cursor (for exports): rows
        come in batches, never all held at once."""
        statement = keyset(
            records_select(measure, window, filters), measure.time, measure.key, params.after
        )
        result = await self.session.stream(statement.execution_options(yield_per=STREAM_BATCH))
        async for row in result.mappings():
            yield row

    async def targets_by_priority(self, window: Window) -> list[TargetTerms]:
        """Per priority and metric: the target most often promised, and how often it held."""
        statement = (
            select(
                Ticket.priority,
                SlaTarget.metric,
                func.mode().within_group(func.extract("epoch", SlaTarget.target)).label("target"),
                func.bool_or(SlaTarget.business_hours).label("business_hours"),
                func.count().filter(SlaTarget.status == TargetStatus.MET).label("met"),
                func.count().label("settled"),
            )
            .join(Ticket, Ticket.id == SlaTarget.ticket_id)
            .where(SlaTarget.status.in_(SETTLED), in_window(SlaTarget.due_at, window))
            .group_by(Ticket.priority, SlaTarget.metric)
        )
        return [
            TargetTerms(row.priority, row.metric, float(row.target), bool(row.business_hours),
                        int(row.met), int(row.settled))
            for row in (await self.session.execute(statement)).all()
        ]

    async def observed_by_priority(
        self, window: Window, metric: SlaMetric
    ) -> dict[Priority, tuple[float | None, float | None, float | None, int]]:
        """Per priority: median, p90, p95 seconds of first responses or first solves of the
        tickets created in the window (calendar time)."""
        done_at = (
            Ticket.first_responded_at
            if metric == SlaMetric.FIRST_RESPONSE
            else Ticket.first_solved_at
        )
        seconds = func.extract("epoch", done_at - Ticket.created_at)
        # One array of fractions: one sort per priority, the same values as three calls.
        statement = (
            select(
                Ticket.priority,
                func.percentile_cont(array((0.5, 0.9, 0.95), type_=Float)).within_group(seconds),
                func.count(),
            )
            .where(in_window(Ticket.created_at, window), done_at.is_not(None))
            .group_by(Ticket.priority)
        )
        return {
            priority: (_seconds(median), _seconds(p90), _seconds(p95), int(count))
            for priority, (median, p90, p95), count in (
                await self.session.execute(statement)
            ).all()
        }

    async def backlog(self, now: datetime) -> Sequence[tuple[TicketStatus, int, int, int, int]]:
        """Open tickets by status with their age: (status, <1 d, 1-3 d, 3-7 d, >7 d)."""
        age = now - Ticket.created_at
        statement = (
            select(
                Ticket.status,
                func.count().filter(age < timedelta(days=1)),
                func.count().filter(age >= timedelta(days=1), age < timedelta(days=3)),
                func.count().filter(age >= timedelta(days=3), age < timedelta(days=7)),
                func.count().filter(age >= timedelta(days=7)),
            )
            .where(Ticket.status.in_(OPEN_STATUSES))
            .group_by(Ticket.status)
        )
        rows = (await self.session.execute(statement)).all()
        return [(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]


def _retention_base(window: Window) -> AnySelect:
    """One row per customer of an earlier period, with the period it is measured in."""
    if window.granularity is None:
        earlier = Window(window.start - (window.end - window.start), window.start)
        return select(
            Order.customer_id,
            null().label("bucket"),
            literal(window.start).label("measured_from"),
            literal(window.end).label("measured_to"),
        ).where(in_window(Order.placed_at, earlier)).distinct()
    zone, step = window.timezone, text(f"interval '1 {window.granularity}'")
    earlier_bucket = func.timezone(zone, func.date_trunc(window.granularity, Order.placed_at, zone))
    measured_from = func.timezone(zone, earlier_bucket + step)
    first_bucket = func.timezone(zone, func.date_trunc(window.granularity, window.start, zone))
    return select(
        Order.customer_id,
        measured_from.label("bucket"),
        measured_from.label("measured_from"),
        func.timezone(zone, earlier_bucket + step + step).label("measured_to"),
    ).where(
        Order.placed_at >= func.timezone(zone, first_bucket - step),
        Order.placed_at < window.end,
        measured_from < window.end,
    ).distinct()


def _linked_retention(
    selected: AnySelect, measured_from: Moment, measured_to: Moment
) -> AnySelect:
    """`selected` with the counts of a period's customers (of the orders the caller bounds to
    the earlier period: those whose next order is not before `measured_from`) and of those who
    ordered again before `measured_to`."""
    return selected.add_columns(
        func.count().filter(Order.next_placed_at < measured_to).label("numerator"),
        func.count().label("denominator"),
    ).where(or_(Order.next_placed_at.is_(None), Order.next_placed_at >= measured_from))


def _retention_periods(window: Window) -> AnySelect:
    """Per bucket of `window` (local calendar buckets): the earlier period
    [base_from, measured_from) and the period measured [measured_from, measured_to), with the
    expressions of `_retention_base`."""
    assert window.granularity is not None
    zone, step = window.timezone, text(f"interval '1 {window.granularity}'")
    first_bucket = func.timezone(zone, func.date_trunc(window.granularity, window.start, zone))
    local = func.generate_series(
        first_bucket - step, func.timezone(zone, window.end), step
    ).column_valued("local")
    periods = select(
        func.timezone(zone, local).label("base_from"),
        func.timezone(zone, local + step).label("measured_from"),
        func.timezone(zone, local + step + step).label("measured_to"),
    ).subquery()
    return select(periods).where(periods.c.measured_from < window.end)


def _record_key(row: RowMapping) -> tuple[datetime, uuid.UUID]:
    return row["measured_at"], row["cursor_key"]


def _label(group: object) -> str | None:
    return None if group is None else str(group)


def _seconds(value: object) -> float | None:
    return None if value is None else round(float(value), 3)  # type: ignore[arg-type]

