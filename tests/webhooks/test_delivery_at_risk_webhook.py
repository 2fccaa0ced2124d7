"""order.delivery_at_risk reaches a real receiver, signed (standardwebhooks verifies it)."""

from datetime import UTC, datetime, timedelta

import httpx

from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Customer
from app.orders.tasks import DeliveryRiskWatch
from app.webhooks.dispatcher import WebhookDispatcher
from tests.factories import add_deliveries, create_order, receiver_endpoint
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver

T0 = datetime(2026, 11, 30, 8, tzinfo=UTC)
HOUR = timedelta(hours=1)


async def test_the_at_risk_notice_is_delivered_signed(
    client: httpx.AsyncClient, admin_headers: dict[str, str], manage_headers: dict[str, str],
    receiver: Receiver, database: Database, customer: Customer, clock: MutableClock,
    dispatcher: WebhookDispatcher, context: JobContext,
) -> None:
    await add_deliveries(database, customer, ("ups", "standard", "FR"), T0 - 240 * HOUR,
                         [i * HOUR for i in range(1, 41)])
    endpoint = await receiver_endpoint(
        client, manage_headers, receiver, "/risk", event_types=["order.delivery_at_risk"]
    )
    clock.set(T0 + 25 * HOUR)
    await create_order(client, admin_headers, "ord-1", placed_at="2026-11-29T08:00:00Z",
                       status="shipped", shipped_at=T0.isoformat(), carrier="ups",
                       service_level="standard", destination_country="FR",
                       promised_delivery_at=(T0 + 30 * HOUR).isoformat())
    assert await DeliveryRiskWatch(context.settings)(context) == 1
    assert await dispatcher.deliver_due(context) == 1

    [request] = receiver.requests("/risk")
    assert request.verified_by == [endpoint["secret"]]
    assert request.payload["type"] == "order.delivery_at_risk"
    data = request.payload["data"]
    # (30 - 25) / (40 - 25): a third of the comparable parcels still out at 25 h made it.
    assert data["probability"] == round(1 / 3, 4)
    assert data["promised_delivery_at"] == _z(T0 + 30 * HOUR)
    assert data["expected_delivery_at"] == _z(T0 + 33 * HOUR)
    assert (data["external_ref"], data["customer_external_ref"]) == ("ord-1", "cust-1")


def _z(moment: datetime) -> str:
    """An instant as event payloads write it (RFC 3339, Z)."""
    return moment.isoformat().replace("+00:00", "Z")
