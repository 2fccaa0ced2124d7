"""The rollups' queries: fold the hours changed since the last fold, rebuild everything from
raw rows, and read sums over ranges of slots. Only the worker's fold and the rebuild write
rollup rows; the rows metrics count reach them through the change log their triggers append to.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, literal_column, select, text, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.metrics.measures import ROLLED, Rolled, as_arrays, rollup_select, within
from app.metrics.repository import Counts, Key
from app.metrics.slots import DAY, HOUR, Plan
from app.models import metric_changes, metric_histograms, metric_rollup_state, metric_rollups

FOLD_LOCK = 0x6D65747269637331  # pg advisory lock key: one fold or rebuild at a time
STATE_ROW = 1
HOUR_GRAIN, DAY_GRAIN = 60, 1440


@dataclass(frozen=True, slots=True)
class RollupState:
    built_at: datetime | None
    folded_at: datetime | None
    dirty: list[datetime]  # the hours changed since the last fold, sorted


class RollupRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def snapshot(self) -> None:
        """One snapshot for the whole transaction: the changes it folds are exactly those whose
        rows it reads. Must come first in the transaction."""
        await self.session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))

    async def lock(self, *, wait: bool) -> bool:
        """Hold the fold lock until the transaction ends (False: another holds it)."""
        if wait:
            await self.session.execute(select(func.pg_advisory_xact_lock(FOLD_LOCK)))
            return True
        return bool(await self.session.scalar(select(func.pg_try_advisory_xact_lock(FOLD_LOCK))))

    async def state(self) -> RollupState:
        # Reads of a few thousand rows that the planner prices high: compiling them is slower.
        await self.session.execute(text("SET LOCAL jit = off"))
        row = (
            await self.session.execute(
                select(
                    select(metric_rollup_state.c.built_at)
                    .where(metric_rollup_state.c.id == STATE_ROW)
                    .scalar_subquery(),
                    select(metric_rollup_state.c.folded_at)
                    .where(metric_rollup_state.c.id == STATE_ROW)
                    .scalar_subquery(),
                    select(func.array_agg(func.distinct(metric_changes.c.hour))).scalar_subquery(),
                )
            )
        ).one()
        return RollupState(row[0], row[1], sorted(row[2] or ()))

    async def claim_changes(self, limit: int) -> tuple[int, list[datetime]]:
        """Take up to `limit` entries of the change log: how many, and their distinct hours."""
        oldest = select(metric_changes.c.id).order_by(metric_changes.c.id).limit(limit)
        rows = (
            (
                await self.session.execute(
                    delete(metric_changes)
                    .where(metric_changes.c.id.in_(oldest))
                    .returning(metric_changes.c.hour)
                )
            )
            .scalars()
            .all()
        )
        return len(rows), sorted(set(rows))

    async def fold(self, hours: list[datetime]) -> None:
        """Recompute the rollups of these UTC hours, and of their days, from raw rows."""
        ranges = _ranges(hours, HOUR)
        for table in (metric_rollups, metric_histograms):
            await self.session.execute(
                delete(table).where(table.c.grain == HOUR_GRAIN, table.c.slot.in_(hours))
            )
        for rolled in ROLLED:
            await self._insert_hours(rolled, ranges)
        await self._refold_days(sorted({_midnight(hour) for hour in hours}))

    async def rebuild(self, now: datetime) -> None:
        """Every rollup again from raw rows; the change log seen by this snapshot emptied.
        Takes minutes at millions of rows: no statement timeout."""
        await self.session.execute(text("SET LOCAL statement_timeout = 0"))
        await self.session.execute(delete(metric_changes))
        for table in (metric_rollups, metric_histograms):
            await self.session.execute(delete(table))
        for rolled in ROLLED:
            await self._insert_hours(rolled, None)
        await self._insert_days(None)
        for table in (metric_rollups, metric_histograms):  # the plans need their new sizes
            await self.session.execute(text(f"ANALYZE {table.name}"))
        await self.session.execute(delete(metric_rollup_state))
        await self.session.execute(
            insert(metric_rollup_state).values(id=STATE_ROW, built_at=now, folded_at=now)
        )

    async def mark_folded(self, now: datetime) -> None:
        await self.session.execute(
            metric_rollup_state.update()
            .where(metric_rollup_state.c.id == STATE_ROW)
            .values(folded_at=now)
        )

    async def _insert_hours(
        self, rolled: Rolled, ranges: list[tuple[datetime, datetime]] | None
    ) -> None:
        table = metric_histograms if rolled.histogram else metric_rollups
        statement = rollup_select(rolled, ranges)
        await self.session.execute(
            insert(table).from_select([column.name for column in table.c], statement)
        )

    async def _refold_days(self, days: list[datetime]) -> None:
        for table in (metric_rollups, metric_histograms):
            await self.session.execute(
                delete(table).where(table.c.grain == DAY_GRAIN, table.c.slot.in_(days))
            )
        await self._insert_days(_ranges(days, DAY))

    async def _insert_days(self, days: list[tuple[datetime, datetime]] | None) -> None:
        """Day rows: the sums of their hour rows (of their hours' histograms)."""
        day = func.date_trunc(
            literal_column("'day'"), metric_rollups.c.slot, literal_column("'UTC'")
        )
        keys = [metric_rollups.c.measure, metric_rollups.c.dim, metric_rollups.c.grp]
        sums = [
            func.sum(metric_rollups.c[name]).label(name)
            for name in ("numerator", "denominator", "extra")
        ]
        statement = (
            select(
                *keys[:2],
                literal_column(str(DAY_GRAIN)).label("grain"),
                day.label("slot"),
                keys[2],
                *sums,
            )
            .where(metric_rollups.c.grain == HOUR_GRAIN)
            .group_by(*keys, day)
        )
        if days is not None:
            statement = statement.where(within(metric_rollups.c.slot, days))
        await self.session.execute(
            insert(metric_rollups).from_select([c.name for c in metric_rollups.c], statement)
        )
        await self.session.execute(
            insert(metric_histograms).from_select(
                [c.name for c in metric_histograms.c], _day_histograms(days)
            )
        )

    async def counts(
        self, measures: list[str], dim: str, plan: Plan
    ) -> dict[tuple[str, datetime | None, str | None], Counts]:
        """Per measure, bucket and group: the sums of the rollup slots of `plan`."""
        if not plan.runs:
            return {}
        table = metric_rollups
        statement = text(
            "SELECT r.measure, p.bucket, r.grp, sum(p.sign * r.numerator) AS numerator,"  # noqa: S608
            " sum(p.sign * r.denominator) AS denominator, sum(p.sign * r.extra) AS extra"
            f" FROM {_RUNS} CROSS JOIN LATERAL (SELECT * FROM {table.name} r"
            f" WHERE {_IN_RUN} OFFSET 0) AS r GROUP BY 1, 2, 3"
        )
        rows = (await self.session.execute(statement, _run_params(plan, measures, dim))).all()
        return {
            (row.measure, row.bucket, row.grp): Counts(
                int(row.numerator), int(row.denominator), int(row.extra)
            )
            for row in rows
        }

    async def histograms(self, measure: str, dim: str, plan: Plan) -> dict[Key, dict[int, int]]:
        """Per bucket and group: the merged histogram of the rollup slots of `plan`."""
        found: dict[Key, dict[int, int]] = defaultdict(dict)
        if not plan.runs:
            return found
        statement = text(
            "SELECT p.bucket, r.grp, p.sign, r.bins, r.counts"  # noqa: S608 - constants
            f" FROM {_RUNS} CROSS JOIN LATERAL (SELECT * FROM {metric_histograms.name} r"
            f" WHERE {_IN_RUN} OFFSET 0) AS r"
        )
        result = await self.session.execute(statement, _run_params(plan, [measure], dim))
        for bucket, group, sign, bins, counts in result:
            merged = found[(bucket, group)]
            for index, count in zip(bins, counts, strict=True):
                merged[index] = merged.get(index, 0) + sign * count
        return found


def _day_histograms(days: list[tuple[datetime, datetime]] | None) -> Any:
    """The day rows of the histograms: their hours' bins summed, as arrays again."""
    hours = metric_histograms
    unnested = (
        func.unnest(hours.c.bins, hours.c.counts)
        .table_valued("bin", "count")
        .render_derived(name="cells")
    )
    day = func.date_trunc(literal_column("'day'"), hours.c.slot, literal_column("'UTC'"))
    keys = [hours.c.measure, hours.c.dim, hours.c.grp]
    statement = (
        select(
            *keys[:2],
            literal_column(str(DAY_GRAIN)).label("grain"),
            day.label("slot"),
            keys[2],
            unnested.c.bin,
            func.sum(unnested.c.count).label("count"),
        )
        .select_from(hours)
        .join(unnested, true())
        .where(hours.c.grain == HOUR_GRAIN)
        .group_by(*keys, day, unnested.c.bin)
    )
    if days is not None:
        statement = statement.where(within(hours.c.slot, days))
    return as_arrays(statement.subquery())


# An index range scan per run: OFFSET 0 keeps the planner from flattening the lateral subquery
# into a hash join that compares every row of the measure with every run.
_IN_RUN = (
    "r.measure = ANY(:measures) AND r.dim = :dim AND r.grain = p.grain"
    " AND r.slot >= p.lo AND r.slot < p.hi"
)
_RUNS = (
    "unnest(CAST(:grains AS smallint[]), CAST(:los AS timestamptz[]),"
    " CAST(:his AS timestamptz[]), CAST(:signs AS smallint[]), CAST(:buckets AS timestamptz[]))"
    " AS p(grain, lo, hi, sign, bucket)"
)


def _run_params(plan: Plan, measures: list[str], dim: str) -> dict[str, object]:
    return {
        "grains": [run.grain for run in plan.runs],
        "los": [run.start for run in plan.runs],
        "his": [run.end for run in plan.runs],
        "signs": [run.sign for run in plan.runs],
        "buckets": [run.bucket for run in plan.runs],
        "measures": measures,
        "dim": dim,
    }


def _midnight(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _ranges(starts: list[datetime], length: timedelta) -> list[tuple[datetime, datetime]]:
    """Sorted slot starts as merged [start, end) ranges."""
    ranges: list[tuple[datetime, datetime]] = []
    for start in sorted(starts):
        if ranges and ranges[-1][1] == start:
            ranges[-1] = (ranges[-1][0], start + length)
        else:
            ranges.append((start, start + length))
    return ranges
