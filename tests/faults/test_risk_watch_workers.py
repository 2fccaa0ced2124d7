"""Two real `aftercare worker` processes watch the same orders at risk: each order's promise is
reported exactly once (claims with FOR UPDATE SKIP LOCKED, the report and its event in one
transaction)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.kit.db import Database
from app.models import Customer
from tests.factories import add_deliveries
from tests.faults.support import execute, rows, scalar
from tests.support.processes import worker
from tests.support.waiting import eventually

ORDERS = 1500  # three batches of 500: both workers get some
WORKER_SETTINGS = {"worker_tick_seconds": "0.1", "survey_auto_invite_on_solve": "false"}
SEED_AT_RISK = (
    "INSERT INTO orders (id, external_ref, customer_id, status, placed_at, amount, currency,"
    " promised_delivery_at, carrier, service_level, destination_country, shipped_at,"
    " risk_check_at, created_at, updated_at)"
    " SELECT gen_random_uuid(), 'risk-' || n, :customer, 'shipped', :shipped, 10, 'EUR',"
    " :promise, 'dhl', 'express', 'DE', :shipped, :due, :shipped, :shipped"
    " FROM generate_series(1, :orders) AS n"
)
REPORTED = "SELECT count(*) FROM events WHERE type = 'order.delivery_at_risk'"


@pytest.mark.processes
async def test_two_workers_report_each_order_at_risk_once(
    database: Database, database_url: str, customer: Customer, log_dir: Path
) -> None:
    now = datetime.now(UTC)
    await add_deliveries(database, customer, ("dhl", "express", "DE"), now - timedelta(days=20),
                         [timedelta(hours=i) for i in range(1, 41)])
    # 25 h in transit, promised at 30 h: a third of comparable parcels still out made it.
    shipped = now - timedelta(hours=25)
    await execute(
        database, SEED_AT_RISK, customer=customer.id, shipped=shipped,
        promise=shipped + timedelta(hours=30), due=now - timedelta(minutes=1), orders=ORDERS,
    )
    async with (
        worker(log_dir / "worker1.log", database_url, **WORKER_SETTINGS),
        worker(log_dir / "worker2.log", database_url, **WORKER_SETTINGS),
    ):
        async def all_reported() -> bool:
            return bool(await scalar(database, REPORTED) >= ORDERS)

        await eventually(all_reported, timeout=60, what="every order reported")
    assert await scalar(database, REPORTED) == ORDERS
    doubled = await rows(
        database,
        "SELECT subject_id FROM events WHERE type = 'order.delivery_at_risk'"
        " GROUP BY subject_id HAVING count(*) > 1",
    )
    assert doubled == []
    still_watched = "SELECT count(*) FROM orders WHERE risk_check_at IS NOT NULL"
    assert await scalar(database, still_watched) == 0
