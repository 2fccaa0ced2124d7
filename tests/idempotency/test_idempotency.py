from datetime import timedelta

import httpx
from sqlalchemy import func, select

from app.auth.scopes import Scope
from app.idempotency.errors import IdempotencyKeyInFlight, IdempotencyKeyReused
from app.idempotency.repository import IdempotencyRepository
from app.kit.db import Database
from app.models import ApiKey, Ticket
from tests.conftest import MakeKey
from tests.factories import create_ticket, post_message, ticket_body
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock


async def _ticket_count(database: Database) -> int:
    async with database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Ticket)) or 0)


async def test_same_key_and_body_replays_the_stored_answer(
    client: httpx.AsyncClient, admin_headers: dict[str, str], database: Database
) -> None:
    headers = {**admin_headers, "Idempotency-Key": "order-42-ticket"}
    first = await client.post("/v1/tickets", json=ticket_body(), headers=headers)
    # Same JSON, other key order and spacing: still the same request.
    reordered = dict(reversed(list(ticket_body().items())))
    second = await client.post("/v1/tickets", json=reordered, headers=headers)
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await _ticket_count(database) == 1


async def test_same_key_with_another_body_is_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str], database: Database
) -> None:
    headers = {**admin_headers, "Idempotency-Key": "k1"}
    await client.post("/v1/tickets", json=ticket_body(), headers=headers)
    response = await client.post("/v1/tickets", json=ticket_body(subject="Other"), headers=headers)
    assert_problem(response, 422, "/idempotency-key", problem=IdempotencyKeyReused)
    assert await _ticket_count(database) == 1


async def test_same_key_on_another_route_is_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    headers = {**admin_headers, "Idempotency-Key": "k1"}
    ticket = await create_ticket(client, headers)
    assert_problem(await post_message(client, headers, ticket, body="hi"), 422)


async def test_keys_are_scoped_to_the_api_key(
    client: httpx.AsyncClient, make_key: MakeKey, database: Database
) -> None:
    for _ in range(2):
        key = await make_key(Scope.TICKETS_WRITE)
        headers = {**bearer(key), "Idempotency-Key": "shared-key"}
        response = await client.post("/v1/tickets", json=ticket_body(), headers=headers)
        assert response.status_code == 201
        assert "idempotent-replayed" not in response.headers
    assert await _ticket_count(database) == 2


async def test_a_request_in_flight_makes_the_duplicate_409(
    client: httpx.AsyncClient, admin_headers: dict[str, str], database: Database
) -> None:
    async with database.sessionmaker() as session:
        admin_id = await session.scalar(select(ApiKey.id))
    assert admin_id is not None
    async with database.sessionmaker() as holder, holder.begin():
        # Another transaction holds the key, as the first of two concurrent requests would.
        assert await IdempotencyRepository(holder).try_lock(admin_id, "busy-key")
        response = await client.post(
            "/v1/tickets",
            json=ticket_body(),
            headers={**admin_headers, "Idempotency-Key": "busy-key"},
        )
    assert_problem(response, 409, problem=IdempotencyKeyInFlight)
    assert await _ticket_count(database) == 0


async def test_a_failed_request_stores_nothing_so_a_fixed_retry_goes_through(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    headers = {**admin_headers, "Idempotency-Key": "retry-me"}
    bad = await client.post("/v1/tickets", json=ticket_body(channel="fax"), headers=headers)
    good = await client.post("/v1/tickets", json=ticket_body(), headers=headers)
    assert (bad.status_code, good.status_code) == (422, 201)
    assert "idempotent-replayed" not in good.headers


async def test_an_expired_key_is_a_new_request(
    client: httpx.AsyncClient,
    admin_headers: dict[str, str],
    clock: MutableClock,
    database: Database,
) -> None:
    headers = {**admin_headers, "Idempotency-Key": "old"}
    await client.post("/v1/tickets", json=ticket_body(), headers=headers)
    clock.advance(timedelta(hours=24, seconds=1))
    again = await client.post("/v1/tickets", json=ticket_body(), headers=headers)
    assert again.status_code == 201
    assert "idempotent-replayed" not in again.headers
    assert await _ticket_count(database) == 2


async def test_invalid_keys_are_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    for bad_key in ("", "x" * 256, "has space"):
        response = await client.post(
            "/v1/tickets", json=ticket_body(), headers={**admin_headers, "Idempotency-Key": bad_key}
        )
        assert_problem(response, 422, "/idempotency-key")
