"""Webhook receivers that are down, slow, answer garbage or close the connection: a real
`aftercare worker` keeps serving the healthy receiver on time.

Every event goes to five endpoints: a healthy receiver, a port nothing listens on, a receiver
slower than the delivery timeout, a TCP server that answers bytes that are not HTTP, and one
that closes the connection without answering. The worker has 20 attempts in flight at most (4
per endpoint), so the four bad endpoints could hold 16 of them: the healthy receiver must still
get every event within a second or so of its creation, while every bad delivery is retried.
"""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from app.events.types import EventType
from app.kit.db import Database
from tests.factories import add_event, create_endpoint
from tests.faults.support import rows
from tests.support.processes import worker
from tests.support.receiver import Receiver, Reply, free_port, running_receiver
from tests.support.waiting import eventually

EVENTS = 40
EVENTS_PER_SECOND = 10
MAX_HEALTHY_LATENCY = 1.5  # < the 2 s timeout: never queued behind a bad attempt (poll 0.1 s)
WORKER_SETTINGS = {
    "worker_tick_seconds": "0.5",
    "webhook_delivery_poll_seconds": "0.1",
    "webhook_allow_private_targets": "true",
    "webhook_timeout_seconds": "2",
    "webhook_max_concurrency": "20",
    "webhook_per_endpoint_concurrency": "4",
    "survey_auto_invite_on_solve": "false",
}
BAD_ENDPOINTS = ("down", "slow", "garbage", "hangs up")
BAD_ATTEMPTS = 4  # at least, for each bad endpoint: tried, and tried again
ATTEMPTS = (
    "SELECT e.description, d.status, count(a.id) AS attempts,"
    " count(a.id) FILTER (WHERE a.status_code IS NULL AND a.error IS NOT NULL) AS errors"
    " FROM webhook_endpoints e JOIN webhook_deliveries d ON d.endpoint_id = e.id"
    " LEFT JOIN webhook_delivery_attempts a ON a.delivery_id = d.id"
    " GROUP BY e.description, d.status"
)
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def tcp_server(handler: Handler) -> AsyncIterator[int]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.wait_closed(), 2)


async def answer_garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read(65536)
    writer.write(b"\x00\xff\xfeSMTP ready? \xde\xad\xbe\xef\r\n\r\n{not http")
    with contextlib.suppress(ConnectionError):
        await writer.drain()
    writer.close()


async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read(1)  # the request has started to arrive: close without a word
    writer.close()


@pytest.mark.processes
async def test_bad_receivers_do_not_delay_a_healthy_one(
    database: Database,
    database_url: str,
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    log_dir: Path,
) -> None:
    async with (
        running_receiver() as receiver,
        tcp_server(answer_garbage) as garbage_port,
        tcp_server(hang_up) as hangup_port,
    ):
        receiver.route("/slow").default = Reply(hang=True)  # never answers within the 2 s timeout
        urls = {
            "healthy": receiver.url("/ok"),
            "down": f"http://127.0.0.1:{free_port()}/hooks",
            "slow": receiver.url("/slow"),
            "garbage": f"http://127.0.0.1:{garbage_port}/hooks",
            "hangs up": f"http://127.0.0.1:{hangup_port}/hooks",
        }
        endpoints = {}
        for name, url in urls.items():
            endpoint = await create_endpoint(
                client, admin_headers, url, description=name, event_types=["ticket.created"]
            )
            endpoints[name] = endpoint["id"]
            if name == "healthy":
                receiver.route("/ok").secrets = [endpoint["secret"]]
        await _deliver_while_recording(database, database_url, receiver, endpoints, log_dir)


async def _deliver_while_recording(
    database: Database,
    database_url: str,
    receiver: Receiver,
    endpoints: dict[str, str],
    log_dir: Path,
) -> None:
    healthy = receiver.route("/ok")
    created: dict[str, float] = {}
    async with worker(log_dir / "worker.log", database_url, **WORKER_SETTINGS) as process:
        await eventually(
            lambda: '"worker started"' in process.logs(), timeout=20, what="the worker started"
        )
        for n in range(EVENTS):
            event_id = await add_event(
                database, EventType.TICKET_CREATED, {"n": n}, now=datetime.now(UTC)
            )
            created[str(event_id)] = time.time()
            await asyncio.sleep(1 / EVENTS_PER_SECOND)
        await eventually(
            lambda: len({r.headers["webhook-id"] for r in healthy.requests}) == EVENTS,
            timeout=10, what="every event at the healthy receiver",
        )
        await eventually(
            lambda: _each_bad_endpoint_tried(database, BAD_ATTEMPTS), timeout=10,
            what="every bad endpoint tried, and tried again",
        )
        assert process.running
        logs = process.logs()

    first_arrival: dict[str, float] = {}
    for request in healthy.requests:
        assert request.verified_by
        first_arrival.setdefault(request.headers["webhook-id"], request.received_at)
    assert set(first_arrival) == set(created)
    latencies = sorted(first_arrival[event_id] - created[event_id] for event_id in created)
    assert latencies[-1] < MAX_HEALTHY_LATENCY, latencies
    assert '"job failed"' not in logs

    by_endpoint = await _attempts_by_endpoint(database)
    assert set(by_endpoint["healthy"]) == {"succeeded"}
    for name in BAD_ENDPOINTS:
        assert "succeeded" not in by_endpoint[name], name
        total_attempts, errors = by_endpoint[name]["pending"]
        assert total_attempts >= BAD_ATTEMPTS, (name, total_attempts)
        assert errors == total_attempts, name  # each failure recorded with its error
    print(
        f"healthy receiver latency: median {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms; attempts by bad endpoint: "
        + ", ".join(f"{name} {by_endpoint[name]['pending'][0]}" for name in BAD_ENDPOINTS)
    )


async def _attempts_by_endpoint(database: Database) -> dict[str, dict[str, tuple[int, int]]]:
    """{endpoint description: {delivery status: (attempts, attempts that failed with an error)}}"""
    by_endpoint: dict[str, dict[str, tuple[int, int]]] = {}
    for row in await rows(database, ATTEMPTS):
        by_endpoint.setdefault(row.description, {})[row.status] = (row.attempts, row.errors)
    return by_endpoint


async def _each_bad_endpoint_tried(database: Database, times: int) -> bool:
    by_endpoint = await _attempts_by_endpoint(database)
    return all(
        by_endpoint.get(name, {}).get("pending", (0, 0))[0] >= times for name in BAD_ENDPOINTS
    )
