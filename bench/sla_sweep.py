"""Does an SLA sweep tick cost O(due) rather than O(active targets)?

Seeds a scratch database with N active targets (two per ticket: first response and resolution)
of which 1,000 are past due, then times one real sweep tick (claim, mark, events, commit) a few
times, restoring the due targets between runs; once with 1,000,000 active targets and once with
10,000, and prints both medians, their ratio and the plan of the claim query.

    .venv/bin/python -m bench.sla_sweep --server-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime

from sqlalchemy import text

from app.config import Settings
from app.kit import migrations as schema
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.sla.repository import due_claim_statement
from app.sla.tasks import sweep_sla_targets
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
    compiled = due_claim_statement(NOW, due).compile(dialect=database.engine.dialect)
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    async with database.engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        rows = await driver.fetch(f"EXPLAIN (ANALYZE, COSTS OFF) {compiled}", *params)
        await connection.rollback()
    return "\n".join(row[0] for row in rows)


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


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--server-url", required=True, help="a PostgreSQL server to create a scratch database on"
    )
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

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
