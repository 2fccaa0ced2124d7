"""Shipping facts: a shop reports shipment and delivery with PATCH (or PUT); each fact that
cannot be true is refused with its own problem type naming the field."""

from datetime import UTC, datetime

import httpx
import pytest

from app.orders.countries import is_country_code
from app.orders.errors import DeliveredBeforeShipped, ShipmentOfCancelledOrder, UnknownCountryCode
from app.orders.lifecycle import (
    delivered_before_shipped,
    shipment_facts_of_cancelled,
    state_errors,
)
from app.orders.types import OrderStatus
from tests.factories import create_order, order_body
from tests.support.api import assert_problem

ORDER = "/v1/orders/ord-1"
PLACED_AT = datetime(2026, 11, 1, 10, tzinfo=UTC)
SHIPMENT = {
    "status": "shipped", "carrier": "dhl", "service_level": "express",
    "destination_country": "DE", "destination_region": "80", "shipped_at": "2026-11-02T08:00:00Z",
    "tracking_number": "JD0146000031", "tracking_url": "https://track.example/JD0146000031",
}


def test_country_codes_are_the_assigned_iso_3166_1_codes() -> None:
    assert all(is_country_code(code) for code in ("DE", "FR", "US", "JP", "SS"))
    # Exceptionally reserved or user-assigned codes are not countries.
    assert not any(is_country_code(code) for code in ("UK", "EU", "XK", "ZZ", "de"))


def test_shipped_at_belongs_to_shipped_delivered_and_returned_orders() -> None:
    shipped = datetime(2026, 11, 2, tzinfo=UTC)
    assert state_errors(OrderStatus.PAID, PLACED_AT, None, None, shipped) == [
        ("shipped_at", "a paid order has no shipped_at; report it as shipped")
    ]
    assert state_errors(OrderStatus.SHIPPED, PLACED_AT, None, None, shipped) == []
    early = datetime(2026, 10, 30, tzinfo=UTC)
    assert state_errors(OrderStatus.SHIPPED, PLACED_AT, None, None, early) == [
        ("shipped_at", "shipped_at is before placed_at")
    ]


def test_a_delivery_before_its_shipment_and_shipments_of_cancelled_orders_are_named() -> None:
    monday, tuesday = datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 3, tzinfo=UTC)
    assert delivered_before_shipped(tuesday, monday)
    assert not delivered_before_shipped(monday, tuesday)
    assert not delivered_before_shipped(None, monday)
    sent: dict[str, object] = {"carrier": "dhl", "tracking_url": "https://t.example/1",
                               "shipped_at": None}
    assert shipment_facts_of_cancelled(OrderStatus.CANCELLED, sent) == ["tracking_url"]
    assert shipment_facts_of_cancelled(OrderStatus.SHIPPED, sent) == []


async def test_patch_reports_the_shipment_then_the_delivery(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    await create_order(client, admin_headers, "ord-1")
    shipped = await client.patch(ORDER, json=SHIPMENT, headers=admin_headers)
    assert shipped.status_code == 200, shipped.text
    assert {name: shipped.json()[name] for name in SHIPMENT} == SHIPMENT
    delivered = await client.patch(
        ORDER, json={"status": "delivered", "delivered_at": "2026-11-04T09:30:00Z"},
        headers=admin_headers,
    )
    assert delivered.status_code == 200, delivered.text
    assert delivered.json()["carrier"] == "dhl"
    assert delivered.json()["shipped_at"] == "2026-11-02T08:00:00Z"


async def test_put_takes_the_shipping_facts_whole(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    created = await client.put(ORDER, json=order_body(**SHIPMENT), headers=admin_headers)
    assert created.status_code == 201, created.text
    assert created.json()["destination_country"] == "DE"
    cleared = await client.put(ORDER, json=order_body(status="shipped"), headers=admin_headers)
    assert (cleared.json()["carrier"], cleared.json()["shipped_at"]) == (None, None)


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(
    ("change", "status", "pointer", "problem"),
    [
        ({"destination_country": "UK"}, 422, "/destination_country", UnknownCountryCode),
        (
            {"status": "delivered", "shipped_at": "2026-11-03T08:00:00Z",
             "delivered_at": "2026-11-02T09:00:00Z"},
            422, "/delivered_at", DeliveredBeforeShipped,
        ),
        (
            {"status": "cancelled", "tracking_number": "JD0146000031"},
            422, "/tracking_number", ShipmentOfCancelledOrder,
        ),
        (
            {"status": "cancelled", "shipped_at": "2026-11-03T08:00:00Z"},
            422, "/shipped_at", ShipmentOfCancelledOrder,
        ),
        ({"status": "paid", "shipped_at": "2026-11-03T08:00:00Z"}, 422, "/shipped_at", None),
        ({"status": "shipped", "shipped_at": "2026-10-03T08:00:00Z"}, 422, "/shipped_at", None),
        ({"carrier": "DHL Express"}, 422, "/carrier", None),
        ({"tracking_url": "javascript:alert(1)"}, 422, "/tracking_url", None),
    ],
)
async def test_shipping_facts_that_cannot_be_true_are_refused(
    client: httpx.AsyncClient, admin_headers: dict[str, str], method: str,
    change: dict[str, object], status: int, pointer: str,
    problem: type[UnknownCountryCode] | None,
) -> None:
    await create_order(client, admin_headers, "ord-1")
    if method == "put":
        response = await client.put(ORDER, json=order_body(**change), headers=admin_headers)
    else:
        response = await client.patch(ORDER, json=change, headers=admin_headers)
    assert_problem(response, status, pointer, problem=problem)
    unchanged = (await client.get(ORDER, headers=admin_headers)).json()
    assert (unchanged["status"], unchanged["carrier"], unchanged["shipped_at"]) == (
        "placed", None, None,
    )


async def test_a_later_delivery_date_is_checked_against_the_stored_shipment(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    await create_order(client, admin_headers, "ord-1")
    await client.patch(ORDER, json=SHIPMENT, headers=admin_headers)
    early = await client.patch(
        ORDER, json={"status": "delivered", "delivered_at": "2026-11-01T12:00:00Z"},
        headers=admin_headers,
    )
    assert_problem(early, 422, "/delivered_at", problem=DeliveredBeforeShipped)


async def test_a_shipped_order_may_be_cancelled_but_takes_no_new_tracking(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    await create_order(client, admin_headers, "ord-1")
    await client.patch(ORDER, json=SHIPMENT, headers=admin_headers)
    cancelled = await client.patch(ORDER, json={"status": "cancelled"}, headers=admin_headers)
    assert cancelled.status_code == 200, cancelled.text
    tracking = await client.patch(
        ORDER, json={"tracking_number": "NEW1"}, headers=admin_headers
    )
    assert_problem(tracking, 422, "/tracking_number", problem=ShipmentOfCancelledOrder)
