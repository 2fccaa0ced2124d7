"""Update notices for an order: GET /v1/orders/{ref}/notices and the ticket's status page."""

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from app.auth.scopes import Scope
from app.kit.db import Database
from app.models import Customer
from app.orders.errors import OrderNotFound
from tests.conftest import MakeKey
from tests.factories import create_article, create_order, create_ticket
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]
DAY = timedelta(days=1)


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE))


def window(clock: MutableClock, start: timedelta = -DAY, end: timedelta = DAY) -> dict[str, str]:
    return {
        "starts_at": (clock.now() + start).isoformat().replace("+00:00", "Z"),
        "ends_at": (clock.now() + end).isoformat().replace("+00:00", "Z"),
    }


async def notice(
    client: httpx.AsyncClient,
    headers: Headers,
    clock: MutableClock,
    title: str,
    *,
    start: timedelta = -DAY,
    end: timedelta = DAY,
    status: str = "published",
    order_refs: list[str] | None = None,
    products: list[str] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    targets = {"order_refs": order_refs or [], "products": products or []}
    return await create_article(
        client,
        headers,
        title=title,
        status=status,
        notice={**window(clock, start, end), **targets},
        **fields,
    )


async def titles(
    client: httpx.AsyncClient, headers: Headers, query: str = ""
) -> list[tuple[str, list[str]]]:
    response = await client.get(f"/v1/orders/ord-1/notices{query}", headers=headers)
    assert response.status_code == 200, response.text
    return [(item["title"], item["matched"]) for item in response.json()["items"]]


async def test_notices_in_effect_for_the_order_or_its_products_are_listed(
    client: httpx.AsyncClient, admin_headers: Headers, kb_headers: Headers, clock: MutableClock
) -> None:
    await create_order(client, admin_headers)
    await notice(client, kb_headers, clock, "Strike delays", order_refs=["ord-1", "ord-2"])
    await notice(client, kb_headers, clock, "Recall of sku-7", products=["sku-7"])
    await notice(client, kb_headers, clock, "Both", order_refs=["ord-1"], products=["sku-9"])
    await notice(client, kb_headers, clock, "Another order", order_refs=["ord-2"])
    await notice(client, kb_headers, clock, "Over", order_refs=["ord-1"], start=-2 * DAY, end=-DAY)
    await notice(client, kb_headers, clock, "Not yet", order_refs=["ord-1"], start=DAY, end=2 * DAY)
    await notice(client, kb_headers, clock, "Draft", order_refs=["ord-1"], status="draft")

    found = await titles(client, admin_headers)
    with_products = await titles(client, admin_headers, "?products=sku-7&products=sku-9")
    later = await titles(
        client,
        admin_headers,
        "?at=" + (clock.now() + DAY + timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
    )

    assert sorted(found) == [("Both", ["order"]), ("Strike delays", ["order"])]
    assert sorted(with_products) == [
        ("Both", ["order", "product"]),
        ("Recall of sku-7", ["product"]),
        ("Strike delays", ["order"]),
    ]
    assert later == [("Not yet", ["order"])]


async def test_one_notice_per_translation_group_in_the_customers_language(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    kb_headers: Headers,
    clock: MutableClock,
    database: Database,
) -> None:
    await create_order(client, admin_headers)
    english = await notice(client, kb_headers, clock, "Strike delays", order_refs=["ord-1"])
    await notice(
        client,
        kb_headers,
        clock,
        "Streikbedingte Verzögerungen",
        locale="de",
        order_refs=["ord-1"],
        translation_of=english["id"],
    )

    assert await titles(client, admin_headers) == [("Strike delays", ["order"])]  # the default
    async with database.sessionmaker() as session, session.begin():
        await session.execute(update(Customer).values(locale="de-AT"))
    response = await client.get("/v1/orders/ord-1/notices", headers=admin_headers)
    [item] = response.json()["items"]
    assert item["title"] == "Streikbedingte Verzögerungen"
    assert item["url"] == f"/v1/public/articles/{item['id']}"
    assert item["translation_group_id"] == english["id"]


async def test_an_unknown_order_is_not_found_and_the_scope_is_orders_read(
    client: httpx.AsyncClient, admin_headers: Headers, kb_headers: Headers, make_key: MakeKey
) -> None:
    assert_problem(
        await client.get("/v1/orders/ord-404/notices", headers=admin_headers),
        404,
        problem=OrderNotFound,
    )
    await create_order(client, admin_headers)
    orders_key = bearer(await make_key(Scope.ORDERS_READ))
    assert (await client.get("/v1/orders/ord-1/notices", headers=orders_key)).status_code == 200
    assert (await client.get("/v1/orders/ord-1/notices", headers=kb_headers)).status_code == 403


async def test_the_status_page_of_a_ticket_about_the_order_shows_its_notices(
    client: httpx.AsyncClient, admin_headers: Headers, kb_headers: Headers, clock: MutableClock
) -> None:
    await create_order(client, admin_headers)
    article = await notice(
        client,
        kb_headers,
        clock,
        "Strike delays",
        order_refs=["ord-1"],
        summary="Parcels are two days late.",
    )
    with_order = await create_ticket(client, admin_headers, order_external_ref="ord-1")
    without = await create_ticket(client, admin_headers)

    async def view(ticket: dict[str, Any], accept: str) -> httpx.Response:
        link = await client.post(f"/v1/tickets/{ticket['id']}/status-link", headers=admin_headers)
        path = link.json()["url"].removeprefix("http://127.0.0.1:8000")
        return await client.get(path, headers={"Accept": accept})

    shown = (await view(with_order, "application/json")).json()["notices"]
    page = await view(with_order, "text/html")

    assert [(n["id"], n["summary"]) for n in shown] == [
        (article["id"], "Parcels are two days late.")
    ]
    assert "Notices about your order" in page.text
    assert f'href="/v1/public/articles/{article["id"]}"' in page.text
    assert (await view(without, "application/json")).json()["notices"] == []
