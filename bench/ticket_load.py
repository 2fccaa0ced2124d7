"""Load: POST tickets with replies at a chosen concurrency; compare with a bare asyncpg INSERT.

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
from datetime import UTC, datetime

import asyncpg
import httpx

from bench._common import (
    DEFAULT_SERVER_URL,
    asyncpg_dsn,
    recreate_database,
    run_cli,
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
    latencies: dict[str, list[float]] = defaultdict(list)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(tickets):
        queue.put_nowait(n)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"Authorization": f"Bearer {api_key}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits) as client:

        async def timed(
            name: str, method: str, url: str, body: dict[str, object]
        ) -> httpx.Response:
            started = time.perf_counter()
            response = await client.request(method, url, json=body)
            latencies[name].append(time.perf_counter() - started)
            if response.status_code >= 400:
                latencies["errors"].append(0.0)
            return response

        async def user() -> None:
            while not queue.empty():
                n = queue.get_nowait()
                created = await timed("POST /v1/tickets", "POST", "/v1/tickets", _ticket_body(n))
                ticket_id = created.json()["id"]
                for r in range(replies):
                    author = "agent" if r % 2 == 0 else "customer"
                    await timed(
                        "POST /v1/tickets/{id}/messages",
                        "POST",
                        f"/v1/tickets/{ticket_id}/messages",
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


async def main() -> None:
    args = _parse_args()
    if args.start_server:
        database_url = await recreate_database(args.server_url, "aftercare_bench_tickets")
        run_cli(database_url, "migrate")
        api_key = run_cli(database_url, "keys", "create", "--name", "bench", "--scopes", "admin")
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
    post = summarise("POST /v1/tickets", latencies["POST /v1/tickets"], seconds)
    print(f"POST /v1/tickets p50 / bare INSERT p50 = {post.p50_ms / bare_summary.p50_ms:.1f}x")


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
    parser.add_argument("--database-url", help="for the bare INSERT baseline")
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--replies", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    if not args.start_server and not (args.api_key and args.database_url):
        parser.error("without --start-server, give --api-key and --database-url")
    return args


if __name__ == "__main__":
    asyncio.run(main())
