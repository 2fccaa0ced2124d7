"""Keeping the rollups: writers never wait on them, the worker folds a change within seconds,
and `aftercare metrics rebuild` recomputes them from raw rows."""

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import httpx
from sqlalchemy import func, select

from app.config import Settings
from app.kit.clock import SystemClock
from app.kit.db import Database, asyncpg_dsn
from app.kit.jobs import JobContext, Worker
from app.kit.migrations import PROJECT_ROOT
from app.metrics import service
from app.metrics.schemas import Window
from app.metrics.tasks import jobs
from app.models import metric_changes, metric_rollups
from tests.factories import CUSTOMER, ticket_body
from tests.support.clock import MutableClock
from tests.support.waiting import eventually

Headers = dict[str, str]
WRITERS, TICKETS_EACH = 8, 6
LAG_SECONDS = 5


async def _rebuilt(database: Database) -> None:
    async with database.sessionmaker() as session, session.begin():
        await service.rebuild_rollups(session, SystemClock().now())


# Every lock a session of the test database waits for, but two that PostgreSQL takes whatever
# the rollups do: the one a committing transaction that sent a NOTIFY (the app's cache
# invalidation) takes on the database's notification queue, and a table's extension lock,
# held for the moment concurrent INSERTs add a page to the same table (`events`, say).
WAITING = """
SELECT l.locktype, l.mode, l.relation::regclass::text AS relation, left(a.query, 120) AS query
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE NOT l.granted AND a.datname = current_database()
  AND NOT (l.locktype = 'object' AND l.classid = 'pg_database'::regclass)
  AND l.locktype <> 'extend'
"""


async def _lock_waits(database: Database, seen: list[str], stop: asyncio.Event) -> int:
    """Sample, as often as the server answers, the lock waits of the test database's
    sessions; how many samples were taken."""
    connection = await asyncpg.connect(asyncpg_dsn(database.url))
    samples = 0
    try:
        while not stop.is_set():
            rows = await connection.fetch(WAITING)
            seen += [" ".join(str(value) for value in row.values()) for row in rows]
            samples += 1
            await asyncio.sleep(0)
    finally:
        await connection.close()
    return samples


@contextlib.asynccontextmanager
async def _worker(database: Database, settings: Settings) -> AsyncIterator[None]:
    worker = Worker(JobContext(database, SystemClock(), settings), jobs(settings))
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run(stop))
    try:
        yield
    finally:
        stop.set()
        await running


async def test_concurrent_ticket_posts_wait_on_no_lock_while_the_worker_folds(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    database: Database,
    settings: Settings,
    clock: MutableClock,
) -> None:
    await _rebuilt(database)

    async def writer(number: int) -> None:
        for ticket in range(TICKETS_EACH):
            customer = {
                **CUSTOMER,
                "external_ref": f"cust-{number}-{ticket}",
                "email": f"c{number}.{ticket}@example.com",
            }
            response = await client.post(
                "/v1/tickets", json=ticket_body(customer=customer), headers=admin_headers
            )
            assert response.status_code == 201, response.text

    waits: list[str] = []
    stop = asyncio.Event()
    async with _worker(database, settings):
        sampler = asyncio.create_task(_lock_waits(database, waits, stop))
        await asyncio.gather(*(writer(number) for number in range(WRITERS)))
        stop.set()
        samples = await sampler
    assert samples > 10
    assert waits == []
    async with database.sessionmaker() as session:
        now = clock.now()
        summary = await service.summary(
            session, Window(now - timedelta(days=1), now + timedelta(minutes=1)), now, rollups=True
        )
    assert summary.tickets_created == WRITERS * TICKETS_EACH


async def test_posting_tickets_writes_the_change_log_only_never_a_rollup(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    await _rebuilt(database)
    for _ in range(3):
        response = await client.post("/v1/tickets", json=ticket_body(), headers=admin_headers)
        assert response.status_code == 201
    async with database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(metric_rollups)) == 0
        assert await session.scalar(select(func.count()).select_from(metric_changes)) == 3


async def test_the_worker_folds_a_new_ticket_within_seconds(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, settings: Settings
) -> None:
    await _rebuilt(database)
    async with _worker(database, settings):
        response = await client.post("/v1/tickets", json=ticket_body(), headers=admin_headers)
        assert response.status_code == 201

        async def folded() -> bool:
            async with database.sessionmaker() as session:
                rolled = await session.scalar(
                    select(func.sum(metric_rollups.c.denominator)).where(
                        metric_rollups.c.measure == "tickets_created",
                        metric_rollups.c.dim == "",
                        metric_rollups.c.grain == 60,
                    )
                )
                pending = await session.scalar(select(func.count()).select_from(metric_changes))
            return rolled == 1 and pending == 0

        lag = await eventually(folded, timeout=LAG_SECONDS, what="the ticket folded")
    assert lag < LAG_SECONDS


async def test_metrics_rebuild_recomputes_the_rollups_from_raw_rows(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, database_url: str
) -> None:
    for _ in range(2):
        response = await client.post("/v1/tickets", json=ticket_body(), headers=admin_headers)
        assert response.status_code == 201
    async with database.sessionmaker() as session:
        assert await service.rollup_state(session) is None  # never built: raw rows answer
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "app.cli", "metrics", "rebuild"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "AFTERCARE_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "rebuilt from raw rows" in done.stdout
    async with database.sessionmaker() as session:
        state = await service.rollup_state(session)
        assert state is not None
        assert state.dirty == []
        created = await session.scalar(
            select(func.sum(metric_rollups.c.denominator)).where(
                metric_rollups.c.measure == "tickets_created",
                metric_rollups.c.dim == "",
                metric_rollups.c.grain == 1440,
            )
        )
    assert created == 2
