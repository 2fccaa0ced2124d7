"""Load: POST tickets with replies at a chosen concurrency; compare with a bare asyncpg INSERT.

Two more rows show where the difference goes: the same ticket row through one bare asyncpg
INSERT (the floor the issue compares with), and the service's own `create_ticket` called in this
process on a SQLAlchemy session (every statement of a POST, without HTTP, FastAPI and auth).

    .venv/bin/python -m bench.ticket_load --start-server --tickets 2000 --concurrency 16
    .venv/bin/python -m bench.ticket_load --start-server --workers 2 --replies 0

With --start-server it creates a scratch database on --server-url (default: the local
PostgreSQL), migrates it, creates an API key and runs `aftercare serve` on it. Without it, pass
--base-url, --api-key and --database-url of a running server.
"""

import argparse
import asyncio
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import asyncpg
from sqlalchemy import select

from app.auth.service import Principal
from app.idempotency.service import IdempotentRequest
from app.kit.db import Database, asyncpg_dsn
from app.models import ApiKey
from app.tickets.schemas import TicketCreate
from app.tickets.service import create_ticket
from bench._common import (
    DEFAULT_SERVER_URL,
    scratch_database_with_key,
    served_app,
    summarise,
)


def _ticket_body(n: int) -> dict[str, object]:
    return {
        "subject": f"Parcel {n} has not arrived",
        "description": "I ordered last week and the tracking page has not moved since.",
        "channel": "email",
        "priority": "normal",
        "customer": {
            "external_ref": f"bench-customer-{n % 500}",
            "email": f"c{n % 500}@example.com",
        },
        "tags": ["delivery"],
    }


async def run_http_load(
    base_url: str, api_key: str, tickets: int, replies: int, concurrency: int
) -> dict[str, list[float]]:
    """Closed loop: `concurrency` clients, each posting a ticket and its replies in turn.
    aiohttp rather than httpx: its client costs several times less CPU per request, CPU the
    server shares when both run on one machine."""
    latencies: dict[str, list[float]] = defaultdict(list)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(tickets):
        queue.put_nowait(n)
    connector = aiohttp.TCPConnector(limit=concurrency)
    headers = {"Authorization": f"Bearer {api_key}"}
    async with aiohttp.ClientSession(base_url, headers=headers, connector=connector) as client:

        async def timed(name: str, url: str, body: dict[str, object]) -> dict[str, Any]:
            started = time.perf_counter()
            async with client.post(url, json=body) as response:
                answer: dict[str, Any] = await response.json(content_type=None)
            latencies[name].append(time.perf_counter() - started)
            if response.status >= 400:
                latencies["errors"].append(0.0)
            return answer

        async def user() -> None:
            while not queue.empty():
                n = queue.get_nowait()
                created = await timed("POST /v1/tickets", "/v1/tickets", _ticket_body(n))
                for r in range(replies):
                    author = "agent" if r % 2 == 0 else "customer"
                    await timed(
                        "POST /v1/tickets/{id}/messages",
                        f"/v1/tickets/{created['id']}/messages",
                        {"author_type": author, "body": f"reply {r}"},
                    )

        await asyncio.gather(*(user() for _ in range(concurrency)))
    return latencies


async def run_bare_inserts(database_url: str, rows: int, concurrency: int) -> list[float]:
    """The floor: the same ticket row through one asyncpg INSERT, same concurrency."""
    pool = await asyncpg.create_pool(
        asyncpg_dsn(database_url), min_size=concurrency, max_size=concurrency
    )
    customer_id = await pool.fetchval(
        "INSERT INTO customers (id, external_ref, created_at, updated_at) "
        "VALUES ($1, $2, now(), now()) ON CONFLICT (external_ref) DO UPDATE "
        "SET updated_at = now() RETURNING id",
        uuid.uuid4(),
        "bench-bare-customer",
    )
    latencies: list[float] = []
    remaining = iter(range(rows))
    insert = (
        "INSERT INTO tickets (id, subject, status, priority, channel, tier, customer_id, tags, "
        "created_at, updated_at, public_agent_reply_count, reopen_count, awaiting_reply_since) "
        "VALUES ($1, $2, 'new', 'normal', 'email', 1, $3, $4, $5, $5, 0, 0, $5)"
    )

    async def inserter() -> None:
        for n in remaining:
            started = time.perf_counter()
            await pool.execute(
                insert,
                uuid.uuid4(),
                f"Parcel {n} has not arrived",
                customer_id,
                ["delivery"],
                datetime.now(UTC),
            )
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(inserter() for _ in range(concurrency)))
    await pool.close()
    return latencies


async def run_service_calls(database_url: str, rows: int, concurrency: int) -> list[float]:
    """`tickets.service.create_ticket` (its two statements per ticket, no key), same
    concurrency."""
    database = Database(database_url, pool_size=concurrency, max_overflow=0)
    async with database.sessionmaker() as session:
        actor_id = await session.scalar(select(ApiKey.id).limit(1))
    assert actor_id is not None
    actor = Principal(api_key_id=actor_id, name="bench", scopes=frozenset({"admin"}))
    latencies: list[float] = []
    remaining = iter(range(rows))

    async def caller() -> None:
        for n in remaining:
            body = TicketCreate.model_validate(_ticket_body(n))
            started = time.perf_counter()
            without_key = IdempotentRequest(
                actor=actor, key=None, fingerprint="", now=datetime.now(UTC),
                ttl=timedelta(hours=24),
            )
            await create_ticket(database, body, without_key)
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(caller() for _ in range(concurrency)))
    await database.dispose()
    return latencies


async def main() -> None:
    args = _parse_args()
    if args.start_server:
        database_url, api_key = await scratch_database_with_key(
            args.server_url, "aftercare_bench_tickets", key_name="bench"
        )
        workers = {"AFTERCARE_SERVER_WORKERS": str(args.workers)}
        async with served_app(
            database_url, args.port, worker=False, environment=workers
        ) as base_url:
            await _measure(base_url, api_key, database_url, args)
    else:
        await _measure(args.base_url, args.api_key, args.database_url, args)


async def _measure(
    base_url: str, api_key: str, database_url: str, args: argparse.Namespace
) -> None:
    print(
        f"tickets={args.tickets} replies/ticket={args.replies} concurrency={args.concurrency}"
        f" server workers={args.workers if args.start_server else '?'}"
    )
    await run_http_load(base_url, api_key, min(200, args.tickets), args.replies, args.concurrency)
    started = time.perf_counter()
    latencies = await run_http_load(base_url, api_key, args.tickets, args.replies, args.concurrency)
    seconds = time.perf_counter() - started
    errors = len(latencies.pop("errors", []))
    total = sum(len(values) for values in latencies.values())
    print(
        f"HTTP: {total} requests in {seconds:.2f} s = {total / seconds:.1f} req/s, {errors} errors"
    )
    for name, values in latencies.items():
        print(summarise(name, values, seconds).line())
    started = time.perf_counter()
    bare = await run_bare_inserts(database_url, args.tickets, args.concurrency)
    bare_summary = summarise("bare asyncpg INSERT ticket", bare, time.perf_counter() - started)
    print(bare_summary.line())
    started = time.perf_counter()
    calls = await run_service_calls(database_url, args.tickets, args.concurrency)
    service = summarise("create_ticket, no HTTP", calls, time.perf_counter() - started)
    print(service.line())
    post = summarise("POST /v1/tickets", latencies["POST /v1/tickets"], seconds)
    print(f"POST /v1/tickets p50 / bare INSERT p50 = {post.p50_ms / bare_summary.p50_ms:.1f}x")
    print(f"create_ticket p50 / bare INSERT p50 = {service.p50_ms / bare_summary.p50_ms:.1f}x")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes, with --start-server"
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--api-key")
    parser.add_argument("--database-url", help="for the two baselines")
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--replies", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    if not args.start_server and not (args.api_key and args.database_url):
        parser.error("without --start-server, give --api-key and --database-url")
    return args


if __name__ == "__main__":
    asyncio.run(main())
