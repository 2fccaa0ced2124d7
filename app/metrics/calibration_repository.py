"""SLA calibration from its rollups (app.models.sla_calibration): whole UTC days from day
rows, whole UTC hours around them from hour rows, and what is left (a window's ragged ends,
the hours changed since the last fold) from raw rows, all counted alike. The worker's fold and
the rebuild of the metric rollups keep these rows too (app.metrics.service)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from app.metrics.measures import SETTLED, AnySelect, Column, duration_bin, within
from app.metrics.repository import TargetTerms
from app.metrics.schemas import Window
from app.metrics.slots import DAY, HOUR, floor, quantile
from app.models import SlaTarget, Ticket, sla_calibration_promises, sla_calibration_times
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import Priority

HOUR_GRAIN, DAY_GRAIN = 60, 1440
Ranges = list[tuple[datetime, datetime]]
Observation = tuple[float | None, float | None, float | None, int]
# What calibration observes per metric: the calendar time from creation to this moment.
DONE_AT: dict[SlaMetric, Column] = {
    SlaMetric.FIRST_RESPONSE: Ticket.first_responded_at,
    SlaMetric.RESOLUTION: Ticket.first_solved_at,
}
PROMISE_KEYS = ("priority", "metric", "target", "business_hours")


@dataclass(frozen=True, slots=True)
class Promise:
    """Settled targets alike in what they promised: how many, how many met."""

    target_seconds: float
    business_hours: bool
    met: int
    settled: int


def terms_of(priority: str, metric: SlaMetric, promises: Sequence[Promise]) -> TargetTerms:
    """The terms of a priority and metric: the mode of the targets promised (the smallest of
    equally frequent ones, as PostgreSQL's mode() picks), in business hours if any was."""
    times: dict[float, int] = {}
    for promise in promises:
        times[promise.target_seconds] = times.get(promise.target_seconds, 0) + promise.settled
    mode = min(times, key=lambda seconds: (-times[seconds], seconds))
    return TargetTerms(
        Priority(priority),
        metric,
        mode,
        any(promise.business_hours for promise in promises),
        sum(promise.met for promise in promises),
        sum(promise.settled for promise in promises),
    )


@dataclass(frozen=True, slots=True)
class SlotPlan:
    """Day rows, hour rows and raw rows ([start, end) ranges of each): together they cover
    the window once."""

    days: Ranges = field(default_factory=list)
    hours: Ranges = field(default_factory=list)
    raw: Ranges = field(default_factory=list)


def plan_slots(window: Window, dirty_hours: Sequence[datetime]) -> SlotPlan:
    """Every UTC day wholly inside the window without a changed hour from its day row, every
    other whole unchanged UTC hour from its hour row, the rest from raw rows."""
    dirty = {hour.astimezone(UTC) for hour in dirty_hours}
    dirty_days = {floor(hour, DAY) for hour in dirty}
    whole = [(window.start.astimezone(UTC), window.end.astimezone(UTC))]
    days, rest = _split(whole, DAY, lambda day: day not in dirty_days)
    hours, raw = _split(rest, HOUR, lambda hour: hour not in dirty)
    return SlotPlan(days, hours, raw)


def midnight(moment: datetime) -> datetime:
    return floor(moment.astimezone(UTC), DAY)


def _split(ranges: Ranges, length: timedelta, usable: Any) -> tuple[Ranges, Ranges]:
    """The aligned slots of `length` wholly inside `ranges` that are `usable`, and the rest
    of the ranges, both as merged ranges."""
    inside: Ranges = []
    rest: Ranges = []
    for start, end in ranges:
        slot = floor(start, length)
        slot = slot if slot == start else slot + length
        cursor = start
        while slot + length <= end:
            if usable(slot):
                _add(rest, cursor, slot)
                _add(inside, slot, slot + length)
                cursor = slot + length
            slot += length
        _add(rest, cursor, end)
    return inside, rest


def _add(ranges: Ranges, start: datetime, end: datetime) -> None:
    if start >= end:
        return
    if ranges and ranges[-1][1] == start:
        ranges[-1] = (ranges[-1][0], end)
    else:
        ranges.append((start, end))


class CalibrationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def targets_by_priority(self, plan: SlotPlan) -> list[TargetTerms]:
        """Per priority and metric: the target most often promised, and how often it held."""
        found: dict[tuple[str, SlaMetric], list[Promise]] = {}
        statements = []
        if plan.days or plan.hours:
            rolled = sla_calibration_promises.c
            keys = [rolled[name] for name in PROMISE_KEYS]
            statements.append(
                select(
                    *keys,
                    func.sum(rolled.met).label("met"),
                    func.sum(rolled.settled).label("settled"),
                )
                .where(_in_slots(sla_calibration_promises.c, plan))
                .group_by(*keys)
            )
        if plan.raw:
            statements.append(_promises(plan.raw, grain=None))
        for statement in statements:
            for row in (await self.session.execute(statement)).all():
                found.setdefault((str(row.priority), SlaMetric(row.metric)), []).append(
                    Promise(
                        row.target.total_seconds(),
                        row.business_hours,
                        int(row.met),
                        int(row.settled),
                    )
                )
        return [
            terms_of(priority, metric, promises) for (priority, metric), promises in found.items()
        ]

    async def observed_by_priority(self, plan: SlotPlan) -> dict[SlaMetric, dict[str, Observation]]:
        """Per metric and priority, of the tickets created in the window: median, p90 and p95
        seconds (within the histograms' relative error) and how many tickets."""
        histograms: dict[tuple[SlaMetric, str], dict[int, int]] = {}
        if plan.days or plan.hours:
            times = sla_calibration_times.c
            rows = await self.session.execute(
                select(times.priority, times.metric, times.bins, times.counts).where(
                    _in_slots(times, plan)
                )
            )
            for priority, metric, bins, counts in rows:  # merged here: cheaper than in SQL
                merged = histograms.setdefault((SlaMetric(metric), str(priority)), {})
                for index, count in zip(bins, counts, strict=True):
                    merged[index] = merged.get(index, 0) + count
        if plan.raw:
            binned = _binned(plan.raw, grain=None).subquery()
            for priority, metric, index, count in await self.session.execute(select(binned)):
                merged = histograms.setdefault((SlaMetric(metric), str(priority)), {})
                merged[index] = merged.get(index, 0) + count
        observed: dict[SlaMetric, dict[str, Observation]] = {}
        for (metric, priority), histogram in histograms.items():
            observed.setdefault(metric, {})[priority] = (
                _rounded(quantile(histogram, 0.5)),
                _rounded(quantile(histogram, 0.9)),
                _rounded(quantile(histogram, 0.95)),
                sum(histogram.values()),
            )
        return observed

    async def fold(self, hours: Sequence[datetime]) -> None:
        """The rows of these UTC hours, and of their days, again from raw rows."""
        tables = (sla_calibration_promises, sla_calibration_times)
        for table in tables:
            await self.session.execute(
                delete(table).where(table.c.grain == HOUR_GRAIN, table.c.slot.in_(hours))
            )
        await self._insert_hours(_merged(hours, HOUR))
        days = sorted({midnight(hour) for hour in hours})
        for table in tables:
            await self.session.execute(
                delete(table).where(table.c.grain == DAY_GRAIN, table.c.slot.in_(days))
            )
        await self._insert_days(_merged(days, DAY))

    async def rebuild(self) -> None:
        """Every row again from raw rows."""
        for table in (sla_calibration_promises, sla_calibration_times):
            await self.session.execute(delete(table))
        await self._insert_hours(None)
        await self._insert_days(None)

    async def _insert_hours(self, ranges: Ranges | None) -> None:
        await self._insert(sla_calibration_promises, _promises(ranges, grain=HOUR_GRAIN))
        await self._insert(
            sla_calibration_times, _as_arrays(_binned(ranges, grain=HOUR_GRAIN).subquery())
        )

    async def _insert_days(self, days: Ranges | None) -> None:
        """Day rows: the sums of their hour rows."""
        await self._insert(sla_calibration_promises, _day_promises(days))
        await self._insert(sla_calibration_times, _as_arrays(_day_bins(days).subquery()))

    async def _insert(self, table: Any, statement: AnySelect) -> None:
        await self.session.execute(
            insert(table).from_select([column.name for column in table.c], statement)
        )


def _slot(time: Column, grain: int) -> ColumnElement[datetime]:
    unit = "'hour'" if grain == HOUR_GRAIN else "'day'"
    return func.date_trunc(literal_column(unit), time, literal_column("'UTC'"))


def _in_slots(rows: Any, plan: SlotPlan) -> ColumnElement[bool]:
    return or_(
        and_(rows.grain == DAY_GRAIN, within(rows.slot, plan.days)),
        and_(rows.grain == HOUR_GRAIN, within(rows.slot, plan.hours)),
    )


def _promises(ranges: Ranges | None, *, grain: int | None) -> AnySelect:
    """The settled targets due in `ranges` (None: all) counted per promise and ticket
    priority (per slot of the due time of `grain` minutes, unless None)."""
    keys: list[Any] = [
        Ticket.priority,
        SlaTarget.metric,
        SlaTarget.target,
        SlaTarget.business_hours,
    ]
    slot = [] if grain is None else [literal(grain).label("grain"), _slot(SlaTarget.due_at, grain)]
    statement = (
        select(
            *slot,
            *keys,
            func.count().filter(SlaTarget.status == TargetStatus.MET).label("met"),
            func.count().label("settled"),
        )
        .join(Ticket, Ticket.id == SlaTarget.ticket_id)
        .where(SlaTarget.status.in_(SETTLED))
        .group_by(*slot[1:], *keys)
    )
    return statement if ranges is None else statement.where(within(SlaTarget.due_at, ranges))


def _binned(ranges: Ranges | None, *, grain: int | None) -> AnySelect:
    """Per priority, metric and histogram bin (per slot of the creation of `grain` minutes,
    unless None): how many tickets created in `ranges` (None: all) took that calendar time."""
    parts = []
    for metric, done_at in DONE_AT.items():
        seconds = func.extract("epoch", done_at - Ticket.created_at)
        slot: list[ColumnElement[Any]] = []
        if grain is not None:
            slot = [literal(grain).label("grain"), _slot(Ticket.created_at, grain).label("slot")]
        part = select(
            *slot,
            Ticket.priority.label("priority"),
            literal(metric.value).label("metric"),
            duration_bin(seconds).label("bin"),
        ).where(done_at.is_not(None))
        if ranges is not None:
            part = part.where(within(Ticket.created_at, ranges))
        parts.append(part)
    rows = union_all(*parts).subquery()
    keys = [rows.c.priority, rows.c.metric, rows.c.bin]
    if grain is not None:
        keys[:0] = [rows.c.grain, rows.c.slot]
    return select(*keys, func.count().label("count")).group_by(*keys)


def _as_arrays(binned: Any) -> AnySelect:
    """Rows per slot, priority, metric and bin as one row per slot, priority and metric."""
    keys = [binned.c.grain, binned.c.slot, binned.c.priority, binned.c.metric]
    return select(
        *keys,
        func.array_agg(aggregate_order_by(binned.c.bin, binned.c.bin)).label("bins"),
        func.array_agg(aggregate_order_by(binned.c.count, binned.c.bin)).label("counts"),
    ).group_by(*keys)


def _day_promises(days: Ranges | None) -> AnySelect:
    hours = sla_calibration_promises.c
    keys = [hours[name] for name in PROMISE_KEYS]
    day = _slot(hours.slot, DAY_GRAIN)
    statement = (
        select(
            literal(DAY_GRAIN).label("grain"),
            day,
            *keys,
            func.sum(hours.met).label("met"),
            func.sum(hours.settled).label("settled"),
        )
        .where(hours.grain == HOUR_GRAIN)
        .group_by(day, *keys)
    )
    return statement if days is None else statement.where(within(hours.slot, days))


def _day_bins(days: Ranges | None) -> AnySelect:
    """The day rows' bins: their hours' bins summed."""
    hours = sla_calibration_times
    cells = (
        func.unnest(hours.c.bins, hours.c.counts)
        .table_valued("bin", "count")
        .render_derived(name="cells")
    )
    day = _slot(hours.c.slot, DAY_GRAIN)
    keys = [day, hours.c.priority, hours.c.metric, cells.c.bin]
    statement = (
        select(
            literal(DAY_GRAIN).label("grain"),
            day.label("slot"),
            hours.c.priority,
            hours.c.metric,
            cells.c.bin,
            func.sum(cells.c.count).label("count"),
        )
        .select_from(hours)
        .join(cells, true())
        .where(hours.c.grain == HOUR_GRAIN)
        .group_by(*keys)
    )
    return statement if days is None else statement.where(within(hours.c.slot, days))


def _merged(starts: Sequence[datetime], length: timedelta) -> Ranges:
    ranges: Ranges = []
    for start in sorted(starts):
        _add(ranges, start, start + length)
    return ranges


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
