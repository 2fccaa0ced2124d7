"""What do the next-order links cost an order write?

Creates a scratch database with 2,000 customers and 20,000 orders, then writes orders the way
`PUT /v1/orders/{ref}` does (`app.orders.service.upsert_order`, one transaction each), for
random customers and at random past times (so most land before the customer's latest order),
in rounds that alternate: with the orders_relink_next triggers (the app) and with them
disabled (the anchor: the same write without links). Prints p50 / p95 per write and the ratio.

    .venv/bin/python -m bench.order_links --server-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

import argparse
import asyncio
import math
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import text

from app.customers.schemas import CustomerRef
from app.kit.db import Database
from app.orders.schemas import OrderUpsert
from app.orders.service import upsert_order
from bench._common import DEFAULT_SERVER_URL, load_average, run_cli
from tests.support.database import recreate_database

SCRATCH_DATABASE = "aftercare_bench_order_links"
CUSTOMERS = 2_000
ORDERS_PER_CUSTOMER = 10
WRITES_PER_ROUND = 200
ROUNDS = 3
NOW = datetime(2026, 11, 30, tzinfo=UTC)
SEED = """
INSERT INTO customers (id, external_ref, email, created_at, updated_at)
SELECT gen_random_uuid(), 'c-' || n, 'c' || n || '@example.com', now(), now()
FROM generate_series(1, :customers) AS n;
"""
ORDERS = """
INSERT INTO orders (id, external_ref, customer_id, status, placed_at, amount, currency,
                    created_at, updated_at)
SELECT gen_random_uuid(), 'seed-' || c.external_ref || '-' || k, c.id, 'placed',
       CAST(:now AS timestamptz) - (random() * interval '200 days'), 10, 'EUR', now(), now()
FROM customers c, generate_series(1, :per_customer) AS k
"""
TRIGGERS = ("orders_relink_next_insert", "orders_relink_next_update")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    args = parser.parse_args()
    url = await recreate_database(args.server_url, SCRATCH_DATABASE)
    run_cli(url, "migrate")
    database = Database(url)
    try:
        await _seed(database)
        rng = random.Random(7)
        timings: dict[bool, list[float]] = {True: [], False: []}
        print(f"load average before: {load_average()}")
        for round_number in range(ROUNDS):
            for linked in (True, False) if round_number % 2 == 0 else (False, True):
                await _set_triggers(database, enabled=linked)
                timings[linked] += await _writes(database, rng, f"r{round_number}-{linked}")
        await _set_triggers(database, enabled=True)
        print(f"load average after: {load_average()}")
        _report(timings)
    finally:
        await database.dispose()


async def _seed(database: Database) -> None:
    async with database.engine.begin() as connection:
        await connection.execute(text(SEED), {"customers": CUSTOMERS})
        await connection.execute(text(ORDERS), {"now": NOW, "per_customer": ORDERS_PER_CUSTOMER})
        await connection.execute(text("ANALYZE"))


async def _set_triggers(database: Database, *, enabled: bool) -> None:
    action = "ENABLE" if enabled else "DISABLE"
    async with database.engine.begin() as connection:
        for trigger in TRIGGERS:
            await connection.execute(text(f"ALTER TABLE orders {action} TRIGGER {trigger}"))


async def _writes(database: Database, rng: random.Random, prefix: str) -> list[float]:
    found = []
    for n in range(WRITES_PER_ROUND):
        body = OrderUpsert(
            customer=CustomerRef(
                external_ref=f"c-{rng.randint(1, CUSTOMERS)}", email=None, name=None
            ),
            placed_at=NOW - timedelta(minutes=rng.randint(0, 200 * 24 * 60)),
            amount=Decimal("10.00"),
            currency="EUR",
        )
        started = time.perf_counter()
        async with database.sessionmaker() as session, session.begin():
            await upsert_order(session, f"{prefix}-{n}", body, NOW)
        found.append((time.perf_counter() - started) * 1000)
    return found


def _report(timings: dict[bool, list[float]]) -> None:
    linked, anchor = (_p50_p95(timings[True]), _p50_p95(timings[False]))
    print(f"order upsert with links   : p50 {linked[0]:.2f} ms, p95 {linked[1]:.2f} ms")
    print(f"order upsert without links: p50 {anchor[0]:.2f} ms, p95 {anchor[1]:.2f} ms")
    print(
        f"ratio (links / without): p50 {linked[0] / anchor[0]:.2f}, p95 {linked[1] / anchor[1]:.2f}"
    )


def _p50_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[math.ceil(0.95 * len(ordered)) - 1]


if __name__ == "__main__":
    asyncio.run(main())
