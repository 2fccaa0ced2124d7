import re
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from app.auth.scopes import Scope
from app.kit.db import Database
from app.models import Order
from app.orders.schemas import AMOUNT_PATTERN
from tests.conftest import MakeKey
from tests.factories import create_order, order_body
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock


async def test_put_creates_then_updates_the_same_order(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    created = await client.put("/v1/orders/ord-1", json=order_body(), headers=admin_headers)
    again = await client.put("/v1/orders/ord-1", json=order_body(), headers=admin_headers)
    delivered = await client.put(
        "/v1/orders/ord-1",
        json=order_body(status="delivered", delivered_at="2026-11-04T09:30:00Z"),
        headers=admin_headers,
    )
    assert (created.status_code, again.status_code, delivered.status_code) == (201, 200, 200)
    assert created.json()["id"] == again.json()["id"] == delivered.json()["id"]
    assert created.json()["amount"] == "49.90"
    assert created.json()["customer"]["external_ref"] == "cust-1"
    assert delivered.json()["status"] == "delivered"
    assert delivered.json()["delivered_at"] == "2026-11-04T09:30:00Z"
    listing = (await client.get("/v1/orders", headers=admin_headers)).json()
    assert len(listing["items"]) == 1


async def test_customer_details_are_updated_but_never_blanked(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    await create_order(client, admin_headers, "ord-1")
    await create_order(
        client, admin_headers, "ord-2", customer={"external_ref": "cust-1", "name": "Ada Lovelace"}
    )
    customer = (await client.get("/v1/customers/cust-1", headers=admin_headers)).json()
    assert customer["name"] == "Ada Lovelace"
    assert customer["email"] == "ada@example.com"


async def test_a_moved_promise_is_watched_again(
    client: httpx.AsyncClient, admin_headers: dict[str, str], database: Database
) -> None:
    await create_order(client, admin_headers, "ord-1")
    async with database.sessionmaker() as session, session.begin():
        await session.execute(update(Order).values(overdue_notified_at=datetime.now(UTC)))
    same = await client.put("/v1/orders/ord-1", json=order_body(), headers=admin_headers)
    assert same.json()["overdue_notified_at"] is not None
    moved = await client.put(
        "/v1/orders/ord-1",
        json=order_body(promised_delivery_at="2026-11-09T18:00:00Z"),
        headers=admin_headers,
    )
    assert moved.json()["overdue_notified_at"] is None


async def test_get_unknown_order_is_404(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    assert_problem(await client.get("/v1/orders/nope", headers=admin_headers), 404)


async def test_list_filters(
    client: httpx.AsyncClient, admin_headers: dict[str, str], clock: MutableClock
) -> None:
    clock.set(datetime(2026, 11, 10, tzinfo=UTC))
    other_customer = {"external_ref": "cust-2"}
    orders = {
        "late": order_body(),
        "on-time": order_body(status="delivered", delivered_at="2026-11-04T09:00:00Z"),
        "future": order_body(
            placed_at="2026-11-08T10:00:00Z",
            promised_delivery_at="2026-11-12T18:00:00Z",
            customer=other_customer,
        ),
        "no-promise": order_body(placed_at="2026-10-01T10:00:00Z", promised_delivery_at=None),
        "cancelled": order_body(status="cancelled"),  # its promise passed: not late, no delivery
    }
    for ref, body in orders.items():
        response = await client.put(f"/v1/orders/{ref}", json=body, headers=admin_headers)
        assert response.status_code == 201

    async def refs(query: str) -> set[str]:
        response = await client.get(f"/v1/orders?{query}", headers=admin_headers)
        assert response.status_code == 200, response.text
        return {item["external_ref"] for item in response.json()["items"]}

    assert await refs("overdue=true") == {"late"}
    assert await refs("overdue=false") == {"on-time", "future", "no-promise", "cancelled"}
    assert await refs("delivered=true") == {"on-time"}
    assert await refs("delivered=false") == {"late", "future", "no-promise", "cancelled"}
    assert await refs("customer=cust-2") == {"future"}
    assert await refs("placed_from=2026-11-01T00:00:00Z&placed_to=2026-11-02T00:00:00Z") == {
        "late",
        "on-time",
        "cancelled",
    }


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"delivered_at": "2026-10-01T00:00:00Z"}, "/delivered_at"),
        ({"promised_delivery_at": "2026-10-01T00:00:00Z"}, "/promised_delivery_at"),
        ({"status": "delivered"}, "/delivered_at"),
        ({"currency": "eur"}, "/currency"),
        ({"amount": "-1"}, "/amount"),
        ({"amount": "1.234"}, "/amount"),
        ({"amount": 1.234}, "/amount"),
        ({"amount": "1_000"}, "/amount"),
        ({"amount": "1e3"}, "/amount"),
        ({"amount": " 5"}, "/amount"),
        ({"amount": "1000000000000"}, "/amount"),
        ({"placed_at": "2026-11-01T10:00:00"}, "/placed_at"),
        ({"status": "lost"}, "/status"),
        ({"customer": {"external_ref": "c", "email": "not-an-email"}}, "/customer/email"),
        ({"customer": {"external_ref": "has space"}}, "/customer/external_ref"),
        ({"discount": 5}, "/discount"),
    ],
)
async def test_invalid_order_names_the_field(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    overrides: dict[str, object],
    pointer: str,
) -> None:
    response = await client.put(
        "/v1/orders/ord-1", json=order_body(**overrides), headers=admin_headers
    )
    assert_problem(response, 422, pointer)


async def test_invalid_external_ref_in_path_is_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.put("/v1/orders/bad%20ref", json=order_body(), headers=admin_headers)
    assert_problem(response, 422, "/external_ref")


async def test_order_scopes(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    reader = bearer(await make_key(Scope.ORDERS_READ))
    writer = bearer(await make_key(Scope.ORDERS_WRITE))
    assert (await client.put("/v1/orders/o", json=order_body(), headers=reader)).status_code == 403
    assert (await client.put("/v1/orders/o", json=order_body(), headers=writer)).status_code == 201
    assert (await client.get("/v1/orders/o", headers=writer)).status_code == 403
    assert (await client.get("/v1/orders/o", headers=reader)).status_code == 200


async def test_customers_are_listed_and_found_by_email(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    await create_order(client, admin_headers, "o1")
    other = {"external_ref": "cust-2", "email": "b@x.io"}
    await create_order(client, admin_headers, "o2", customer=other)
    everyone = (await client.get("/v1/customers", headers=admin_headers)).json()["items"]
    by_email = (
        await client.get("/v1/customers?email=ADA@example.com", headers=admin_headers)
    ).json()["items"]
    assert [c["external_ref"] for c in everyone] == ["cust-2", "cust-1"]
    assert [c["external_ref"] for c in by_email] == ["cust-1"]
    assert_problem(await client.get("/v1/customers/ghost", headers=admin_headers), 404)


@pytest.mark.parametrize("placed_at", [1700000000, "1700000000", 1.5])
async def test_timestamps_must_be_rfc3339_not_unix_numbers(
    client: httpx.AsyncClient, admin_headers: dict[str, str], placed_at: object
) -> None:
    response = await client.put(
        "/v1/orders/ord-1", json=order_body(placed_at=placed_at), headers=admin_headers
    )
    assert_problem(response, 422, "/placed_at")


def test_the_amount_schema_shows_the_accepted_text(app: FastAPI) -> None:
    amount = app.openapi()["components"]["schemas"]["OrderUpsert"]["properties"]["amount"]
    text = next(option for option in amount["anyOf"] if option["type"] == "string")
    assert text["pattern"] == AMOUNT_PATTERN
    assert re.fullmatch(AMOUNT_PATTERN, "49.90")
    assert not re.fullmatch(AMOUNT_PATTERN, "1_000")


@pytest.mark.parametrize("amount", [1000, 49.9, "49.90", "0", "999999999999.99"])
async def test_amounts_in_the_documented_forms_are_accepted(
    client: httpx.AsyncClient, admin_headers: dict[str, str], amount: object
) -> None:
    response = await client.put(
        "/v1/orders/ord-1", json=order_body(amount=amount), headers=admin_headers
    )
    assert response.status_code in (200, 201), response.text
