"""SLA calibration answers what the raw computation answers: per priority and metric, the
target most often promised (the settled targets joined to their tickets) and the share met
exactly; the percentiles of the calendar time to first response and first solve exactly from
raw rows, and within the declared relative error from the calibration rollups: before a fold
(raw rows for the days changed), after it, after a rebuild, and as the migration backfilled."""

import asyncio
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.kit import migrations as schema
from app.kit.db import Database
from app.metrics import service
from app.metrics.calibration_repository import SlotPlan, plan_slots
from app.metrics.schemas import Calibration, Window
from app.metrics.slots import RELATIVE_ERROR
from app.models import SlaTarget, Ticket, sla_calibration_promises, sla_calibration_times
from tests.factories import add_customer, add_sla_target, add_ticket
from tests.metrics.test_rollups import fold, rebuild
from tests.support.database import drop_database, recreate_database, scratch_database_name

T0 = datetime(2026, 9, 1, tzinfo=UTC)
PRIORITIES = ("low", "normal", "high", "urgent")
METRICS = ("first_response", "next_response", "resolution")
STATUSES = ("met", "met", "breached", "active", "stopped")
TARGET_HOURS = (1, 4, 4, 8, 24)  # some alike: the mode is a real choice

# The calibration as first written: every settled target joined to its ticket.
REFERENCE_TARGETS = """
SELECT t.priority, s.metric, mode() WITHIN GROUP (ORDER BY extract(epoch FROM s.target)),
       bool_or(s.business_hours), count(*) FILTER (WHERE s.status = 'met'), count(*)
FROM sla_targets s JOIN tickets t ON t.id = s.ticket_id
WHERE s.status IN ('met', 'breached') AND s.due_at >= :start AND s.due_at < :end
GROUP BY 1, 2
"""
REFERENCE_OBSERVED = """
SELECT priority, percentile_cont(ARRAY[0.5, 0.9, 0.95]::float8[])
       WITHIN GROUP (ORDER BY extract(epoch FROM {done} - created_at)), count(*)
FROM tickets WHERE created_at >= :start AND created_at < :end AND {done} IS NOT NULL
GROUP BY 1
"""


async def _seed(session: AsyncSession, rng: random.Random, tickets: int) -> None:
    customer = await add_customer(session, "calibrated")
    for _ in range(tickets):
        created = T0 + timedelta(minutes=rng.randrange(60 * 24 * 60))
        responded = created + timedelta(seconds=rng.randrange(1, 3 * 86400))
        solved = responded + timedelta(seconds=rng.randrange(0, 5 * 86400))
        ticket = await add_ticket(
            session,
            customer,
            created,
            priority=rng.choice(PRIORITIES),
            first_responded_at=responded if rng.random() < 0.8 else None,
            first_solved_at=solved if rng.random() < 0.6 else None,
        )
        for _ in range(rng.randrange(4)):
            target = await add_sla_target(
                session,
                ticket,
                rng.choice(METRICS),
                rng.choice(STATUSES),
                created + timedelta(hours=rng.randrange(1, 24 * 40)),
                timedelta(hours=rng.choice(TARGET_HOURS)),
            )
            target.business_hours = rng.random() < 0.2
    await session.flush()


async def _reference(session: AsyncSession, window: Window) -> dict[tuple[str, str], Any]:
    bounds = {"start": window.start, "end": window.end}
    observed = {}
    for metric, done in (
        ("first_response", "first_responded_at"),
        ("resolution", "first_solved_at"),
    ):
        found = await session.execute(text(REFERENCE_OBSERVED.format(done=done)), bounds)
        for priority, (median, p90, p95), count in found:
            observed[(priority, metric)] = (round(median, 3), round(p90, 3), round(p95, 3), count)
    rows = {}
    for priority, metric, target, business, met, settled in await session.execute(
        text(REFERENCE_TARGETS), bounds
    ):
        rows[(priority, metric)] = (
            float(target),
            business,
            met,
            settled,
            observed.get((priority, metric)),
        )
    return rows


def _answered(calibration: Calibration) -> dict[tuple[str, str], Any]:
    return {
        (row.priority, row.metric): (
            row.target_seconds,
            row.target_business_hours,
            row.met.numerator,
            row.met.denominator,
            None
            if row.observed is None
            else (
                row.observed.median_seconds,
                row.observed.p90_seconds,
                row.observed.p95_seconds,
                row.observed.sample_size,
            ),
        )
        for row in calibration.rows
    }


def _close(estimate: float | None, exact: float | None) -> bool:
    """Within the declared relative error, plus the rounding of both to milliseconds."""
    if estimate is None or exact is None:
        return estimate is exact
    return abs(estimate - exact) <= RELATIVE_ERROR * abs(exact) + 0.001


def _assert_within_error(
    rolled: Calibration, exact: dict[tuple[str, str], Any], *, built: bool
) -> None:
    found = _answered(rolled)
    assert found.keys() == exact.keys()
    for key, (*terms, observed) in found.items():
        *exact_terms, exact_observed = exact[key]
        assert terms == exact_terms, key
        if observed is None or exact_observed is None:
            assert observed is exact_observed, key
            continue
        assert observed[3] == exact_observed[3], key  # the sample: exact
        for estimate, value in zip(observed[:3], exact_observed[:3], strict=True):
            assert _close(estimate, value), (key, observed, exact_observed)
    declared = {row.observed.relative_error for row in rolled.rows if row.observed}
    assert declared <= {RELATIVE_ERROR if built else None}


async def _windows_agree(database: Database, rng: random.Random, *, built: bool) -> None:
    compared = 0
    async with database.sessionmaker() as session:
        for days in (1, 7, 30, 61):
            for _ in range(3):
                start = T0 + timedelta(minutes=rng.randrange(60 * 24 * 40))
                window = Window(start, start + timedelta(days=days))
                exact = await _reference(session, window)
                compared += bool(exact)
                raw = await service.calibration(session, window, rollups=False)
                assert _answered(raw) == exact, window
                assert all(
                    row.observed is None or row.observed.relative_error is None for row in raw.rows
                )
                rolled = await service.calibration(session, window, rollups=True)
                _assert_within_error(rolled, exact, built=built)
    assert compared >= 10, "windows with nothing settled prove nothing"


async def test_calibration_equals_the_raw_computation_on_random_data(
    database: Database,
) -> None:
    rng = random.Random(18)
    async with database.sessionmaker() as session, session.begin():
        await _seed(session, rng, 400)
    await _windows_agree(database, rng, built=False)  # raw rows answer
    await rebuild(database, NOW)
    await _windows_agree(database, rng, built=True)
    async with database.sessionmaker() as session, session.begin():
        await _change(session, rng)
    await _windows_agree(database, rng, built=True)  # the days changed from raw rows
    await fold(database, NOW)
    await _windows_agree(database, rng, built=True)


async def _change(session: AsyncSession, rng: random.Random) -> None:
    """Tickets moved to another priority and answered at other times; targets settled
    otherwise."""
    tickets = (await session.execute(select(Ticket.id))).scalars().all()
    for ticket_id in rng.sample(sorted(tickets), 40):
        await session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id)
            .values(
                priority=rng.choice(PRIORITIES),
                first_responded_at=Ticket.created_at + timedelta(minutes=rng.randrange(1, 900)),
            )
        )
    targets = (await session.execute(select(SlaTarget.id))).scalars().all()
    for target_id in rng.sample(sorted(targets), 40):
        await session.execute(
            update(SlaTarget)
            .where(SlaTarget.id == target_id)
            .values(status=rng.choice(("met", "breached", "stopped")))
        )


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(f"2026-{moment}" + ("" if "T" in moment else "T00:00")).replace(
        tzinfo=UTC
    )


Moments = list[tuple[str, str]]


@pytest.mark.parametrize(
    ("start", "end", "days", "hours", "raw"),
    [
        (
            "10-01T22:30",
            "10-04T05:20",
            [("10-02", "10-04")],
            [("10-01T23:00", "10-02"), ("10-04", "10-04T05:00")],
            [("10-01T22:30", "10-01T23:00"), ("10-04T05:00", "10-04T05:20")],
        ),
        ("10-01", "10-03", [("10-01", "10-03")], [], []),
        ("10-01T03:00", "10-01T09:00", [], [("10-01T03:00", "10-01T09:00")], []),
        # 12 October 13:00 changed since the last fold: that day from hour rows, that hour raw
        (
            "10-10",
            "10-15",
            [("10-10", "10-12"), ("10-13", "10-15")],
            [("10-12", "10-12T13:00"), ("10-12T14:00", "10-13")],
            [("10-12T13:00", "10-12T14:00")],
        ),
    ],
)
def test_whole_clean_utc_days_and_hours_come_from_rollups_the_rest_from_raw_rows(
    start: str, end: str, days: Moments, hours: Moments, raw: Moments
) -> None:
    def ranges(moments: Moments) -> list[tuple[datetime, datetime]]:
        return [(_at(lo), _at(hi)) for lo, hi in moments]

    plan = plan_slots(Window(_at(start), _at(end)), [_at("10-12T13:00")])
    assert plan == SlotPlan(ranges(days), ranges(hours), ranges(raw))


BEFORE = "f3b8d2a6c4e1"  # the revision before the calibration rollups
NOW = datetime(2026, 11, 20, tzinfo=UTC)


async def test_the_migration_backfills_what_a_rebuild_builds(postgres_server_url: str) -> None:
    name = scratch_database_name("calibration_backfill")
    url = await recreate_database(postgres_server_url, name)
    database = Database(url)
    try:
        await asyncio.to_thread(schema.upgrade, url, BEFORE)
        async with database.sessionmaker() as session, session.begin():
            await _seed(session, random.Random(7), 60)
        await asyncio.to_thread(schema.upgrade, url)
        backfilled = await _built(database.engine)
        await rebuild(database, NOW)
        rebuilt = await _built(database.engine)
    finally:
        await database.dispose()
        await drop_database(postgres_server_url, name)
    assert backfilled[0]
    assert backfilled[1]
    assert backfilled == rebuilt


async def _built(engine: AsyncEngine) -> tuple[list[Any], list[Any]]:
    async with engine.connect() as connection:
        promises = await connection.execute(
            select(sla_calibration_promises).order_by(*sla_calibration_promises.c)
        )
        times = await connection.execute(
            select(sla_calibration_times).order_by(
                sla_calibration_times.c.grain,
                sla_calibration_times.c.slot,
                sla_calibration_times.c.priority,
                sla_calibration_times.c.metric,
            )
        )
        return [tuple(row) for row in promises], [tuple(row) for row in times]
