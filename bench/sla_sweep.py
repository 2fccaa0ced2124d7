"""Does an SLA sweep tick cost O(due) rather than O(active targets)? And how soon after its
deadline does a breach reach a webhook receiver?

Seeds a scratch database with N active targets (two per ticket: first response and resolution)
of which 1,000 are past due, then times one real sweep tick (claim, mark, events, commit) a few
times, restoring the due targets between runs; once with 1,000,000 active targets and once with
10,000, and prints both medians, their ratio and the plan of the claim query.

    .venv/bin/python -m bench.sla_sweep --server-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres

With --breach-latency it seeds targets falling due one after another over the next seconds and
runs the real worker (`aftercare worker`'s jobs, default settings) with an endpoint subscribed to
`sla.breached` on a receiver on 127.0.0.1, and prints how late after each deadline the breach
arrived (p50, p99). The anchor, on the same targets seeded again, is a thin loop: it sleeps until
the earliest deadline, marks what is due breached in one UPDATE and POSTs each, signed, to its
receiver; no events, no outbox, no claims. Both medians and their ratio are printed.
"""

import argparse
import asyncio
import json
import statistics
import time
from datetime import UTC, datetime

import asyncpg
import httpx
from sqlalchemy import text

from app.config import Settings
from app.kit import migrations as schema
from app.kit.clock import SystemClock
from app.kit.db import Database, asyncpg_dsn
from app.kit.jobs import JobContext
from app.sla.repository import due_claim_statement
from app.sla.tasks import sweep_sla_targets
from app.webhooks.signing import generate_secret, webhook_headers
from app.worker import new_worker
from bench._common import explain_analyze
from bench.webhook_delivery import BenchReceiver, create_endpoints
from tests.support.database import drop_database, recreate_database

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NOW_SQL = f"timestamptz '{NOW.isoformat()}'"
SCRATCH_DATABASE = "aftercare_bench_sla"


class FixedClock:
    def now(self) -> datetime:
        return NOW


SEED = [
    "INSERT INTO customers (id, external_ref) VALUES (gen_random_uuid(), 'bench')",
    "INSERT INTO tickets (id, subject, status, priority, channel, tier, customer_id, tags,"
    " public_agent_reply_count, reopen_count, created_at, updated_at)"
    " SELECT gen_random_uuid(), 'bench', 'open', 'normal', 'email', 1,"
    " (SELECT id FROM customers), '{}', 0, 0, :now, :now FROM generate_series(1, :tickets)",
    "INSERT INTO ticket_slas (ticket_id, policy_name, targets, pause_statuses,"
    " escalate_on_breach, applied_at) SELECT id, 'bench', '{}', '{}', false, :now FROM tickets",
    # Two targets per ticket, due over the next 30 days (never before NOW + 1 minute)...
    "INSERT INTO sla_targets (id, ticket_id, metric, status, policy_name, target, warn_before,"
    " business_hours, started_at, due_at, warn_at, paused_for, created_at)"
    " SELECT gen_random_uuid(), t.id, m.metric, 'active', 'bench', interval '1 day',"
    " interval '0', false, :now, d.due, d.due, interval '0', :now"
    " FROM tickets t CROSS JOIN (VALUES ('first_response'), ('resolution')) AS m(metric),"
    " LATERAL (SELECT :now + interval '1 minute' + random() * interval '30 days'"
    "   + interval '0' * length(t.subject) AS due) d",  # per row: refers to t
    # ...except `due` first-response targets, which fell due in the last hour.
    "UPDATE sla_targets SET due_at = :now - random() * interval '1 hour', warn_at = :now"
    " WHERE id IN (SELECT id FROM sla_targets WHERE metric = 'first_response' LIMIT :due)",
    "VACUUM ANALYZE",
]
RESTORE = [
    "UPDATE sla_targets SET status = 'active', breached_at = NULL WHERE status = 'breached'",
    "DELETE FROM events",
    "VACUUM ANALYZE sla_targets",
    "VACUUM ANALYZE events",
]


async def seed(database: Database, active: int, due: int) -> None:
    params = {"tickets": active // 2, "due": due}
    async with database.engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        for statement in SEED:
            await autocommit.execute(text(statement.replace(":now", NOW_SQL)), params)


async def restore(database: Database) -> None:
    async with database.engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        for statement in RESTORE:
            await autocommit.execute(text(statement))


async def time_ticks(database: Database, settings: Settings, repeats: int) -> list[float]:
    context = JobContext(database, FixedClock(), settings)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        handled = await sweep_sla_targets(context)
        timings.append(time.perf_counter() - started)
        assert handled == settings.sla_sweep_batch_size, handled
        await restore(database)
    return timings


async def claim_plan(database: Database, due: int) -> str:
    """EXPLAIN ANALYZE of the sweep's own claim statement (rolled back)."""
    return await explain_analyze(database, due_claim_statement(NOW, due))


async def measure(server_url: str, active: int, due: int, repeats: int) -> tuple[float, str]:
    url = await recreate_database(server_url, SCRATCH_DATABASE)
    await asyncio.to_thread(schema.upgrade, url)
    database = Database(url, pool_size=2, max_overflow=2, statement_timeout_ms=0)
    settings = Settings(environment="test", database_url=url, sla_sweep_batch_size=due)
    try:
        seeding = time.perf_counter()
        await seed(database, active, due)
        print(
            f"  seeded {active:,} active targets ({due:,} due) in "
            f"{time.perf_counter() - seeding:.1f} s",
            flush=True,
        )
        timings = await time_ticks(database, settings, repeats)
        plan = await claim_plan(database, due)
    finally:
        await database.dispose()
        await drop_database(server_url, SCRATCH_DATABASE)
    print("  ticks (ms): " + ", ".join(f"{t * 1000:.1f}" for t in timings), flush=True)
    return statistics.median(timings), plan


LATENCY_SEED = [
    "INSERT INTO customers (id, external_ref) VALUES (gen_random_uuid(), 'bench')",
    "INSERT INTO tickets (id, subject, status, priority, channel, tier, customer_id, tags,"
    " public_agent_reply_count, reopen_count, created_at, updated_at)"
    " SELECT gen_random_uuid(), 'bench ' || n, 'open', 'normal', 'email', 1,"
    " (SELECT id FROM customers), '{}', 0, 0, now(), now() FROM generate_series(1, :n) AS n",
    "INSERT INTO ticket_slas (ticket_id, policy_name, targets, pause_statuses,"
    " escalate_on_breach, applied_at) SELECT id, 'bench', '{}', '{}', false, now() FROM tickets",
    # One first-response target per ticket, the deadlines :step seconds apart from :first on.
    "INSERT INTO sla_targets (id, ticket_id, metric, status, policy_name, target, warn_before,"
    " business_hours, started_at, due_at, warn_at, paused_for, created_at)"
    " SELECT gen_random_uuid(), t.id, 'first_response', 'active', 'bench', interval '1 hour',"
    " interval '0', false, now(), d.due, d.due, interval '0', now()"
    " FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM tickets) AS t,"
    " LATERAL (SELECT now() + make_interval(secs => CAST(:first AS float8)"
    " + (t.n - 1) * CAST(:step AS float8)) AS due) AS d",
]
LATENCY_CLEANUP = "TRUNCATE customers, tickets, events, webhook_endpoints CASCADE"


async def seed_spread_targets(
    database: Database, count: int, first: float, step: float
) -> dict[str, datetime]:
    async with database.engine.begin() as connection:
        await connection.execute(text(LATENCY_CLEANUP))
        for statement in LATENCY_SEED:
            await connection.execute(
                text(statement), {"n": count, "first": first, "step": step}
            )
        rows = (await connection.execute(text("SELECT id, due_at FROM sla_targets"))).all()
    return {str(row.id): row.due_at for row in rows}


async def aftercare_breach_lateness(
    database: Database, settings: Settings, count: int, first: float, step: float
) -> list[float]:
    """Seconds from each deadline to its sla.breached webhook at the receiver."""
    receiver = BenchReceiver(delay=0)
    await receiver.start()
    try:
        due = await seed_spread_targets(database, count, first, step)
        await create_endpoints(database, receiver, 1)
        stop = asyncio.Event()
        task = asyncio.create_task(new_worker(database, SystemClock(), settings).run(stop))
        try:
            await until_received(receiver, count, timeout=first + count * step + 30)
        finally:
            stop.set()
            await task
        _, arrivals = await receiver.report()
        async with database.engine.connect() as connection:
            events = (await connection.execute(text(
                "SELECT id, data->>'target_id' AS target_id, created_at FROM events"
                " WHERE type = 'sla.breached'"
            ))).all()
        swept = sorted((e.created_at - due[e.target_id]).total_seconds() for e in events)
        print(
            f"  Aftercare: breach recorded p50 {_quantile(swept, 0.5) * 1000:.0f} ms after the"
            " deadline (the rest is the webhook delivery)", flush=True,
        )
        return sorted(
            arrivals[str(event.id)] - due[event.target_id].timestamp() for event in events
        )
    finally:
        await receiver.stop()


async def anchor_breach_lateness(
    database: Database, count: int, first: float, step: float
) -> list[float]:
    receiver = BenchReceiver(delay=0)
    await receiver.start()
    try:
        due = await seed_spread_targets(database, count, first, step)
        connection = await asyncpg.connect(asyncpg_dsn(database.url))
        secret = generate_secret()
        async with httpx.AsyncClient(trust_env=False) as client:
            sent = 0
            while sent < count:
                next_due = await connection.fetchval(
                    "SELECT min(due_at) FROM sla_targets WHERE status = 'active'"
                )
                wait = (next_due - datetime.now(UTC)).total_seconds()
                if wait > 0:
                    await asyncio.sleep(wait)
                breached = await connection.fetch(
                    "UPDATE sla_targets SET status = 'breached', breached_at = due_at"
                    " WHERE status = 'active' AND due_at <= now() RETURNING id"
                )
                for row in breached:
                    body = json.dumps({"type": "sla.breached", "target_id": str(row["id"])})
                    headers = webhook_headers(
                        [secret], str(row["id"]), int(time.time()), body.encode(), "anchor"
                    )
                    await client.post(receiver.url("/anchor"), content=body, headers=headers)
                sent += len(breached)
        await connection.close()
        _, arrivals = await receiver.report()
        return sorted(arrivals[target] - at.timestamp() for target, at in due.items())
    finally:
        await receiver.stop()


async def until_received(receiver: BenchReceiver, count: int, timeout: float) -> None:  # noqa: ASYNC109
    async with asyncio.timeout(timeout):
        while (await receiver.report())[0] < count:  # noqa: ASYNC110 - another process
            await asyncio.sleep(0.05)


async def breach_latency(server_url: str, count: int, first: float, step: float) -> None:
    url = await recreate_database(server_url, SCRATCH_DATABASE)
    await asyncio.to_thread(schema.upgrade, url)
    settings = Settings(database_url=url, webhook_allow_private_targets=True)
    database = Database.from_settings(settings)
    try:
        print(
            f"{count} targets falling due {step:g} s apart from {first:g} s on; SLA sweep poll "
            f"{settings.sla_sweep_poll_seconds:g} s", flush=True,
        )
        results = {
            "Aftercare": await aftercare_breach_lateness(database, settings, count, first, step),
            "anchor": await anchor_breach_lateness(database, count, first, step),
        }
    finally:
        await database.dispose()
        await drop_database(server_url, SCRATCH_DATABASE)
    for name, lateness in results.items():
        print(
            f"{name:<9} deadline to receiver: p50 {_quantile(lateness, 0.5) * 1000:.0f} ms, "
            f"p99 {_quantile(lateness, 0.99) * 1000:.0f} ms, max {lateness[-1] * 1000:.0f} ms"
        )
    ratio = _quantile(results["anchor"], 0.5) / _quantile(results["Aftercare"], 0.5)
    print(f"p50 ratio (anchor / Aftercare): {ratio:.2f}")


def _quantile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--server-url", required=True, help="a PostgreSQL server to create a scratch database on"
    )
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--breach-latency", action="store_true",
        help="measure deadline-to-receiver latency of breaches instead of the tick's cost",
    )
    parser.add_argument("--targets", type=int, default=40, help="with --breach-latency")
    args = parser.parse_args()
    if args.breach_latency:
        await breach_latency(args.server_url, args.targets, first=3.0, step=0.25)
        return

    results = {}
    for active in (args.large, args.small):
        print(f"{active:,} active targets:", flush=True)
        results[active], plan = await measure(args.server_url, active, args.due, args.repeats)
        if active == args.large:
            large_plan = plan
    large, small = results[args.large], results[args.small]
    print(f"\nclaim plan with {args.large:,} active targets:\n{large_plan}\n")
    print(f"median tick, {args.due:,} due of {args.large:,} active: {large * 1000:.1f} ms")
    print(f"median tick, {args.due:,} due of {args.small:,} active: {small * 1000:.1f} ms")
    print(f"ratio: {large / small:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
