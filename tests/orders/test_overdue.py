from datetime import UTC, datetime, timedelta

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Customer
from app.orders.tasks import watch_overdue_deliveries
from tests.factories import add_order, events_of_type
from tests.support.clock import MutableClock

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


async def test_an_undelivered_order_past_its_promise_is_reported_once(
    database: Database, settings: Settings, clock: MutableClock, customer: Customer
) -> None:
    placed = NOW - 5 * DAY
    late = await add_order(
        database, customer, "ord-late", status="shipped", placed_at=placed,
        promised_delivery_at=NOW - DAY,
    )
    await add_order(
        database, customer, "ord-delivered", status="shipped", placed_at=placed,
        promised_delivery_at=NOW - DAY, delivered_at=NOW - 2 * DAY,
    )
    await add_order(
        database, customer, "ord-in-time", status="shipped", placed_at=placed,
        promised_delivery_at=NOW + DAY,
    )
    await add_order(database, customer, "ord-no-promise", status="shipped", placed_at=placed)
    await add_order(
        database, customer, "ord-cancelled", status="cancelled", placed_at=placed,
        promised_delivery_at=NOW - DAY,
    )
    clock.set(NOW)
    watch = JobContext(database, clock, settings)

    assert await watch_overdue_deliveries(watch) == 1
    assert await watch_overdue_deliveries(watch) == 0

    [event] = await events_of_type(database, "order.delivery_overdue")
    assert event.data == {
        "order_id": str(late.id), "external_ref": "ord-late", "customer_external_ref": "cust-1",
        "status": "shipped", "placed_at": "2026-02-25T12:00:00Z",
        "promised_delivery_at": "2026-03-01T12:00:00Z",
    }
    assert (event.subject_type, event.subject_id) == ("order", late.id)

    clock.set(NOW + 2 * DAY)  # the promise that was in time has now passed too
    assert await watch_overdue_deliveries(watch) == 1
    assert len(await events_of_type(database, "order.delivery_overdue")) == 2
