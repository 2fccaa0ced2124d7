"""The order lifecycle: statuses only move forward, each implies its facts, and PATCH reports
what happened to an order without sending it whole."""

from datetime import UTC, datetime
from itertools import product

import httpx
import pytest
from sqlalchemy import update

from app.kit.db import Database
from app.models import Order
from app.orders.lifecycle import FOLLOWING, state_errors, transition_refusal
from app.orders.types import OrderStatus
from tests.factories import create_order, order_body
from tests.support.api import assert_problem

PLACED_AT = datetime(2026, 11, 1, 10, tzinfo=UTC)
DELIVERED_AT = "2026-11-04T09:30:00Z"
ORDER = "/v1/orders/ord-1"
FORWARD = [
    ("placed", "paid"), ("placed", "shipped"), ("placed", "delivered"), ("placed", "cancelled"),
    ("paid", "shipped"), ("paid", "delivered"), ("paid", "cancelled"),
    ("shipped", "delivered"), ("shipped", "returned"), ("shipped", "cancelled"),
    ("delivered", "returned"),
]


@pytest.mark.parametrize(("current", "target"), list(product(OrderStatus, OrderStatus)))
def test_only_forward_moves_and_staying_put_are_allowed(
    current: OrderStatus, target: OrderStatus
) -> None:
    allowed = current == target or (current.value, target.value) in FORWARD
    assert (transition_refusal(current, target) is None) == allowed
    assert (target in FOLLOWING[current]) == (allowed and current != target)


def test_a_refusal_says_where_the_order_can_go() -> None:
    assert transition_refusal(OrderStatus.DELIVERED, OrderStatus.PLACED) == (
        "an order that is delivered cannot become placed: it can become returned"
    )
    assert transition_refusal(OrderStatus.CANCELLED, OrderStatus.SHIPPED) == (
        "an order that is cancelled cannot become shipped: cancelled is final"
    )


def test_delivered_at_belongs_to_delivered_and_returned_orders_only() -> None:
    delivered = datetime(2026, 11, 4, tzinfo=UTC)
    for status in OrderStatus:
        with_date = state_errors(status, PLACED_AT, None, delivered)
        without = state_errors(status, PLACED_AT, None, None)
        if status in (OrderStatus.DELIVERED, OrderStatus.RETURNED):
            assert with_date == []
            assert without == [("delivered_at", f"a {status} order needs delivered_at")]
        else:
            assert without == []
            assert with_date == [
                ("delivered_at", f"a {status} order has no delivered_at; report it as delivered")
            ]
    early = datetime(2026, 10, 1, tzinfo=UTC)
    assert state_errors(OrderStatus.PLACED, PLACED_AT, early, None) == [
        ("promised_delivery_at", "promised_delivery_at is before placed_at")
    ]


async def test_put_refuses_a_shipped_order_with_a_delivery_date(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    body = order_body(status="shipped", delivered_at=DELIVERED_AT)
    response = await client.put(ORDER, json=body, headers=admin_headers)
    assert_problem(response, 422, "/delivered_at")


async def test_put_refuses_to_move_a_delivered_order_back_and_keeps_its_delivery(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    delivered = order_body(status="delivered", delivered_at=DELIVERED_AT)
    await client.put(ORDER, json=delivered, headers=admin_headers)
    back = await client.put(ORDER, json=order_body(status="placed"), headers=admin_headers)
    assert_problem(back, 409)
    assert back.json()["type"] == "urn:aftercare:problem:order-transition-not-allowed"
    assert back.json()["detail"] == (
        "An order that is delivered cannot become placed: it can become returned."
    )
    kept = (await client.get(ORDER, headers=admin_headers)).json()
    assert (kept["status"], kept["delivered_at"]) == ("delivered", DELIVERED_AT)


async def test_patch_marks_an_order_shipped_then_delivered(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    await create_order(client, admin_headers, "ord-1", amount="12.50")
    shipped = await client.patch(ORDER, json={"status": "shipped"}, headers=admin_headers)
    assert shipped.status_code == 200, shipped.text
    assert (shipped.json()["status"], shipped.json()["amount"]) == ("shipped", "12.50")
    delivered = await client.patch(
        ORDER, json={"status": "delivered", "delivered_at": DELIVERED_AT}, headers=admin_headers
    )
    assert delivered.status_code == 200, delivered.text
    assert (delivered.json()["status"], delivered.json()["delivered_at"]) == (
        "delivered", DELIVERED_AT,
    )
    cancelled = await client.patch(ORDER, json={"status": "cancelled"}, headers=admin_headers)
    assert_problem(cancelled, 409)


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"status": "delivered"}, "/delivered_at"),  # a delivery needs its date
        ({"delivered_at": DELIVERED_AT}, "/delivered_at"),  # the order is not delivered
        ({"status": None}, "/status"),  # a status may be left out, never null
        ({"promised_delivery_at": "2026-10-01T00:00:00Z"}, "/promised_delivery_at"),
        ({"amount": "1.00"}, "/amount"),  # not a fact PATCH reports
    ],
)
async def test_patch_refuses_an_order_that_would_not_make_sense(
    client: httpx.AsyncClient, admin_headers: dict[str, str], change: dict[str, object],
    pointer: str,
) -> None:
    await create_order(client, admin_headers, "ord-1")
    response = await client.patch(ORDER, json=change, headers=admin_headers)
    assert_problem(response, 422, pointer)
    unchanged = (await client.get(ORDER, headers=admin_headers)).json()
    assert (unchanged["status"], unchanged["delivered_at"]) == ("placed", None)


async def test_patch_of_an_unknown_order_is_404(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.patch(ORDER, json={"status": "paid"}, headers=admin_headers)
    assert_problem(response, 404)


async def test_patch_moving_the_promise_rearms_the_overdue_watch(
    client: httpx.AsyncClient, admin_headers: dict[str, str], database: Database
) -> None:
    await create_order(client, admin_headers, "ord-1")
    async with database.sessionmaker() as session, session.begin():
        await session.execute(update(Order).values(overdue_notified_at=datetime.now(UTC)))
    paid = await client.patch(ORDER, json={"status": "paid"}, headers=admin_headers)
    assert paid.json()["overdue_notified_at"] is not None
    moved = await client.patch(
        ORDER, json={"promised_delivery_at": "2026-11-09T18:00:00Z"}, headers=admin_headers
    )
    assert moved.json()["promised_delivery_at"] == "2026-11-09T18:00:00Z"
    assert moved.json()["overdue_notified_at"] is None
