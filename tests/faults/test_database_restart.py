"""The database restarts while requests are in flight.

A private PostgreSQL (its own data directory and port) serves a real `aftercare serve` process.
Writers post tickets without pause while the database is stopped (`pg_ctl stop -m fast`, which
ends every backend, in-flight transactions included) and started again. Every answer must be a
201 or a 503 problem with Retry-After (never a 500, a hang or a dropped connection), the same
server process must answer 201 again by itself, and every ticket that got a 201 must still be
there.
"""

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy.exc import DBAPIError

from app.auth.scopes import Scope
from app.kit import migrations as schema
from app.kit.db import asyncpg_dsn
from tests.factories import ticket_body
from tests.faults.conftest import create_key
from tests.support.api import PROBLEM, bearer
from tests.support.private_postgres import PrivatePostgres
from tests.support.processes import ServiceProcess, served
from tests.support.receiver import free_port
from tests.support.waiting import eventually

WRITERS = 4
OUTAGE_ANSWERS = 60  # the database stays down until the writers have had this many answers
RECOVERY_TIMEOUT = 15.0


@dataclass
class Traffic:
    created: list[str] = field(default_factory=list)  # ids of tickets answered 201
    statuses: list[tuple[float, int]] = field(default_factory=list)  # (monotonic time, status)
    unavailable: list[httpx.Response] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)


async def write_tickets(
    http: httpx.AsyncClient, key: str, writer: int, stop: asyncio.Event, traffic: Traffic
) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        body = ticket_body(subject=f"writer {writer} ticket {n}")
        try:
            response = await http.post("/v1/tickets", json=body, headers=bearer(key))
        except httpx.HTTPError as error:  # a hang or a dropped connection is a failure
            traffic.unexpected.append(f"{type(error).__name__}: {error}")
            await asyncio.sleep(0.05)
            continue
        traffic.statuses.append((time.monotonic(), response.status_code))
        if response.status_code == 201:
            traffic.created.append(response.json()["id"])
        elif response.status_code == 503:
            traffic.unavailable.append(response)
            await asyncio.sleep(0.05)
        else:
            traffic.unexpected.append(f"{response.status_code}: {response.text[:300]}")


async def ticket_ids(url: str) -> set[str]:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return {str(row["id"]) for row in await connection.fetch("SELECT id FROM tickets")}
    finally:
        await connection.close()


@pytest.mark.processes
async def test_requests_get_503_during_a_database_restart_and_nothing_committed_is_lost(
    log_dir: Path,
) -> None:
    postgres = PrivatePostgres(free_port())
    try:
        await asyncio.to_thread(postgres.init)
        await asyncio.to_thread(postgres.start)
        await asyncio.to_thread(schema.upgrade, postgres.url)
        key = await create_key(postgres.url, Scope.TICKETS_WRITE, Scope.TICKETS_READ)
        async with served(
            log_dir / "api.log", postgres.url, free_port(),
            run_worker_in_api="true", worker_tick_seconds="0.2", db_pool_size="4",
        ) as api:
            await run_restart_scenario(api, postgres, key)
    finally:
        await asyncio.to_thread(postgres.destroy)


async def run_restart_scenario(api: ServiceProcess, postgres: PrivatePostgres, key: str) -> None:
    assert api.base_url is not None
    pid = api.pid
    traffic = Traffic()
    stop = asyncio.Event()
    timeout = httpx.Timeout(10.0)
    async with httpx.AsyncClient(base_url=api.base_url, timeout=timeout) as http:
        writers = [
            asyncio.create_task(write_tickets(http, key, n, stop, traffic))
            for n in range(WRITERS)
        ]
        try:
            await eventually(
                lambda: len(traffic.created) >= 20, timeout=10, what="20 tickets created"
            )
            before_outage = len(traffic.created)

            stopped_at = time.monotonic()
            await asyncio.to_thread(postgres.stop, "fast")
            await eventually(
                lambda: len(_answered_since(traffic, stopped_at + 0.5)) >= OUTAGE_ANSWERS,
                timeout=RECOVERY_TIMEOUT, what="requests answered during the outage",
            )
            ready = await http.get("/readyz")
            assert ready.status_code == 503, ready.text
            assert ready.headers["content-type"] == PROBLEM
            during_outage = _answered_since(traffic, stopped_at + 0.5)
            assert during_outage, "no request was answered during the outage"
            assert set(during_outage) == {503}, during_outage

            await asyncio.to_thread(postgres.start)
            restarted_at = time.monotonic()
            recovered_after = await eventually(
                lambda: 201 in _answered_since(traffic, restarted_at),
                timeout=RECOVERY_TIMEOUT, what="a 201 after the database came back",
            )
            await eventually(
                lambda: _answered_since(traffic, restarted_at).count(201) >= 20,
                timeout=RECOVERY_TIMEOUT, what="a little more traffic on the recovered pool",
            )
        finally:
            stop.set()
            await asyncio.gather(*writers)

        assert (await http.get("/readyz")).status_code == 200
        assert api.running  # recovered by itself: the same process, never restarted
        assert api.pid == pid
        assert traffic.unexpected == []
        assert traffic.unavailable, "the outage produced no 503"
        for response in traffic.unavailable:
            assert response.headers["content-type"] == PROBLEM
            assert int(response.headers["retry-after"]) >= 1
            assert response.json()["status"] == 503
        # Every answered 201 is durable, and readable through the API after the restart.
        assert set(traffic.created) <= await ticket_ids(postgres.url)
        for ticket_id in traffic.created[:: max(1, len(traffic.created) // 20)]:
            response = await http.get(f"/v1/tickets/{ticket_id}", headers=bearer(key))
            assert response.status_code == 200, response.text
    print(
        f"created {len(traffic.created)} ({before_outage} before the outage), "
        f"{len(traffic.unavailable)} answered 503, recovered {recovered_after:.2f} s after start"
    )
    assert recovered_after < RECOVERY_TIMEOUT


def _answered_since(traffic: Traffic, moment: float) -> list[int]:
    """The statuses of the answers that came after `moment` (monotonic time)."""
    return [status for at, status in traffic.statuses if at > moment]


class _AsyncpgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("sqlstate", "unavailable"),
    [
        ("57P03", True),  # the database system is starting up / shutting down
        ("57P01", True),  # terminating connection due to administrator command
        ("08003", True),  # connection was closed in the middle of operation
        ("53300", True),  # too many connections
        ("23505", False),  # a unique violation is a bug or a conflict, not an outage
        ("57014", False),  # statement timeout
    ],
)
def test_database_errors_that_mean_unavailable(sqlstate: str, unavailable: bool) -> None:
    from app.kit.errors import _is_database_unavailable

    error = DBAPIError("SELECT 1", None, _AsyncpgError(sqlstate))
    assert _is_database_unavailable(error) is unavailable
