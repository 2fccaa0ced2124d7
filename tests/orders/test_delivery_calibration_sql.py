"""The delivery calibration's transit quantiles, read from ix_orders_delivered_transit with
one numeric per row, answer exactly as the query they replaced (two epochs subtracted, over
raw rows, written out below) on random orders: statuses that count and do not, deliveries
outside the window, no carrier, transit times of every magnitude to the microsecond, and a
carrier with a shipping calendar (computed in Python) next to the others."""

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from unittest.mock import patch

import pytest
from sqlalchemy import Select, text
from sqlalchemy.dialects import postgresql

from app.config import Settings
from app.kit.db import Database
from app.models import Customer, Order
from app.orders.delivery import (
    _CALIBRATION_SHARES,
    CALIBRATION_CONFIDENCES,
    calibration,
    shipping_calendars,
)
from app.orders.estimates import Transit, quantile
from app.orders.repository import Delivery, Lane, OrderRepository
from tests.factories import add_calendar

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
START, END = NOW - timedelta(days=30), NOW
CARRIERS = ("dhl", "ups", "gls", None)
STATUSES = ("delivered", "delivered", "delivered", "returned", "shipped", "cancelled")

# The query the calibration ran before ix_orders_delivered_transit (the reference).
PREVIOUS = text("""
SELECT carrier, service_level, destination_country, count(*),
       percentile_disc(CAST(:shares AS float8[])) WITHIN GROUP (ORDER BY CAST(greatest(
           extract(epoch FROM delivered_at) - extract(epoch FROM shipped_at), 0) AS float8))
FROM orders
WHERE shipped_at IS NOT NULL AND delivered_at IS NOT NULL AND status IN ('delivered', 'returned')
  AND delivered_at >= :start AND delivered_at < :end
  AND (carrier IS NULL OR carrier <> ALL(CAST(:excluded AS varchar[])))
GROUP BY 1, 2, 3
""")


def _transit(rng: random.Random) -> timedelta:
    magnitude = rng.choice((60, 3_600, 86_400, 20 * 86_400))
    return timedelta(microseconds=rng.randrange(-3_600 * 10**6, magnitude * 10**6))


@pytest.fixture
async def orders(database: Database, customer: Customer) -> list[Delivery]:
    """600 random orders; the deliveries the calibration counts."""
    rng = random.Random(18)
    counted, rows = [], []
    for index in range(600):
        carrier = rng.choice(CARRIERS)
        service, country = rng.choice(("express", "standard")), rng.choice(("DE", "FR"))
        shipped = (
            NOW - timedelta(days=40) + timedelta(microseconds=rng.randrange(40 * 86_400 * 10**6))
        )
        delivered = shipped + _transit(rng)
        status = rng.choice(STATUSES)
        delivered_at = None if status == "shipped" else delivered
        rows.append(
            Order(
                external_ref=f"random-{index}",
                customer_id=customer.id,
                status=status,
                placed_at=shipped,
                amount=Decimal("1.00"),
                currency="EUR",
                created_at=shipped,
                updated_at=shipped,
                carrier=carrier,
                service_level=service,
                destination_country=country,
                shipped_at=shipped,
                delivered_at=delivered_at,
            )
        )
        if status in ("delivered", "returned") and START <= delivered < END:
            counted.append(Delivery(Lane(carrier, service, country), shipped, delivered))
    async with database.sessionmaker() as session, session.begin():
        session.add_all(rows)
    return counted


@pytest.mark.parametrize("calendar_for", [None, "dhl"])
async def test_calibration_answers_as_the_previous_query(
    database: Database, settings: Settings, orders: list[Delivery], calendar_for: str | None
) -> None:
    if calendar_for is not None:
        weekdays = await add_calendar(database, NOW, name="Weekdays", holidays=[])
        settings = settings.model_copy(update={"shipping_calendars": {calendar_for: weekdays}})
    excluded = [] if calendar_for is None else [calendar_for]
    async with database.sessionmaker() as session:
        calendars = await shipping_calendars(session, settings)
        found = await calibration(session, START, END, settings, NOW)
        previous = await session.execute(
            PREVIOUS,
            {"shares": list(_CALIBRATION_SHARES), "start": START, "end": END, "excluded": excluded},
        )
    expected: dict[Lane, tuple[int, dict[float, float | None]]] = {
        Lane(carrier, service, country): (size, dict(zip(_CALIBRATION_SHARES, values, strict=True)))
        for carrier, service, country, size, values in previous
    }
    in_calendar: dict[Lane, list[float]] = {}
    for delivery in orders:
        if delivery.lane.carrier in excluded:
            in_calendar.setdefault(delivery.lane, []).append(calendars.transit(delivery))
    for lane, values in in_calendar.items():
        transit = Transit.of(values)
        shares = {share: quantile(transit, share) for share in _CALIBRATION_SHARES if share}
        expected[lane] = (len(transit), {0.0: transit.seconds[0], **shares})
    assert len(found.rows) == len(expected) > 8
    for row in found.rows:
        size, at = expected[Lane(row.carrier, row.service_level, row.destination_country)]
        observed = row.observed
        assert (observed.sample_size, observed.min_seconds, observed.max_seconds) == (
            size,
            at[0.0],
            at[1.0],
        )
        assert (observed.p50_seconds, observed.p90_seconds, observed.p95_seconds) == (
            at[0.5],
            at[0.9],
            at[0.95],
        )
        assert row.promise_for_confidence == {
            f"{share:g}": at[share] for share in CALIBRATION_CONFIDENCES
        }


async def test_the_calibration_reads_indexes_alone(database: Database, customer: Customer) -> None:
    """Index-only scans: the transit quantiles of ix_orders_delivered_transit, the promises
    kept of ix_orders_promised_delivery_at; a column added to a query would send it back to
    the table. (Without the rows of a million-order demo the planner would take the
    lane-ordered transit-history index or the table: both are put out of its reach, in a
    transaction rolled back.)"""
    plans: list[str] = []
    async with database.sessionmaker() as session:
        await session.execute(text("DROP INDEX ix_orders_transit_history"))
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        await session.execute(text("SET LOCAL enable_bitmapscan = off"))
        run = session.execute

        async def explaining(statement: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(statement, Select):
                sql = statement.compile(
                    dialect=postgresql.dialect(),  # type: ignore[no-untyped-call]
                    compile_kwargs={"literal_binds": True},
                )
                plans.append("\n".join(line for (line,) in await run(text(f"EXPLAIN {sql}"))))
            return await run(statement, *args, **kwargs)

        repository = OrderRepository(session)
        with patch.object(session, "execute", explaining):
            await repository.calendar_transit_quantiles(
                START, END, _CALIBRATION_SHARES, excluded=["dhl"]
            )
            await repository.promises_kept(START, END, NOW)
    transit, kept = plans
    assert "Index Only Scan using ix_orders_delivered_transit" in transit, transit
    assert "Index Only Scan using ix_orders_promised_delivery_at" in kept, kept
