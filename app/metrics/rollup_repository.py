"""The rollups' queries: fold the hours changed since the last fold, rebuild everything from
raw rows, and read sums over ranges of slots. Only the worker's fold and the rebuild write
rollup rows; the rows metrics count reach them through the change log their triggers append to.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, literal_column, select, text, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.metrics.measures import ROLLED, Rolled, as_arrays, rollup_select, within
from app.metrics.repository import Counts, Key
from app.metrics.slots import DAY, EPOCH, HOUR, QUARTER_DAY, Plan, floor
from app.models import metric_changes, metric_histograms, metric_rollup_state, metric_rollups

FOLD_LOCK = 0x6D65747269637331  # pg advisory lock key: one fold or rebuild at a time
STATE_ROW = 1
QUARTER_GRAIN, HOUR_GRAIN = 15, 60
COARSER = {15: 60, 60: 360, 360: 1440}  # minutes: each grain's rows are sums of the one before


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
        """Recompute the rollups of these UTC hours (their quarters, the hours), and of their
        days, from raw rows."""
        ranges = _ranges(hours, HOUR)
        for table in (metric_rollups, metric_histograms):
            await self.session.execute(
                delete(table).where(
                    table.c.grain.in_((QUARTER_GRAIN, HOUR_GRAIN)), within(table.c.slot, ranges)
                )
            )
        for rolled in ROLLED:
            await self._insert_quarters(rolled, ranges)
        await self._insert_coarser(QUARTER_GRAIN, ranges)
        for finer, grain in ((HOUR_GRAIN, QUARTER_DAY), (COARSER[HOUR_GRAIN], DAY)):
            slots = _ranges(sorted({floor(hour, grain) for hour in hours}), grain)
            for table in (metric_rollups, metric_histograms):
                await self.session.execute(
                    delete(table).where(
                        table.c.grain == COARSER[finer], within(table.c.slot, slots)
                    )
                )
            await self._insert_coarser(finer, slots)

    async def rebuild(self, now: datetime) -> None:
        """Every rollup again from raw rows; the change log seen by this snapshot emptied.
        Takes minutes at millions of rows: no statement timeout."""
        await self.session.execute(text("SET LOCAL statement_timeout = 0"))
        await self.session.execute(delete(metric_changes))
        for table in (metric_rollups, metric_histograms):
            await self.session.execute(delete(table))
        for rolled in ROLLED:
            await self._insert_quarters(rolled, None)
        for finer in COARSER:
            await self._insert_coarser(finer, None)
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

    async def _insert_quarters(
        self, rolled: Rolled, ranges: list[tuple[datetime, datetime]] | None
    ) -> None:
        table = metric_histograms if rolled.histogram else metric_rollups
        statement = rollup_select(rolled, ranges)
        await self.session.execute(
            insert(table).from_select([column.name for column in table.c], statement)
        )

    async def _insert_coarser(
        self, finer: int, ranges: list[tuple[datetime, datetime]] | None
    ) -> None:
        """The rows of the next grain up (hours of quarters, quarter days of hours, days of
        quarter days) in `ranges` (None: all): the sums of their `finer` rows (of their
        histograms)."""
        coarser = COARSER[finer]
        slot = _slot_of(coarser, metric_rollups.c.slot)
        keys = [metric_rollups.c.measure, metric_rollups.c.dim, metric_rollups.c.grp]
        sums = [
            func.sum(metric_rollups.c[name]).label(name)
            for name in ("numerator", "denominator", "extra")
        ]
        statement = (
            select(
                *keys[:2],
                literal_column(str(coarser)).label("grain"),
                slot.label("slot"),
                keys[2],
                *sums,
            )
            .where(metric_rollups.c.grain == finer)
            .group_by(*keys, slot)
        )
        if ranges is not None:
            statement = statement.where(within(metric_rollups.c.slot, ranges))
        await self.session.execute(
            insert(metric_rollups).from_select([c.name for c in metric_rollups.c], statement)
        )
        await self.session.execute(
            insert(metric_histograms).from_select(
                [c.name for c in metric_histograms.c],
                _coarser_histograms(finer, coarser, ranges),
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
            # As bigints: a sum of bigints is a numeric, many times slower to decode.
            "SELECT r.measure, p.bucket, r.grp,"  # noqa: S608 - constants
            " CAST(sum(p.sign * r.numerator) AS bigint) AS numerator,"
            " CAST(sum(p.sign * r.denominator) AS bigint) AS denominator,"
            " CAST(sum(p.sign * r.extra) AS bigint) AS extra"
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
        """Per bucket and group: the merged histogram of the rollup slots of `plan`. Merged
        here: most buckets are one slot or a few, and the database's sorting and grouping of
        every bin of every slot cost more than this loop."""
        found: dict[Key, dict[int, int]] = {}
        if not plan.runs:
            return found
        statement = text(
            "SELECT p.bucket, r.grp, p.sign, r.bins, r.counts"  # noqa: S608 - constants
            f" FROM {_RUNS} CROSS JOIN LATERAL (SELECT * FROM {metric_histograms.name} r"
            f" WHERE {_IN_RUN} OFFSET 0) AS r ORDER BY p.sign DESC"
        )
        result = await self.session.execute(statement, _run_params(plan, [measure], dim))
        for bucket, group, sign, bins, counts in result:
            merged = found.get((bucket, group))
            if merged is None and sign == 1:  # the first slot of a bucket: as it is
                found[(bucket, group)] = dict(zip(bins, counts, strict=True))
                continue
            merged = found.setdefault((bucket, group), {})
            for index, count in zip(bins, counts, strict=True):
                merged[index] = merged.get(index, 0) + sign * count
        return found


def _slot_of(grain: int, moment: Any) -> Any:
    """The start of the slot of `grain` minutes `moment` is in."""
    return func.date_bin(
        literal_column(f"interval '{grain} minutes'"), moment,
        literal_column(f"timestamptz '{EPOCH.isoformat()}'"),
    )


def _coarser_histograms(
    finer: int, coarser: int, ranges: list[tuple[datetime, datetime]] | None
) -> Any:
    """The histogram rows of grain `coarser`: their `finer` rows' bins summed, as arrays
    again."""
    finer_rows = metric_histograms
    unnested = (
        func.unnest(finer_rows.c.bins, finer_rows.c.counts)
        .table_valued("bin", "count")
        .render_derived(name="cells")
    )
    slot = _slot_of(coarser, finer_rows.c.slot)
    keys = [finer_rows.c.measure, finer_rows.c.dim, finer_rows.c.grp]
    statement = (
        select(
            *keys[:2],
            literal_column(str(coarser)).label("grain"),
            slot.label("slot"),
            keys[2],
            unnested.c.bin,
            func.sum(unnested.c.count).label("count"),
        )
        .select_from(finer_rows)
        .join(unnested, true())
        .where(finer_rows.c.grain == finer)
        .group_by(*keys, slot, unnested.c.bin)
    )
    if ranges is not None:
        statement = statement.where(within(finer_rows.c.slot, ranges))
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


def _ranges(starts: list[datetime], length: timedelta) -> list[tuple[datetime, datetime]]:
    """Sorted slot starts as merged [start, end) ranges."""
    ranges: list[tuple[datetime, datetime]] = []
    for start in sorted(starts):
        if ranges and ranges[-1][1] == start:
            ranges[-1] = (ranges[-1][0], start + length)
        else:
            ranges.append((start, start + length))
    return ranges
