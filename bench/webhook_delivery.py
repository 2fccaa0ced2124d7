"""Webhook delivery benchmark: the real delivery job against receivers on 127.0.0.1, each
scenario next to its anchor in the same run.

    .venv/bin/python -m bench.webhook_delivery [--rounds 2] [--fast-events 250] ...

The anchor does the same sending with none of the bookkeeping: it reads the deliveries with their
endpoint and event (one SELECT per page, asyncpg), signs each body and POSTs it with one
kept-alive httpx client, the same number in flight; it claims, leases and records nothing.

Scenarios, each with its own endpoints:
  fast     receivers answer 200 at once: deliveries per second, Aftercare and anchor rounds
           interleaved, and their ratio
  slow     receivers answer 200 after 1 s: deliveries per second (bounded by the concurrency)
  latency  events recorded at a steady rate while the worker runs: event-to-delivery latency
           (the event's created_at to the receiver having the request), p50 and p99; the anchor,
           running at the same time, is woken by the same NOTIFY and reads the new events
  latency with a slow endpoint
           the same, with one more endpoint answering after 1 s subscribed to every event: the
           fast receiver's latency must not change

Database: a scratch database `aftercare_bench_webhooks_...` on AFTERCARE_BENCH_SERVER_URL (default
postgresql+asyncpg://postgres@127.0.0.1:5432/postgres), created, migrated and dropped; or, if
AFTERCARE_DATABASE_URL is set, that database (migrated; it must have no other enabled webhook
endpoint, since every bench event would go to it too; the bench's endpoints are deleted after).
"""

import argparse
import asyncio
import contextlib
import cProfile
import json
import logging
import multiprocessing
import os
import socket
import statistics
import time
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from multiprocessing.process import BaseProcess

import asyncpg
import httpx
import uvicorn
from sqlalchemy import delete, func, select
from starlette.types import Receive, Scope, Send

from app.config import Settings
from app.events.service import record_events as record_in_outbox
from app.events.types import EventType
from app.kit import migrations as schema
from app.kit.clock import SystemClock
from app.kit.db import Database, asyncpg_dsn
from app.kit.jobs import JobContext, Worker
from app.models import WebhookDelivery, WebhookEndpoint
from app.webhooks import tasks as webhook_tasks
from app.webhooks.sender import USER_AGENT, Message
from app.webhooks.signing import generate_secret, webhook_headers
from app.webhooks.types import DELIVERIES_DUE_CHANNEL
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
        timeout_keep_alive=30,  # the senders close idle connections first
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
            for _ in range(600):  # 30 s: spawning Python is slow on a loaded machine
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
    database: Database, settings: Settings, *, delay: float, endpoints: int, events: int,
    anchor: bool = False, profile: str | None = None,
) -> tuple[int, float, float]:
    """Deliveries seeded before the sender starts, the seconds it took to send them all (the
    worker: until none is pending; or the anchor) and the CPU seconds this process used."""
    receiver = BenchReceiver(delay=delay)
    await receiver.start()
    try:
        await create_endpoints(database, receiver, endpoints)
        await record_events(database, events)
        total = endpoints * events
        context = JobContext(database, SystemClock(), settings)
        profiler = cProfile.Profile(time.process_time) if profile else None
        started, cpu_started = time.perf_counter(), time.process_time()
        if anchor:
            await anchor_send_all(
                database.url, settings.webhook_max_concurrency,
                settings.webhook_per_endpoint_concurrency,
            )
        else:
            if profiler:
                profiler.enable()
            async with running_worker(context):
                await until_delivered(database)
            if profiler and profile:
                profiler.disable()
                profiler.dump_stats(profile)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        requests, _ = await receiver.report()
        assert requests == total, (requests, total)
        return total, elapsed, cpu
    finally:
        await delete_endpoints(database)
        await receiver.stop()


_ANCHOR_PAGE = (
    "SELECT d.id, e.url, e.secret, ev.id AS event_id, ev.type, ev.created_at, ev.data"
    " FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id"
    " JOIN events ev ON ev.id = d.event_id"
    " WHERE d.status = 'pending' AND d.id > $1 ORDER BY d.id LIMIT $2"
)


async def anchor_send_all(url: str, concurrency: int, per_endpoint: int) -> None:
    """The anchor: page through the pending deliveries and POST each signed body, with a
    kept-alive client per endpoint (one client for all would scan its whole pool per request)."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
    )
    limits = httpx.Limits(max_connections=per_endpoint, max_keepalive_connections=per_endpoint)
    clients: dict[str, httpx.AsyncClient] = {}
    slots = asyncio.Semaphore(concurrency)
    async with asyncio.TaskGroup() as group:
        last = uuid.UUID(int=0)
        while rows := await connection.fetch(_ANCHOR_PAGE, last, concurrency):
            last = rows[-1]["id"]
            for row in rows:
                await slots.acquire()
                client = clients.get(row["url"])
                if client is None:
                    client = clients[row["url"]] = httpx.AsyncClient(
                        trust_env=False, limits=limits
                    )
                task = group.create_task(anchor_post(client, row["url"], row["secret"], row))
                task.add_done_callback(lambda _: slots.release())
    for client in clients.values():
        await client.aclose()
    await connection.close()


async def anchor_post(
    client: httpx.AsyncClient, url: str, secret: str, event: asyncpg.Record
) -> None:
    message = Message.of(event["event_id"], event["type"], event["created_at"], event["data"])
    headers = webhook_headers([secret], message.id, int(time.time()), message.body, USER_AGENT)
    response = await client.post(url, content=message.body, headers=headers)
    response.raise_for_status()


async def anchor_follow(url: str, receiver: BenchReceiver, stop: asyncio.Event) -> None:
    """The latency anchor: woken by the same NOTIFY, read the events recorded since the last
    one seen and POST each to receiver, signed."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
    )
    woken = asyncio.Event()
    await connection.add_listener(DELIVERIES_DUE_CHANNEL, lambda *_: woken.set())
    secret = generate_secret()
    last = uuid.UUID(int=0)
    # No timeouts: on a loaded machine the receiver may keep it waiting, which is measured.
    async with httpx.AsyncClient(trust_env=False, timeout=None) as client, asyncio.TaskGroup(  # noqa: S113
    ) as group:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), 0.5)
            woken.clear()
            rows = await connection.fetch(
                "SELECT id AS event_id, type, created_at, data FROM events WHERE id > $1"
                " ORDER BY id", last,
            )
            for row in rows:
                last = row["event_id"]
                group.create_task(anchor_post(client, receiver.url("/anchor"), secret, row))
    await connection.close()


async def latency(
    database: Database, settings: Settings, *, endpoints: int, rate: float, seconds: float,
    slow_endpoint: bool = False,
) -> tuple[list[float], list[float]]:
    """Seconds from each event's created_at to its arrival at a fast receiver, events recorded
    at `rate`/s: Aftercare's, and the anchor's (running at the same time)."""
    receiver = BenchReceiver(delay=0)
    anchor_receiver = BenchReceiver(delay=0)
    slow_receiver = BenchReceiver(delay=1.0)
    await receiver.start()
    await anchor_receiver.start()
    if slow_endpoint:
        await slow_receiver.start()
    try:
        await create_endpoints(database, receiver, endpoints)
        if slow_endpoint:
            await create_endpoints(database, slow_receiver, 1)
        context = JobContext(database, SystemClock(), settings)
        created: dict[str, float] = {}
        stop_anchor = asyncio.Event()
        anchor = asyncio.create_task(anchor_follow(database.url, anchor_receiver, stop_anchor))
        async with running_worker(context):
            await asyncio.sleep(0.5)  # both listening
            for _ in range(int(rate * seconds)):
                async with database.sessionmaker() as session, session.begin():
                    event = raw_event(
                        EventType.SLA_BREACHED, {"ticket_id": "t"}, now=context.clock.now()
                    )
                    await record_in_outbox(session, [event])
                created[str(event.id)] = event.created_at.timestamp()
                await asyncio.sleep(1 / rate)
            await until_arrived(receiver, len(created) * endpoints)
        stop_anchor.set()
        await anchor
        _, arrivals = await receiver.report()
        _, anchor_arrivals = await anchor_receiver.report()
        return (
            sorted(arrivals[key] - at for key, at in created.items()),
            sorted(anchor_arrivals[key] - at for key, at in created.items()),
        )
    finally:
        await delete_endpoints(database)
        await receiver.stop()
        await anchor_receiver.stop()
        await slow_receiver.stop()


async def until_arrived(receiver: BenchReceiver, count: int) -> None:
    while (await receiver.report())[0] < count:  # noqa: ASYNC110 - polls another process
        await asyncio.sleep(0.05)


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def latency_line(name: str, delays: list[float]) -> str:
    return (
        f"{name}: p50 {percentile(delays, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(delays, 0.99) * 1000:.0f} ms, "
        f"mean {statistics.fmean(delays) * 1000:.0f} ms"
    )


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
                f"DB pool {args.pool_size}, poll {settings.webhook_delivery_poll_seconds} s",
                flush=True,
            )
            if "fast" in args.scenarios:
                await fast_rounds(database, settings, args)
            if "slow" in args.scenarios:
                await slow_round(database, settings, args)
            if "latency" in args.scenarios:
                await latency_rounds(database, settings, args)
        finally:
            await database.dispose()


async def fast_rounds(database: Database, settings: Settings, args: argparse.Namespace) -> None:
    sent = {"aftercare": [0, 0.0, 0.0], "anchor": [0, 0.0, 0.0]}
    for round_number in range(args.rounds):
        for name in ("aftercare", "anchor"):
            total, elapsed, cpu = await throughput(
                database, settings, delay=0, endpoints=args.fast_endpoints,
                events=args.fast_events, anchor=name == "anchor",
                profile=args.profile if round_number == 0 else None,
            )
            sent[name][0] += total
            sent[name][1] += elapsed
            sent[name][2] += cpu
            print(
                f"fast receiver (200 at once), round {round_number + 1}, {name}: {total} "
                f"deliveries to {args.fast_endpoints} endpoints in {elapsed:.2f} s = "
                f"{total / elapsed:.0f} deliveries/s, CPU {cpu / total * 1000:.2f} ms each",
                flush=True,
            )
    rates = {name: count / seconds for name, (count, seconds, _) in sent.items()}
    # CPU per delivery does not depend on how loaded the machine is: its inverse is what one
    # process would do on a core of its own.
    per_core = {name: count / cpu for name, (count, _, cpu) in sent.items()}
    print(
        f"fast receiver: Aftercare {rates['aftercare']:.0f}/s, anchor "
        f"{rates['anchor']:.0f}/s, ratio {rates['aftercare'] / rates['anchor']:.2f}; per CPU "
        f"second of the sending process: Aftercare {per_core['aftercare']:.0f}, anchor "
        f"{per_core['anchor']:.0f}, ratio {per_core['aftercare'] / per_core['anchor']:.2f}",
        flush=True,
    )


async def slow_round(database: Database, settings: Settings, args: argparse.Namespace) -> None:
    total, elapsed, _ = await throughput(
        database,
        settings,
        delay=1.0,
        endpoints=args.slow_endpoints,
        events=args.slow_events,
    )
    print(
        f"slow receiver (200 after 1 s): {total} deliveries to {args.slow_endpoints} "
        f"endpoints in {elapsed:.2f} s = {total / elapsed:.0f} deliveries/s", flush=True,
    )


async def latency_rounds(database: Database, settings: Settings, args: argparse.Namespace) -> None:
    for slow in (False, True):
        delays, anchor_delays = await latency(
            database, settings, endpoints=args.latency_endpoints, rate=args.rate,
            seconds=args.seconds, slow_endpoint=slow,
        )
        what = (
            f"event-to-delivery latency, {len(delays)} events at {args.rate:g}/s to "
            f"{args.latency_endpoints} endpoint(s)"
            + (" and one endpoint answering after 1 s" if slow else "")
        )
        print(what, flush=True)
        print("  " + latency_line("Aftercare", delays), flush=True)
        print("  " + latency_line("anchor   ", anchor_delays), flush=True)
        print(
            f"  p50 ratio (anchor / Aftercare) "
            f"{percentile(anchor_delays, 0.5) / percentile(delays, 0.5):.2f}", flush=True,
        )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--per-endpoint", type=int, default=4)
    parser.add_argument("--pool-size", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="fast rounds of each, interleaved")
    parser.add_argument("--fast-endpoints", type=int, default=20)
    parser.add_argument("--fast-events", type=int, default=250)
    parser.add_argument("--slow-endpoints", type=int, default=50)
    parser.add_argument("--slow-events", type=int, default=20)
    parser.add_argument("--latency-endpoints", type=int, default=1)
    parser.add_argument("--rate", type=float, default=20.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--scenarios", type=lambda text: set(text.split(",")), default={"fast", "slow", "latency"},
        help="comma-separated: fast, slow, latency (default: all)",
    )
    parser.add_argument(
        "--profile", metavar="FILE", help="cProfile the first Aftercare fast round into FILE"
    )
    return parser.parse_args()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    arguments = parse_args()
    if arguments.profile:
        asyncio.run(main(arguments))  # cProfile sees coroutines' frames on the default loop
    else:
        try:
            import uvloop

            uvloop.run(main(arguments))
        except ImportError:
            asyncio.run(main(arguments))
