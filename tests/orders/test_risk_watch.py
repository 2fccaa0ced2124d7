"""The at-risk watch: order.delivery_at_risk once per promise, before the promise passes, from
the transit times of comparable deliveries (here 40 taking 1, 2, ... 40 hours)."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Customer, Order
from app.orders.tasks import DeliveryRiskWatch
from tests.factories import add_deliveries, create_order, events_of_type
from tests.support.clock import MutableClock

T0 = datetime(2026, 11, 30, 8, tzinfo=UTC)
HOUR = timedelta(hours=1)
LANE = {"carrier": "dhl", "service_level": "express", "destination_country": "DE"}
ORDER = "/v1/orders/ord-1"


@pytest.fixture
async def history(database: Database, customer: Customer) -> None:
    await add_deliveries(
        database,
        customer,
        ("dhl", "express", "DE"),
        T0 - 20 * 24 * HOUR,
        [i * HOUR for i in range(1, 41)],
    )


@pytest.fixture
def watch_settings(settings: Settings) -> Settings:
    # Look again only when the chance would cross the threshold (no periodic re-reading).
    return settings.model_copy(update={"delivery_watch_recheck_minutes": 24 * 60})


@pytest.fixture
def watch(
    database: Database, clock: MutableClock, watch_settings: Settings
) -> tuple[DeliveryRiskWatch, JobContext]:
    return DeliveryRiskWatch(watch_settings), JobContext(database, clock, watch_settings)


async def tick(watch: tuple[DeliveryRiskWatch, JobContext]) -> int:
    job, context = watch
    return await job(context)


async def watched(database: Database) -> tuple[datetime | None, datetime | None]:
    async with database.sessionmaker() as session:
        order = await session.scalar(select(Order).where(Order.external_ref == "ord-1"))
        assert order is not None
        return order.risk_check_at, order.at_risk_notified_at


async def ship(
    client: httpx.AsyncClient, headers: dict[str, str], promise: datetime, **facts: str
) -> None:
    await create_order(
        client,
        headers,
        "ord-1",
        placed_at="2026-11-29T08:00:00Z",
        promised_delivery_at=promise.isoformat(),
    )
    response = await client.patch(
        ORDER,
        headers=headers,
        json={
            "status": "shipped",
            "shipped_at": T0.isoformat(),
            **LANE,
            **facts,
        },
    )
    assert response.status_code == 200, response.text


@pytest.mark.usefixtures("history")
async def test_an_order_in_transit_is_reported_once_when_its_chance_drops_below_the_threshold(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
    watch: tuple[DeliveryRiskWatch, JobContext],
) -> None:
    """Promise 30 h after shipment: P(T <= 30 | T > e) = (30 - e) / (40 - e) at whole hours,
    0.5 at 20 h and 9/19 from 21 h: the watch sleeps until 21 h, then reports."""
    clock.set(T0 + 5 * HOUR)
    await ship(client, admin_headers, T0 + 30 * HOUR)
    assert (await watched(database))[0] == T0 + 5 * HOUR  # armed by the report
    assert await tick(watch) == 1
    assert await watched(database) == (T0 + 21 * HOUR, None)
    clock.set(T0 + 20 * HOUR + 59 * timedelta(minutes=1))
    assert await tick(watch) == 0  # not due yet
    clock.set(T0 + 21 * HOUR)
    assert await tick(watch) == 1
    [event] = await events_of_type(database, "order.delivery_at_risk")
    assert event.data["probability"] == round(9 / 19, 4)
    # The median of the 19 times over 21 h is 31 h.
    assert event.data["expected_delivery_at"] == _z(T0 + 31 * HOUR)
    assert event.data["promised_delivery_at"] == _z(T0 + 30 * HOUR)
    assert (event.data["level"], event.data["sample_size"]) == (
        "carrier+service_level+destination",
        40,
    )
    assert (event.data["external_ref"], event.data["carrier"], event.data["threshold"]) == (
        "ord-1",
        "dhl",
        0.5,
    )
    assert await watched(database) == (None, T0 + 21 * HOUR)
    clock.set(T0 + 22 * HOUR)
    assert await tick(watch) == 0
    # Another fact reported re-reads the order, but the promise was already reported.
    await client.patch(ORDER, headers=admin_headers, json={"tracking_number": "JD1"})
    assert await tick(watch) == 1
    assert len(await events_of_type(database, "order.delivery_at_risk")) == 1


@pytest.mark.usefixtures("history")
async def test_a_new_promise_rearms_the_watch(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
    watch: tuple[DeliveryRiskWatch, JobContext],
) -> None:
    clock.set(T0 + 25 * HOUR)
    await ship(client, admin_headers, T0 + 30 * HOUR)
    assert await tick(watch) == 1
    assert len(await events_of_type(database, "order.delivery_at_risk")) == 1
    # Promised 38 h now: (38 - 25) / (40 - 25) = 13/15, at risk from 37 h.
    await client.patch(
        ORDER, headers=admin_headers, json={"promised_delivery_at": (T0 + 38 * HOUR).isoformat()}
    )
    assert await watched(database) == (T0 + 25 * HOUR, None)
    assert await tick(watch) == 1
    assert await watched(database) == (T0 + 37 * HOUR, None)
    clock.set(T0 + 37 * HOUR)
    assert await tick(watch) == 1
    events = await events_of_type(database, "order.delivery_at_risk")
    assert [e.data["promised_delivery_at"] for e in events] == [
        _z(T0 + 30 * HOUR),
        _z(T0 + 38 * HOUR),
    ]


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    "ending",
    [{"status": "delivered", "delivered_at": "2026-11-30T20:00:00Z"}, {"status": "cancelled"}],
)
async def test_delivery_or_cancellation_ends_the_watch(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
    watch: tuple[DeliveryRiskWatch, JobContext],
    ending: dict[str, str],
) -> None:
    clock.set(T0 + 5 * HOUR)
    await ship(client, admin_headers, T0 + 30 * HOUR)
    assert await tick(watch) == 1
    await client.patch(ORDER, headers=admin_headers, json=ending)
    assert await watched(database) == (None, None)
    clock.set(T0 + 29 * HOUR)
    assert await tick(watch) == 0
    assert await events_of_type(database, "order.delivery_at_risk") == []


@pytest.mark.usefixtures("history")
async def test_an_unshipped_order_that_even_a_shipment_now_would_likely_miss_is_at_risk(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
    watch: tuple[DeliveryRiskWatch, JobContext],
) -> None:
    """Paid, promised in 30 h: a shipment now makes it with chance 30/40, until the time
    left is under the median (20 h): at risk from 10 h on, with chance 19/40 then."""
    clock.set(T0)
    await create_order(
        client,
        admin_headers,
        "ord-1",
        placed_at="2026-11-29T08:00:00Z",
        status="paid",
        promised_delivery_at=(T0 + 30 * HOUR).isoformat(),
        **LANE,
    )
    assert await tick(watch) == 1
    assert await watched(database) == (T0 + 10 * HOUR, None)
    clock.set(T0 + 10 * HOUR + timedelta(minutes=30))
    assert await tick(watch) == 1
    [event] = await events_of_type(database, "order.delivery_at_risk")
    assert event.data["probability"] == round(19 / 40, 4)
    assert event.data["shipped_at"] is None
    expected = T0 + 30 * HOUR + timedelta(minutes=30)  # now + the median, 20 h
    assert event.data["expected_delivery_at"] == _z(expected)


@pytest.mark.usefixtures("history")
async def test_a_parcel_to_a_region_with_its_own_history_is_judged_by_that_region(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    customer: Customer,
    clock: MutableClock,
    watch: tuple[DeliveryRiskWatch, JobContext],
) -> None:
    """Across DE a 30 h promise is kept at 5 h in transit with chance 25/35; the 30 parcels
    to region 80 all took 50 h, so there it has none."""
    await add_deliveries(
        database,
        customer,
        ("dhl", "express", "DE"),
        T0 - 20 * 24 * HOUR,
        [50 * HOUR] * 30,
        region="80",
    )
    clock.set(T0 + 5 * HOUR)
    await ship(client, admin_headers, T0 + 30 * HOUR, destination_region="80")
    assert await tick(watch) == 1
    [event] = await events_of_type(database, "order.delivery_at_risk")
    assert (event.data["level"], event.data["sample_size"]) == (
        "carrier+service_level+destination+region",
        30,
    )
    assert (event.data["probability"], event.data["destination_region"]) == (0, "80")


async def test_without_history_nothing_is_said_and_the_order_is_looked_at_later(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
    watch: tuple[DeliveryRiskWatch, JobContext],
) -> None:
    clock.set(T0 + 5 * HOUR)
    await ship(client, admin_headers, T0 + 30 * HOUR)
    assert await tick(watch) == 1
    assert await events_of_type(database, "order.delivery_at_risk") == []
    assert await watched(database) == (T0 + 29 * HOUR, None)  # 24 h later


async def test_a_promise_that_passed_is_left_to_the_overdue_watch(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
    watch: tuple[DeliveryRiskWatch, JobContext],
    history: None,
) -> None:
    clock.set(T0 + 5 * HOUR)
    await ship(client, admin_headers, T0 + 30 * HOUR)
    clock.set(T0 + 31 * HOUR)
    assert await tick(watch) == 1
    assert await events_of_type(database, "order.delivery_at_risk") == []
    assert await watched(database) == (None, None)


def _z(moment: datetime) -> str:
    """An instant as event payloads write it (RFC 3339, Z)."""
    return moment.isoformat().replace("+00:00", "Z")
