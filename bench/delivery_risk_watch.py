"""Does a tick of the delivery at-risk watch cost O(due) rather than O(open orders)?

Seeds a scratch database with N open orders in transit whose next look is later (their
`risk_check_at` is in the future), 500 whose look is due (shipped 0 to 30 hours ago, promised
30 hours after shipment: some at risk, some not yet) and a history of 2,000 deliveries on four
lanes. Then times one real tick (claim, read the lanes' transit times once, assess every due
order, write the next looks and the events, commit) a few times, restoring the due orders
between runs and starting each tick with an empty distribution cache; once with 1,000,000 open
orders and once with 10,000, and prints both medians, their ratio and the claim's plan.

    .venv/bin/python -m bench.delivery_risk_watch --server-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
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
from app.orders.repository import risk_claim_statement
from app.orders.tasks import DeliveryRiskWatch
from bench._common import explain_analyze
from tests.support.database import drop_database, recreate_database

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NOW_SQL = f"timestamptz '{NOW.isoformat()}'"
SCRATCH_DATABASE = "aftercare_bench_risk"
LANES = "(VALUES ('dhl', 'express', 'DE'), ('dhl', 'standard', 'DE'), ('ups', 'standard', 'FR'),"\
    " ('gls', 'economy', 'AT')) AS l(carrier, service, country)"


class FixedClock:
    def now(self) -> datetime:
        return NOW


SEED = [
    "INSERT INTO customers (id, external_ref) VALUES (gen_random_uuid(), 'bench')",
    # The history: 500 deliveries per lane over the last 60 days, 12 to 96 hours in transit.
    "INSERT INTO orders (id, external_ref, customer_id, status, placed_at, amount, currency,"
    " carrier, service_level, destination_country, shipped_at, delivered_at, created_at,"
    " updated_at)"
    " SELECT gen_random_uuid(), 'hist-' || l.carrier || l.service || n, (SELECT id FROM customers),"
    " 'delivered', s.at, 10, 'EUR', l.carrier, l.service, l.country, s.at,"
    " s.at + interval '12 hours' + random() * interval '84 hours', s.at, s.at"
    " FROM generate_series(1, 500) AS n CROSS JOIN " + LANES + ","
    " LATERAL (SELECT :now - interval '64 days' + random() * interval '60 days'"
    "   + interval '0' * length(l.carrier) AS at) s",
    # The open orders: in transit, next look later.
    "INSERT INTO orders (id, external_ref, customer_id, status, placed_at, amount, currency,"
    " promised_delivery_at, carrier, service_level, destination_country, shipped_at,"
    " risk_check_at, created_at, updated_at)"
    " SELECT gen_random_uuid(), 'open-' || n, (SELECT id FROM customers), 'shipped', :now, 10,"
    " 'EUR', :now + interval '5 days', 'dhl', 'express', 'DE', :now,"
    " :now + interval '1 minute' + (n % 10000) * interval '1 minute', :now, :now"
    " FROM generate_series(1, :open) AS n",
    # The due orders: shipped 0-30 h ago, promised 30 h after shipment, looked at now.
    "INSERT INTO orders (id, external_ref, customer_id, status, placed_at, amount, currency,"
    " promised_delivery_at, carrier, service_level, destination_country, shipped_at,"
    " risk_check_at, created_at, updated_at)"
    " SELECT gen_random_uuid(), 'due-' || l.carrier || l.service || n,"
    " (SELECT id FROM customers), 'shipped', s.at, 10, 'EUR', s.at + interval '30 hours',"
    " l.carrier, l.service, l.country, s.at,"
    " :now - interval '1 second', s.at, s.at"
    " FROM generate_series(1, :due / 4) AS n CROSS JOIN " + LANES + ","
    " LATERAL (SELECT :now - (n % 30) * interval '1 hour' + interval '0' * length(l.carrier)"
    "   AS at) s",
    "VACUUM ANALYZE",
    "CHECKPOINT",  # the seeding's writes are not flushed during a timed tick
]
RESTORE = [
    "UPDATE orders SET risk_check_at = :now - interval '1 second', at_risk_notified_at = NULL"
    " WHERE external_ref LIKE 'due-%'",
    "DELETE FROM events",
    "VACUUM ANALYZE orders",
    "VACUUM ANALYZE events",
    "CHECKPOINT",
]


async def run_sql(database: Database, statements: list[str], **params: int) -> None:
    async with database.engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        for statement in statements:
            await autocommit.execute(text(statement.replace(":now", NOW_SQL)), params)


async def tick_once(database: Database, settings: Settings, due: int) -> float:
    context = JobContext(database, FixedClock(), settings)
    watch = DeliveryRiskWatch(settings, batch=due)  # an empty distribution cache
    started = time.perf_counter()
    handled = await watch(context)
    elapsed = time.perf_counter() - started
    assert handled == due, handled
    await run_sql(database, RESTORE)
    return elapsed


async def claim_plan(database: Database, due: int) -> str:
    """EXPLAIN ANALYZE of the watch's own claim statement (rolled back)."""
    return await explain_analyze(database, risk_claim_statement(NOW, due))


async def prepare(server_url: str, name: str, open_orders: int, due: int) -> Database:
    url = await recreate_database(server_url, name)
    await asyncio.to_thread(schema.upgrade, url)
    database = Database(url, pool_size=2, max_overflow=2, statement_timeout_ms=0)
    seeding = time.perf_counter()
    await run_sql(database, SEED, open=open_orders, due=due)
    print(
        f"  seeded {open_orders:,} open orders ({due:,} due) in "
        f"{time.perf_counter() - seeding:.1f} s",
        flush=True,
    )
    return database


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--server-url", required=True, help="a PostgreSQL server to create a scratch database on"
    )
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--due", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    sizes = {args.large: f"{SCRATCH_DATABASE}_large", args.small: f"{SCRATCH_DATABASE}_small"}
    databases = {}
    try:
        for open_orders, name in sizes.items():
            databases[open_orders] = await prepare(args.server_url, name, open_orders, args.due)
        settings = Settings(environment="test")
        timings: dict[int, list[float]] = {size: [] for size in sizes}
        for _ in range(args.repeats):  # alternately, so both see the same machine load
            for open_orders, database in databases.items():
                timings[open_orders].append(await tick_once(database, settings, args.due))
        plan = await claim_plan(databases[args.large], args.due)
    finally:
        for database in databases.values():
            await database.dispose()
        for name in sizes.values():
            await drop_database(args.server_url, name)
    for open_orders, ticks in timings.items():
        print(f"  ticks at {open_orders:,} (ms): " + ", ".join(f"{t * 1000:.0f}" for t in ticks))
    large, small = statistics.median(timings[args.large]), statistics.median(timings[args.small])
    print(f"\nclaim plan with {args.large:,} open orders:\n{plan}\n")
    print(f"median tick, {args.due:,} due of {args.large:,} open: {large * 1000:.1f} ms")
    print(f"median tick, {args.due:,} due of {args.small:,} open: {small * 1000:.1f} ms")
    print(f"ratio: {large / small:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
