import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Customer, Order
from app.orders.tasks import watch_overdue_deliveries
from tests.sla.support import events_of_type
from tests.support.clock import MutableClock

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


async def add_order(
    database: Database,
    ref: str,
    promised: datetime | None,
    delivered: datetime | None = None,
    status: str = "shipped",
) -> uuid.UUID:
    async with database.sessionmaker() as session, session.begin():
        customer = Customer(external_ref=f"cust-{ref}")
        session.add(customer)
        await session.flush()
        order = Order(
            external_ref=ref, customer_id=customer.id, status=status,
            placed_at=NOW - 5 * DAY, amount=Decimal("49.90"), currency="EUR",
            promised_delivery_at=promised, delivered_at=delivered,
        )
        session.add(order)
        await session.flush()
        return order.id


async def test_an_undelivered_order_past_its_promise_is_reported_once(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    late = await add_order(database, "ord-late", promised=NOW - DAY)
    await add_order(database, "ord-delivered", promised=NOW - DAY, delivered=NOW - 2 * DAY)
    await add_order(database, "ord-in-time", promised=NOW + DAY)
    await add_order(database, "ord-no-promise", promised=None)
    await add_order(database, "ord-cancelled", promised=NOW - DAY, status="cancelled")
    clock.set(NOW)
    watch = JobContext(database, clock, settings)

    assert await watch_overdue_deliveries(watch) == 1
    assert await watch_overdue_deliveries(watch) == 0

    [event] = await events_of_type(database, "order.delivery_overdue")
    assert event.data == {
        "order_id": str(late), "external_ref": "ord-late", "customer_external_ref": "cust-ord-late",
        "status": "shipped", "placed_at": (NOW - 5 * DAY).isoformat(),
        "promised_delivery_at": (NOW - DAY).isoformat(),
    }
    assert (event.subject_type, event.subject_id) == ("order", late)

    clock.set(NOW + 2 * DAY)  # the promise that was in time has now passed too
    assert await watch_overdue_deliveries(watch) == 1
    assert len(await events_of_type(database, "order.delivery_overdue")) == 2
