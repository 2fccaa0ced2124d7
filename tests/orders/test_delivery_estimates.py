"""GET /v1/delivery-estimates and GET /v1/metrics/delivery-calibration over synthetic histories
whose quantiles are known exactly."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from app.auth.scopes import Scope
from app.config import Settings
from app.kit.db import Database
from app.main import create_app
from app.models import Customer, Order
from app.orders.errors import UnknownCountryCode
from tests.conftest import MakeKey
from tests.factories import add_calendar, add_deliveries, add_order
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)  # a Monday
HOUR = timedelta(hours=1)
SHIPPED = NOW - timedelta(days=20)
ESTIMATES = "/v1/delivery-estimates"
CALIBRATION = "/v1/metrics/delivery-calibration"


@pytest.fixture
async def history(database: Database, customer: Customer, clock: MutableClock) -> None:
    """dhl express to DE: 40 deliveries taking 1, 2, ... 40 hours; dhl express to FR: 5."""
    clock.set(NOW)
    await add_deliveries(
        database, customer, ("dhl", "express", "DE"), SHIPPED, [i * HOUR for i in range(1, 41)]
    )
    await add_deliveries(database, customer, ("dhl", "express", "FR"), SHIPPED, [100 * HOUR] * 5)


@pytest.mark.usefixtures("history")
async def test_the_estimate_is_the_quantile_of_comparable_transit_times(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.get(
        ESTIMATES,
        headers=admin_headers,
        params={
            "carrier": "dhl",
            "service_level": "express",
            "destination": "DE",
            "confidence": 0.9,
            "ship_at": "2026-12-01T08:00:00Z",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["level"] == "carrier+service_level+destination"
    assert (body["sample_size"], body["min_sample"]) == (40, 30)
    assert body["promise_seconds"] == 36 * 3600  # the 36th of 40 sorted times
    assert body["latest_delivery_at"] == "2026-12-02T20:00:00Z"
    assert body["transit"] == {
        "sample_size": 40,
        "min_seconds": 3600.0,
        "p50_seconds": 20 * 3600.0,
        "p90_seconds": 36 * 3600.0,
        "p95_seconds": 38 * 3600.0,
        "max_seconds": 40 * 3600.0,
    }
    # From the 0.1-quantile (4 h: still Tuesday) to the promise (Wednesday), in calendar days.
    assert (body["days_min"], body["days_max"], body["label"]) == (0, 1, "0-1 days")
    assert body["business_days"] is False
    assert body["note"] is None


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    ("params", "level", "sample"),
    [
        # 5 deliveries to FR are fewer than 30: carrier and service answer (45).
        (
            {"carrier": "dhl", "service_level": "express", "destination": "FR"},
            "carrier+service_level",
            45,
        ),
        ({"carrier": "dhl", "service_level": "economy", "destination": "DE"}, "carrier", 45),
        ({"carrier": "ups", "service_level": "express", "destination": "DE"}, "all", 45),
        ({}, "all", 45),
    ],
)
async def test_a_small_sample_falls_back_along_the_chain_and_says_which_level_answered(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    params: dict[str, str],
    level: str,
    sample: int,
) -> None:
    body = (await client.get(ESTIMATES, headers=admin_headers, params=params)).json()
    assert (body["level"], body["sample_size"]) == (level, sample)


async def test_with_no_history_there_is_no_figure(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    customer: Customer,
) -> None:
    # Undelivered, cancelled and never-shipped orders are no history.
    await add_order(database, customer, "o-1", status="shipped", shipped_at=SHIPPED, carrier="dhl")
    await add_order(
        database, customer, "o-2", status="delivered", delivered_at=SHIPPED, carrier="dhl"
    )
    body = (await client.get(ESTIMATES, headers=admin_headers, params={"carrier": "dhl"})).json()
    assert (body["level"], body["sample_size"], body["promise_seconds"]) == (None, 0, None)
    assert (body["latest_delivery_at"], body["label"]) == (None, None)
    assert body["note"].startswith("no delivered order")


async def test_a_sample_below_the_minimum_still_answers_and_says_so(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    customer: Customer,
    clock: MutableClock,
) -> None:
    clock.set(NOW)
    await add_deliveries(database, customer, ("dhl", "express", "DE"), SHIPPED, [HOUR] * 3)
    body = (await client.get(ESTIMATES, headers=admin_headers, params={"carrier": "dhl"})).json()
    assert (body["level"], body["sample_size"]) == ("carrier", 3)
    assert "only 3 comparable deliveries" in body["note"]


async def test_a_shipping_calendar_counts_transit_in_its_working_days(
    settings: Settings,
    database: Database,
    clock: MutableClock,
    customer: Customer,
    admin_key: str,
) -> None:
    """Weekdays, whole days, in UTC: parcels shipped on a Friday at noon and delivered on
    Monday at noon took one business day (24 h), not three."""
    clock.set(NOW)
    weekdays = await add_calendar(
        database,
        NOW,
        name="Weekdays",
        timezone="UTC",
        holidays=[],
        weekly_hours={day: [["00:00", "24:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
    )
    friday = datetime(2026, 11, 20, 12, tzinfo=UTC)
    await add_deliveries(
        database, customer, ("dhl", "express", "DE"), friday, [timedelta(days=3)] * 30
    )
    app: FastAPI = create_app(
        settings.model_copy(update={"shipping_calendars": {"dhl": weekdays}}),
        database=database,
        clock=clock,
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as http:
        body = (
            await http.get(
                ESTIMATES,
                headers=bearer(admin_key),
                params={
                    "carrier": "dhl",
                    "ship_at": "2026-12-04T12:00:00Z",  # a Friday
                },
            )
        ).json()
    assert body["promise_seconds"] == 86_400
    assert body["latest_delivery_at"] == "2026-12-07T12:00:00Z"  # Monday
    assert (body["business_days"], body["label"]) == (True, "1 business day")


@pytest.fixture
async def regional_history(database: Database, customer: Customer, clock: MutableClock) -> None:
    """dhl express to DE: 40 parcels to Berlin (region "10") take 2 h each, 30 to Munich
    ("80") 50 h each."""
    clock.set(NOW)
    await add_deliveries(
        database, customer, ("dhl", "express", "DE"), SHIPPED, [2 * HOUR] * 40, region="10"
    )
    await add_deliveries(
        database, customer, ("dhl", "express", "DE"), SHIPPED, [50 * HOUR] * 30, region="80"
    )


@pytest.mark.usefixtures("regional_history")
@pytest.mark.parametrize(
    ("region", "level", "sample", "promise_hours"),
    [
        ("10", "carrier+service_level+destination+region", 40, 2),
        ("80", "carrier+service_level+destination+region", 30, 50),
        # 0 parcels to Hamburg: the whole country answers (70; 0.9 of them within 50 h).
        ("20", "carrier+service_level+destination", 70, 50),
        (None, "carrier+service_level+destination", 70, 50),
    ],
)
async def test_a_region_narrows_the_destination_when_it_has_enough_deliveries(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    region: str | None,
    level: str,
    sample: int,
    promise_hours: int,
) -> None:
    params = {"carrier": "dhl", "service_level": "express", "destination": "DE"}
    if region is not None:
        params["destination_region"] = region
    body = (await client.get(ESTIMATES, headers=admin_headers, params=params)).json()
    assert (body["level"], body["sample_size"]) == (level, sample)
    assert body["promise_seconds"] == promise_hours * 3600
    assert body["destination_region"] == region


@pytest.mark.parametrize(
    ("params", "pointer"),
    [
        ({"confidence": "1"}, "/confidence"),
        ({"confidence": "0"}, "/confidence"),
        ({"destination": "de"}, "/destination"),
        ({"carrier": "DHL"}, "/carrier"),
        ({"destination": "DE", "destination_region": "x!"}, "/destination_region"),
        ({"destination_region": "10"}, "/destination_region"),
    ],
)
async def test_bad_estimate_queries_name_the_parameter(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    params: dict[str, str],
    pointer: str,
) -> None:
    response = await client.get(ESTIMATES, headers=admin_headers, params=params)
    assert_problem(response, 422, pointer)


async def test_an_unassigned_country_is_its_own_problem(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.get(ESTIMATES, headers=admin_headers, params={"destination": "UK"})
    assert_problem(response, 422, "/destination", problem=UnknownCountryCode)


async def test_scopes(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    metrics_only = bearer(await make_key(Scope.METRICS_READ))
    orders_only = bearer(await make_key(Scope.ORDERS_READ))
    assert (await client.get(ESTIMATES, headers=metrics_only)).status_code == 403
    assert (await client.get(ESTIMATES, headers=orders_only)).status_code == 200
    assert (await client.get(CALIBRATION, headers=orders_only)).status_code == 403
    assert (await client.get(CALIBRATION, headers=metrics_only)).status_code == 200


async def test_calibration_per_lane(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    database: Database,
    customer: Customer,
    clock: MutableClock,
) -> None:
    clock.set(NOW)
    shipped = NOW - timedelta(days=5)
    await add_deliveries(
        database, customer, ("dhl", "express", "DE"), shipped, [i * HOUR for i in range(1, 21)]
    )
    # Promised 10 h after shipment: kept by 10 of the 20.
    async with database.sessionmaker() as session, session.begin():
        await session.execute(update(Order).values(promised_delivery_at=shipped + 10 * HOUR))
    await add_order(
        database,
        customer,
        "late",
        status="shipped",
        placed_at=shipped,
        carrier="dhl",
        service_level="express",
        destination_country="DE",
        shipped_at=shipped,
        promised_delivery_at=shipped + 10 * HOUR,
    )
    await add_order(
        database,
        customer,
        "gone",
        status="cancelled",
        placed_at=shipped,
        carrier="dhl",
        service_level="express",
        destination_country="DE",
        promised_delivery_at=shipped + 10 * HOUR,
    )
    response = await client.get(CALIBRATION, headers=admin_headers)
    assert response.status_code == 200, response.text
    [row] = response.json()["rows"]
    assert (row["carrier"], row["service_level"], row["destination_country"]) == (
        "dhl",
        "express",
        "DE",
    )
    # The undelivered order past its promise is a promise broken; the cancelled one is none.
    assert row["kept"] == {"value": 47.62, "numerator": 10, "denominator": 21, "sample_size": 21}
    assert row["observed"]["sample_size"] == 20
    assert (
        row["observed"]["p50_seconds"],
        row["observed"]["p90_seconds"],
        row["observed"]["p95_seconds"],
    ) == (36_000, 18 * 3600, 19 * 3600)
    assert row["promise_for_confidence"] == {
        "0.5": 36_000,
        "0.8": 16 * 3600,
        "0.9": 18 * 3600,
        "0.95": 19 * 3600,
    }
    assert "etag" in response.headers
