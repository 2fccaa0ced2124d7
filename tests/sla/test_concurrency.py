"""Several worker processes, and a worker killed mid-tick: every breach is emitted once."""

import asyncio
import signal
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from app.kit.db import Database
from app.kit.migrations import PROJECT_ROOT
from app.models import Event, SlaTarget
from tests.factories import seed_due_targets

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


async def start_sweeper(database_url: str, *extra: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.sla.sweep_process", database_url, NOW.isoformat(), *extra,
        cwd=PROJECT_ROOT, stdout=asyncio.subprocess.PIPE,
    )


async def handled_by(process: asyncio.subprocess.Process) -> int:
    stdout, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0
    return int(stdout.decode().strip())


async def breach_counts(database: Database) -> tuple[int, int, int]:
    """(breach events, distinct targets they name, targets still active)."""
    async with database.sessionmaker() as session:
        target_id = Event.data["target_id"].astext
        events, distinct = (await session.execute(
            select(func.count(), func.count(target_id.distinct()))
            .where(Event.type == "sla.breached")
        )).one()
        active = await session.scalar(
            select(func.count()).where(SlaTarget.status == "active")
        )
    return int(events), int(distinct), int(active or 0)


async def test_two_worker_processes_emit_exactly_one_breach_per_target(
    database: Database, database_url: str
) -> None:
    await seed_due_targets(database, 10_000, NOW - timedelta(hours=1))

    first, second = await start_sweeper(database_url), await start_sweeper(database_url)
    handled = [await handled_by(first), await handled_by(second)]

    assert sum(handled) == 10_000
    assert await breach_counts(database) == (10_000, 10_000, 0)


async def test_a_worker_killed_mid_tick_loses_nothing(
    database: Database, database_url: str
) -> None:
    await seed_due_targets(database, 3000, NOW - timedelta(hours=1))
    doomed = await start_sweeper(database_url, "--hold")
    assert doomed.stdout is not None
    line = await asyncio.wait_for(doomed.stdout.readline(), timeout=60)
    assert line.decode().strip() == "claimed 1000"

    # While the doomed worker holds its batch, another skips it and takes the rest.
    assert await handled_by(await start_sweeper(database_url)) == 2000
    doomed.send_signal(signal.SIGKILL)
    await doomed.wait()

    # Its uncommitted batch went back with its connection: the next run emits those breaches.
    assert await handled_by(await start_sweeper(database_url)) == 1000
    assert await breach_counts(database) == (3000, 3000, 0)
