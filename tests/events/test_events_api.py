import json
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import text

from app.auth.scopes import Scope
from app.events.schemas import EventEnvelope, recorded_page
from app.events.types import EventType
from app.kit.db import Database
from app.kit.ids import uuid7
from app.kit.pagination import Page
from app.orders.schemas import OrderDeliveryOverdueData
from app.orders.types import OrderStatus
from tests.conftest import MakeKey
from tests.factories import add_typed_event, endpoint_disabled
from tests.support.api import PROBLEM, bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]


def overdue_delivery() -> OrderDeliveryOverdueData:
    at = datetime(2026, 11, 2, tzinfo=UTC)
    return OrderDeliveryOverdueData(
        order_id=uuid7(), external_ref="ord-1", customer_external_ref="cust-1",
        status=OrderStatus.SHIPPED, placed_at=at, promised_delivery_at=at + timedelta(days=3),
    )


async def _headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.WEBHOOKS_MANAGE))


async def test_events_are_listed_newest_first_filtered_and_paginated(
    client: httpx.AsyncClient, make_key: MakeKey, database: Database, clock: MutableClock
) -> None:
    headers = await _headers(make_key)
    created = await add_typed_event(database, endpoint_disabled("1"), now=clock.now())
    since = clock.advance(timedelta(minutes=1))
    breached = await add_typed_event(database, overdue_delivery(), now=clock.now())
    clock.advance(timedelta(minutes=1))
    warned = await add_typed_event(database, endpoint_disabled("3"), now=clock.now())

    async def ids(params: list[tuple[str, str]]) -> list[str]:
        response = await client.get("/v1/events", headers=headers, params=tuple(params))
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids([]) == [str(warned), str(breached), str(created)]
    assert await ids([("type", "order.delivery_overdue")]) == [str(breached)]
    both = [("type", "order.delivery_overdue"), ("type", "webhook_endpoint.disabled")]
    assert await ids(both) == [
        str(warned), str(breached), str(created),
    ]
    assert await ids([("since", since.isoformat())]) == [str(warned), str(breached)]
    first = (await client.get("/v1/events", headers=headers, params={"limit": 2})).json()
    assert len(first["items"]) == 2
    rest = await ids([("limit", "2"), ("cursor", first["next_cursor"])])
    assert rest == [str(created)]


async def test_one_event_by_id(
    client: httpx.AsyncClient, make_key: MakeKey, database: Database, clock: MutableClock
) -> None:
    headers = await _headers(make_key)
    data = endpoint_disabled()
    event_id = await add_typed_event(database, data, now=clock.now())

    response = await client.get(f"/v1/events/{event_id}", headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["type"], body["data"]) == (
        str(event_id), "webhook_endpoint.disabled", data.model_dump(mode="json"),
    )
    missing = await client.get(f"/v1/events/{'0' * 8}-0000-7000-8000-{'0' * 12}", headers=headers)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM


async def test_bad_event_filters_are_422_naming_the_parameter(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    headers = await _headers(make_key)

    unknown = await client.get("/v1/events", headers=headers, params={"type": "ticket.deleted"})
    naive = await client.get("/v1/events", headers=headers, params={"since": "2026-01-01T00:00"})

    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "/type/0"
    assert naive.status_code == 422
    assert naive.json()["errors"][0]["pointer"] == "/since"


async def test_the_event_types_catalogue_lists_each_type_with_its_schema(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    response = await client.get("/v1/event-types", headers=await _headers(make_key))
    tickets_only = await client.get(
        "/v1/event-types", headers=bearer(await make_key(Scope.TICKETS_READ))
    )

    assert response.status_code == 200
    items = {item["type"]: item for item in response.json()["items"]}
    assert list(items) == list(EventType)
    breached = items["sla.breached"]
    assert breached["description"] == "A ticket's SLA target passed its due time unmet."
    assert {"ticket", "metric", "due_at", "breached_at"} <= set(
        breached["data_schema"]["properties"]
    )
    assert breached["data_schema"]["$defs"]["TicketOut"]["properties"]["priority"]
    assert tickets_only.status_code == 403


async def test_a_page_carries_each_events_data_as_postgresql_stored_it(database: Database) -> None:
    """`recorded_page` splices the data's JSON text in unparsed: the page is the JSON the
    envelope model would write, whatever the data holds."""
    data = {"text": 'quote " backslash \\ tab \t é 🙂', "n": [1, 2.5, -3e-7, None, True]}
    async with database.engine.connect() as connection:
        stored = await connection.scalar(text("SELECT CAST(:data AS jsonb)::text"), {
            "data": json.dumps(data),
        })
    row = {"id": uuid7(), "type": "ticket.created", "created_at": datetime.now(UTC)}
    page = json.loads(recorded_page([{**row, "data": stored}], "next"))
    expected = Page[EventEnvelope](items=[EventEnvelope(**row, data=data)], next_cursor="next")
    assert page == expected.model_dump(mode="json")
    assert json.loads(recorded_page([], None)) == {"items": [], "next_cursor": None}
