"""Webhook delivery benchmark: the real delivery job against receivers on 127.0.0.1.

    .venv/bin/python bench/webhook_delivery.py [--fast-events 1000] [--slow-events 40] ...

Scenarios, each with its own endpoints:
  fast     receivers answer 200 at once: deliveries per second
  slow     receivers answer 200 after 1 s: deliveries per second (bounded by the concurrency)
  latency  events recorded at a steady rate while the worker runs: event-to-delivery latency
           (the event's created_at to the receiver having the request), p50 and p99

Database: a scratch database `aftercare_bench_webhooks_...` on AFTERCARE_BENCH_SERVER_URL (default
postgresql+asyncpg://postgres@127.0.0.1:5432/postgres), created, migrated and dropped; or, if
AFTERCARE_DATABASE_URL is set, that database (migrated; it must have no other enabled webhook
endpoint, since every bench event would go to it too; the bench's endpoints are deleted after).
"""

import argparse
import asyncio
import contextlib
import json
import logging
import multiprocessing
import os
import socket
import statistics
import time
from collections.abc import AsyncIterator
from datetime import datetime
from multiprocessing.process import BaseProcess

import httpx
import uvicorn
from sqlalchemy import delete, func, select
from starlette.types import Receive, Scope, Send

from app.config import Settings
from app.events.service import record_events as record_in_outbox
from app.events.types import EventType
from app.kit import migrations as schema
from app.kit.clock import SystemClock
from app.kit.db import Database
from app.kit.jobs import JobContext, Worker
from app.models import WebhookDelivery, WebhookEndpoint
from app.webhooks import tasks as webhook_tasks
from app.webhooks.signing import generate_secret
from tests.factories import raw_event
from tests.support.database import migrated_scratch_database

DEFAULT_SERVER_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
BENCH_DESCRIPTION = "bench/webhook_delivery.py"


class ReceiverApp:
    """Answers 200 after `delay` seconds and notes when each message id first arrived;
    `GET /_arrivals` reports them. Runs in its own process, as a real receiver would."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.arrivals: dict[str, float] = {}
        self.requests = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        if scope["path"] == "/_arrivals":
            body = json.dumps({"requests": self.requests, "arrivals": self.arrivals}).encode()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": body})
            return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        self.requests += 1
        headers = dict(scope["headers"])
        self.arrivals.setdefault(headers[b"webhook-id"].decode(), time.time())
        if self.delay:
            await asyncio.sleep(self.delay)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def serve_receiver(port: int, delay: float) -> None:
    uvicorn.run(
        ReceiverApp(delay),
        host="127.0.0.1",
        port=port,
        loop="uvloop",
        http="httptools",
        log_level="warning",
        access_log=False,
        backlog=4096,
    )


class BenchReceiver:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.port = 0
        self._process: BaseProcess | None = None

    async def start(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        process = multiprocessing.get_context("spawn").Process(
            target=serve_receiver, args=(self.port, self.delay), daemon=True
        )
        process.start()
        self._process = process
        async with httpx.AsyncClient(trust_env=False) as client:
            for _ in range(200):
                with contextlib.suppress(httpx.TransportError):
                    await client.get(self.url("/_arrivals"))
                    return
                await asyncio.sleep(0.05)
        raise RuntimeError("the receiver did not start")

    async def report(self) -> tuple[int, dict[str, float]]:
        async with httpx.AsyncClient(trust_env=False) as client:
            answer = (await client.get(self.url("/_arrivals"))).json()
        return answer["requests"], answer["arrivals"]

    async def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            await asyncio.to_thread(self._process.join, 5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextlib.asynccontextmanager
async def bench_database() -> AsyncIterator[str]:
    configured = os.environ.get("AFTERCARE_DATABASE_URL")
    if configured:
        await asyncio.to_thread(schema.upgrade, configured)
        yield configured
        return
    server = os.environ.get("AFTERCARE_BENCH_SERVER_URL", DEFAULT_SERVER_URL)
    async with migrated_scratch_database(server, "bench_webhooks") as url:
        yield url


async def refuse_foreign_endpoints(database: Database) -> None:
    async with database.sessionmaker() as session:
        others = await session.scalar(
            select(func.count()).where(
                WebhookEndpoint.enabled, WebhookEndpoint.description != BENCH_DESCRIPTION
            )
        )
    if others:
        raise SystemExit(f"{others} other enabled webhook endpoint(s) would get bench events")


async def create_endpoints(database: Database, receiver: BenchReceiver, count: int) -> None:
    now = SystemClock().now()
    async with database.sessionmaker() as session, session.begin():
        for number in range(count):
            session.add(
                WebhookEndpoint(
                    url=receiver.url(f"/hook/{number}"),
                    description=BENCH_DESCRIPTION,
                    event_types=None,
                    enabled=True,
                    secret=generate_secret(),
                    created_at=now,
                    updated_at=now,
                )
            )


async def delete_endpoints(database: Database) -> None:
    async with database.sessionmaker() as session, session.begin():
        await session.execute(
            delete(WebhookEndpoint).where(WebhookEndpoint.description == BENCH_DESCRIPTION)
        )


async def record_events(database: Database, count: int, batch: int = 200) -> list[datetime]:
    clock = SystemClock()
    created: list[datetime] = []
    for start in range(0, count, batch):
        async with database.sessionmaker() as session, session.begin():
            for number in range(start, min(start + batch, count)):
                event = raw_event(
                    EventType.SLA_BREACHED, {"ticket_id": f"t_{number}", "metric": "resolution"},
                    now=clock.now(),
                )
                await record_in_outbox(session, [event])
                created.append(event.created_at)
    return created


async def pending_deliveries(database: Database) -> int:
    async with database.sessionmaker() as session:
        count = await session.scalar(
            select(func.count()).where(WebhookDelivery.status == "pending")
        )
    return int(count or 0)


async def until_delivered(database: Database) -> None:
    while await pending_deliveries(database):  # noqa: ASYNC110 - polls the database
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def running_worker(context: JobContext) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(Worker(context, webhook_tasks.jobs(context.settings)).run(stop))
    try:
        yield
    finally:
        stop.set()
        await task


async def throughput(
    database: Database, settings: Settings, *, delay: float, endpoints: int, events: int
) -> tuple[int, float]:
    """Deliveries seeded before the worker starts, and the seconds it took to deliver them."""
    receiver = BenchReceiver(delay=delay)
    await receiver.start()
    try:
        await create_endpoints(database, receiver, endpoints)
        await record_events(database, events)
        total = endpoints * events
        context = JobContext(database, SystemClock(), settings)
        started = time.perf_counter()
        async with running_worker(context):
            await until_delivered(database)
        elapsed = time.perf_counter() - started
        requests, _ = await receiver.report()
        assert requests == total, (requests, total)
        return total, elapsed
    finally:
        await delete_endpoints(database)
        await receiver.stop()


async def latency(
    database: Database, settings: Settings, *, endpoints: int, rate: float, seconds: float
) -> list[float]:
    """Seconds from each event's created_at to its arrival, events recorded at `rate`/s."""
    receiver = BenchReceiver(delay=0)
    await receiver.start()
    try:
        await create_endpoints(database, receiver, endpoints)
        context = JobContext(database, SystemClock(), settings)
        created: dict[str, float] = {}
        async with running_worker(context):
            for _ in range(int(rate * seconds)):
                async with database.sessionmaker() as session, session.begin():
                    event = raw_event(
                        EventType.SLA_BREACHED, {"ticket_id": "t"}, now=context.clock.now()
                    )
                    await record_in_outbox(session, [event])
                created[str(event.id)] = event.created_at.timestamp()
                await asyncio.sleep(1 / rate)
            await until_delivered(database)
        _, arrivals = await receiver.report()
        return sorted(arrivals[key] - at for key, at in created.items())
    finally:
        await delete_endpoints(database)
        await receiver.stop()


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


async def main(args: argparse.Namespace) -> None:
    async with bench_database() as url:
        settings = Settings(
            database_url=url,
            webhook_allow_private_targets=True,
            webhook_max_concurrency=args.concurrency,
            webhook_per_endpoint_concurrency=args.per_endpoint,
            db_pool_size=args.pool_size,
            db_max_overflow=0,
        )
        database = Database.from_settings(settings)
        try:
            await refuse_foreign_endpoints(database)
            print(
                f"concurrency {args.concurrency} (per endpoint {args.per_endpoint}), "
                f"DB pool {args.pool_size}, poll {settings.webhook_delivery_poll_seconds} s"
            )
            total, elapsed = await throughput(
                database,
                settings,
                delay=0,
                endpoints=args.fast_endpoints,
                events=args.fast_events,
            )
            print(
                f"fast receiver (200 at once): {total} deliveries to {args.fast_endpoints} "
                f"endpoints in {elapsed:.2f} s = {total / elapsed:.0f} deliveries/s"
            )
            total, elapsed = await throughput(
                database,
                settings,
                delay=1.0,
                endpoints=args.slow_endpoints,
                events=args.slow_events,
            )
            print(
                f"slow receiver (200 after 1 s): {total} deliveries to {args.slow_endpoints} "
                f"endpoints in {elapsed:.2f} s = {total / elapsed:.0f} deliveries/s"
            )
            delays = await latency(
                database,
                settings,
                endpoints=args.latency_endpoints,
                rate=args.rate,
                seconds=args.seconds,
            )
            print(
                f"event-to-delivery latency: {len(delays)} events at {args.rate:g}/s to "
                f"{args.latency_endpoints} endpoints: p50 {percentile(delays, 0.5) * 1000:.0f} "
                f"ms, p99 {percentile(delays, 0.99) * 1000:.0f} ms, "
                f"mean {statistics.fmean(delays) * 1000:.0f} ms"
            )
        finally:
            await database.dispose()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--per-endpoint", type=int, default=4)
    parser.add_argument("--pool-size", type=int, default=20)
    parser.add_argument("--fast-endpoints", type=int, default=20)
    parser.add_argument("--fast-events", type=int, default=250)
    parser.add_argument("--slow-endpoints", type=int, default=50)
    parser.add_argument("--slow-events", type=int, default=20)
    parser.add_argument("--latency-endpoints", type=int, default=1)
    parser.add_argument("--rate", type=float, default=20.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    return parser.parse_args()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    arguments = parse_args()
    try:
        import uvloop

        uvloop.run(main(arguments))
    except ImportError:
        asyncio.run(main(arguments))
