from datetime import timedelta

import httpx

from app.auth.scopes import Scope
from app.kit.db import Database
from tests.conftest import MakeKey
from tests.factories import add_event
from tests.support.api import PROBLEM, bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]


async def _headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.WEBHOOKS_MANAGE))


async def test_events_are_listed_newest_first_filtered_and_paginated(
    client: httpx.AsyncClient, make_key: MakeKey, database: Database, clock: MutableClock
) -> None:
    headers = await _headers(make_key)
    created = await add_event(database, "ticket.created", {"n": 1}, now=clock.now())
    since = clock.advance(timedelta(minutes=1))
    breached = await add_event(database, "sla.breached", {"n": 2}, now=clock.now())
    clock.advance(timedelta(minutes=1))
    warned = await add_event(database, "sla.warning", {"n": 3}, now=clock.now())

    async def ids(params: list[tuple[str, str]]) -> list[str]:
        response = await client.get("/v1/events", headers=headers, params=tuple(params))
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids([]) == [str(warned), str(breached), str(created)]
    assert await ids([("type", "sla.breached"), ("type", "ticket.created")]) == [
        str(breached), str(created),
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
    event_id = await add_event(database, "feedback.created", {"rating": 5}, now=clock.now())

    response = await client.get(f"/v1/events/{event_id}", headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["type"], body["data"]) == (
        str(event_id), "feedback.created", {"rating": 5},
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
