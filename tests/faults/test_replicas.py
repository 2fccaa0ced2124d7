"""Two API replicas and two workers against one database, under concurrent load.

Four real processes (`aftercare serve` twice with the worker off, `aftercare worker` twice)
share a scratch database on the test server. Tickets, agent replies, internal notes and customer
messages are posted concurrently, alternating between the replicas (several requests to one
ticket at once). An SLA policy promises a first response, a next response and a resolution.
The API's shortest target is one minute: rather than wait, the test moves the deadline of every
active target into the past (as if the minute had gone by) and, while both workers sweep, posts
a late agent reply to every unanswered ticket, racing the sweep. Then:

- every reply counter is exact (each accepted public agent reply counted once);
- each target that was due has exactly one `sla.breached` event, whoever saw it first;
- no event is doubled (one `ticket.created` per ticket, one `ticket.message_created` per
  accepted message);
- every event was delivered: one delivery per event, all succeeded, and the receiver, which
  dedupes by `webhook-id` and verifies every signature, saw every event id.
"""

import asyncio
import contextlib
import itertools
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.auth.scopes import Scope
from app.kit.db import Database
from tests.factories import ticket_body
from tests.faults.conftest import create_key
from tests.faults.support import execute, rows, scalar
from tests.support.api import bearer
from tests.support.processes import ServiceProcess, service_env, spawn, wait_ready
from tests.support.receiver import Receiver, free_port, running_receiver
from tests.support.waiting import eventually

TICKETS = 30
IN_FLIGHT = 12  # concurrent requests from the test
PROCESS_SETTINGS = {
    "run_worker_in_api": "false",
    "worker_tick_seconds": "0.2",
    "webhook_delivery_poll_seconds": "0.1",
    "webhook_allow_private_targets": "true",
    "webhook_timeout_seconds": "5",
    "db_pool_size": "5",
    "db_max_overflow": "5",
    "survey_auto_invite_on_solve": "false",
}
POLICY = {
    "name": "fast",
    "position": 1,
    "targets": {
        "first_response": {"target_minutes": 1},
        "next_response": {"target_minutes": 1},
        "resolution": {"target_minutes": 2},
    },
}

MESSAGES: dict[str, dict[str, Any]] = {
    "agent": {"author_type": "agent", "body": "On it."},
    "note": {"author_type": "agent", "public": False, "body": "Internal."},
    "customer": {"author_type": "customer", "body": "Any news?"},
}


@contextlib.asynccontextmanager
async def cluster(url: str, log_dir: Path) -> AsyncIterator[list[ServiceProcess]]:
    """Two API replicas and two workers, all started at once; ended in any case."""
    env = service_env(url, **PROCESS_SETTINGS)
    processes: list[ServiceProcess] = []
    try:
        for n in (1, 2):
            processes.append(await spawn(log_dir / f"worker{n}.log", env, "worker"))
        apis = []
        for n in (1, 2):
            port = free_port()
            api = await spawn(
                log_dir / f"api{n}.log", env, "serve", "--host", "127.0.0.1", "--port", str(port)
            )
            api.base_url = f"http://127.0.0.1:{port}"
            processes.append(api)
            apis.append(api)
        await asyncio.gather(*(wait_ready(api) for api in apis))
        yield apis
    finally:
        await asyncio.gather(*(process.stop() for process in processes))


class Load:
    """Requests spread over the replicas, IN_FLIGHT at a time, with what each accepted."""

    def __init__(self, clients: list[httpx.AsyncClient], key: str) -> None:
        self.clients = itertools.cycle(clients)
        self.headers = bearer(key)
        self.limit = asyncio.Semaphore(IN_FLIGHT)
        self.accepted: Counter[tuple[str, str]] = Counter()  # (ticket id, kind)

    async def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        async with self.limit:
            response = await next(self.clients).post(path, json=body, headers=self.headers)
        assert response.status_code == 201, response.text
        return response

    async def message(self, ticket_id: str, kind: str) -> None:
        await self.post(f"/v1/tickets/{ticket_id}/messages", MESSAGES[kind])
        self.accepted[ticket_id, kind] += 1


@pytest.mark.processes
async def test_two_replicas_and_two_workers_lose_and_double_nothing(
    scratch_url: str, log_dir: Path
) -> None:
    key = await create_key(scratch_url, Scope.ADMIN)
    database = Database(scratch_url, pool_size=2, max_overflow=2)
    try:
        started = time.monotonic()
        async with running_receiver() as receiver, cluster(scratch_url, log_dir) as apis:
            print(f"4 processes ready in {time.monotonic() - started:.1f} s")
            clients = [httpx.AsyncClient(base_url=api.base_url or "", timeout=20) for api in apis]
            try:
                await _scenario(clients, key, receiver, database)
            finally:
                for http in clients:
                    await http.aclose()
    finally:
        await database.dispose()


async def _scenario(
    clients: list[httpx.AsyncClient], key: str, receiver: Receiver, database: Database
) -> None:
    load = Load(clients, key)
    started = time.monotonic()
    await load.post("/v1/sla-policies", POLICY)
    endpoint = (await load.post("/v1/webhook-endpoints", {"url": receiver.url("/all")})).json()
    receiver.route("/all").secrets = [endpoint["secret"]]

    created = await asyncio.gather(*(
        load.post("/v1/tickets", ticket_body(
            subject=f"ticket {n}", customer={"external_ref": f"cust-{n % 7}"}
        ))
        for n in range(TICKETS)
    ))
    tickets = [response.json()["id"] for response in created]
    answered, unanswered = tickets[::2], tickets[1::2]
    # Several requests to one ticket at once, spread over both replicas.
    await asyncio.gather(*(
        load.message(ticket_id, kind)
        for ticket_id in answered for kind in ("agent", "customer", "agent", "note", "agent")
    ), *(
        load.message(ticket_id, kind)
        for ticket_id in unanswered for kind in ("customer", "customer")
    ))

    load_seconds = time.monotonic() - started
    # A minute goes by: every active deadline is now past. Late replies race both sweeps.
    due = {row.id for row in await rows(
        database, "SELECT id FROM sla_targets WHERE status = 'active'"
    )}
    await execute(
        database, "UPDATE sla_targets SET due_at = now() - interval '1 second'"
        " WHERE status = 'active'"
    )
    await asyncio.gather(*(load.message(ticket_id, "agent") for ticket_id in unanswered))

    swept_in = await eventually(
        lambda: _is_zero(database, "SELECT count(*) FROM sla_targets"
                         " WHERE status = 'active' AND due_at < now()"),
        timeout=20, what="every due target swept",
    )
    event_count = await scalar(database, "SELECT count(*) FROM events")
    delivered_in = await eventually(
        lambda: len({r.headers["webhook-id"] for r in receiver.route("/all").requests})
        >= event_count,
        timeout=20, what="every event at the receiver",
    )
    await eventually(  # the last attempts recorded
        lambda: _is_zero(database, "SELECT count(*) FROM webhook_deliveries"
                         " WHERE status <> 'succeeded'"),
        timeout=20, what="every delivery recorded as succeeded",
    )

    # Counters exact, read back through both replicas.
    for n, ticket_id in enumerate(tickets):
        response = await clients[n % 2].get(f"/v1/tickets/{ticket_id}", headers=load.headers)
        assert response.status_code == 200, response.text
        assert response.json()["public_agent_reply_count"] == load.accepted[ticket_id, "agent"]

    # Exactly one breach per target that was due; every one of them breached.
    breaches = await rows(
        database, "SELECT data->>'target_id' AS target_id FROM events WHERE type = 'sla.breached'"
    )
    breached_targets = Counter(uuid.UUID(row.target_id) for row in breaches)
    assert max(breached_targets.values()) == 1
    assert set(breached_targets) == due
    assert await scalar(
        database, "SELECT count(*) FROM sla_targets WHERE status = 'breached'"
    ) == len(due)

    # No event doubled.
    by_type = Counter(
        {row.type: row.n for row in await rows(
            database, "SELECT type, count(*) AS n FROM events GROUP BY type"
        )}
    )
    assert by_type["ticket.created"] == TICKETS
    assert by_type["ticket.message_created"] == sum(load.accepted.values())

    # Every event delivered, at least once, to the one endpoint subscribed to all.
    events = {row.id for row in await rows(database, "SELECT id FROM events")}
    assert len(events) == event_count
    deliveries = await rows(database, "SELECT event_id, status FROM webhook_deliveries")
    assert Counter(row.event_id for row in deliveries) == Counter(events)
    assert {row.status for row in deliveries} == {"succeeded"}
    requests = receiver.route("/all").requests
    assert all(request.verified_by for request in requests)
    assert {uuid.UUID(request.headers["webhook-id"]) for request in requests} == events
    print(
        f"{TICKETS} tickets, {sum(load.accepted.values())} messages in {load_seconds:.1f} s, "
        f"{len(events)} events "
        f"({len(due)} breaches) over 2 replicas and 2 workers; swept {swept_in:.2f} s after the "
        f"deadlines passed, all delivered {delivered_in:.2f} s later; "
        f"{len(requests) - len(events)} repeated deliveries"
    )


async def _is_zero(database: Database, sql: str) -> bool:
    return bool(await scalar(database, sql) == 0)
