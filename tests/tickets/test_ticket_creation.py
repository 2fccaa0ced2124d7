"""POST /v1/tickets is two statements on the driver connection, no transaction around them
(app/tickets/service.py, `create_ticket`): a read of the customer, the order, the answer stored
under the Idempotency-Key and the ticket's number; then one write of everything, which checks
that what it was planned from still holds. These tests hold it to what separate statements in
a transaction did, and make what it was planned from change between the two."""

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy import func, select

from app.idempotency.service import request_fingerprint
from app.kit.db import Database, DriverQuery, asyncpg_dsn
from app.kit.errors import ForeignReference, UnknownReference
from app.models import Customer, IdempotencyKey, Ticket
from app.tickets.errors import CustomerKeptChanging
from tests.factories import create_order, ticket_body
from tests.support.api import assert_problem
from tests.support.clock import MutableClock

Headers = dict[str, str]


async def _customer(database: Database, external_ref: str) -> Customer | None:
    async with database.sessionmaker() as session:
        return await session.scalar(select(Customer).where(Customer.external_ref == external_ref))


async def _count(database: Database, model: type[Ticket] | type[IdempotencyKey]) -> int:
    async with database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_new_customer_is_written_with_every_detail_given_and_answered_in_its_words(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, clock: MutableClock
) -> None:
    customer = {
        "external_ref": "new-1",
        "email": "lea@example.com",
        "name": "Léa",
        "locale": "fr-FR",
        "time_zone": "Europe/Paris",
    }
    response = await client.post(
        "/v1/tickets", json=ticket_body(customer=customer), headers=admin_headers
    )
    assert response.status_code == 201, response.text
    stored = await _customer(database, "new-1")
    assert stored is not None
    assert (stored.email, stored.name, stored.locale, stored.time_zone) == (
        "lea@example.com",
        "Léa",
        "fr-FR",
        "Europe/Paris",
    )
    assert stored.created_at == stored.updated_at == clock.now()
    answer = response.json()
    assert answer["customer"] == {"id": str(stored.id), **customer}
    assert (answer["expectations"]["locale"], answer["expectations"]["time_zone"]) == (
        "fr-FR",
        "Europe/Paris",
    )
    # The answer is made before the write: it must show the ticket as it was written.
    read = await client.get(f"/v1/tickets/{answer['id']}", headers=admin_headers)
    shown = {name: value for name, value in read.json().items() if name != "expectations"}
    assert shown == {name: value for name, value in answer.items() if name != "expectations"}


async def test_a_known_customer_changes_only_where_a_given_detail_differs(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, clock: MutableClock
) -> None:
    first = {"external_ref": "known-1", "email": "a@example.com", "name": "Ada", "locale": "de"}
    assert (
        await client.post("/v1/tickets", json=ticket_body(customer=first), headers=admin_headers)
    ).status_code == 201
    created = await _customer(database, "known-1")
    assert created is not None
    clock.advance(timedelta(minutes=5))
    # Nothing new (a detail left out keeps the stored one): no write.
    same = {"external_ref": "known-1", "email": "a@example.com"}
    again = await client.post("/v1/tickets", json=ticket_body(customer=same), headers=admin_headers)
    assert again.status_code == 201, again.text
    assert again.json()["customer"]["name"] == "Ada"
    unchanged = await _customer(database, "known-1")
    assert unchanged is not None
    assert unchanged.updated_at == created.updated_at
    # A new e-mail address: updated, the other details kept.
    clock.advance(timedelta(minutes=5))
    moved = {"external_ref": "known-1", "email": "b@example.com"}
    third = await client.post(
        "/v1/tickets", json=ticket_body(customer=moved), headers=admin_headers
    )
    assert third.status_code == 201, third.text
    changed = await _customer(database, "known-1")
    assert changed is not None
    assert (changed.email, changed.name, changed.locale) == ("b@example.com", "Ada", "de")
    assert changed.updated_at == clock.now()
    assert changed.id == created.id
    assert third.json()["customer"]["email"] == "b@example.com"
    assert await _count(database, Ticket) == 3


async def test_a_customer_inserted_meanwhile_by_another_transaction_gets_the_ticket(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, database_url: str
) -> None:
    """The statement's snapshot misses a customer another transaction commits while it waits
    on that row (its INSERT does nothing): it runs again, finds the customer, writes the
    ticket."""
    other = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        transaction = other.transaction()
        await transaction.start()
        customer_id = uuid.uuid4()
        await other.execute(
            "INSERT INTO customers (id, external_ref, email, name, created_at, updated_at)"
            " VALUES ($1, 'race-1', 'first@example.com', 'First', now(), now())",
            customer_id,
        )
        body = ticket_body(customer={"external_ref": "race-1", "email": "first@example.com"})
        posted = asyncio.create_task(client.post("/v1/tickets", json=body, headers=admin_headers))
        await _until_waiting_on_a_lock(other)
        await transaction.commit()
        response = await posted
    finally:
        await other.close()
    assert response.status_code == 201, response.text
    assert response.json()["customer"]["id"] == str(customer_id)
    assert response.json()["customer"]["name"] == "First"
    assert await _count(database, Ticket) == 1


async def _until_waiting_on_a_lock(connection: asyncpg.Connection) -> None:
    for _ in range(500):
        waiting = await connection.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND datname = current_database()"
        )
        if waiting:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the request never waited on the other transaction's row")


async def test_an_order_is_linked_only_when_it_is_the_customers_and_nothing_is_written_else(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    order = await create_order(client, admin_headers, "ord-1")
    linked = await client.post(
        "/v1/tickets", json=ticket_body(order_external_ref="ord-1"), headers=admin_headers
    )
    assert linked.status_code == 201, linked.text
    assert linked.json()["order"] == {"id": order["id"], "external_ref": "ord-1"}
    headers = {**admin_headers, "Idempotency-Key": "foreign-order"}
    foreign = await client.post(
        "/v1/tickets",
        json=ticket_body(order_external_ref="ord-1", customer={"external_ref": "other-1"}),
        headers=headers,
    )
    assert_problem(foreign, 422, "/order_external_ref", problem=ForeignReference)
    unknown = await client.post(
        "/v1/tickets", json=ticket_body(order_external_ref="ord-404"), headers=headers
    )
    assert_problem(unknown, 422, "/order_external_ref", problem=UnknownReference)
    # Rolled back: no ticket, no new customer, no stored answer.
    assert await _count(database, Ticket) == 1
    assert await _customer(database, "other-1") is None
    assert await _count(database, IdempotencyKey) == 0


def _after_the_read(
    monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[], Awaitable[None]]
) -> list[str]:
    """Run `meanwhile` once, between a POST's read and its write; the statements sent."""
    run, sent = Database.fetch_row_on, list[str]()

    async def hooked(
        connection: asyncpg.Connection, query: DriverQuery, values: Mapping[str, Any]
    ) -> asyncpg.Record | None:
        if len(sent) == 1:
            await meanwhile()
        sent.append(query.sql)
        return await run(connection, query, values)

    monkeypatch.setattr(Database, "fetch_row_on", staticmethod(hooked))
    return sent


async def test_a_customer_changed_after_the_read_is_read_again_and_answered_as_it_is(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = {"external_ref": "moving-1", "email": "a@example.com", "locale": "en"}
    assert (
        await client.post("/v1/tickets", json=ticket_body(customer=first), headers=admin_headers)
    ).status_code == 201

    async def change_the_customer() -> None:
        other = await asyncpg.connect(asyncpg_dsn(database_url))
        try:
            await other.execute(
                "UPDATE customers SET locale = 'de', name = 'Ada' WHERE external_ref = 'moving-1'"
            )
        finally:
            await other.close()

    sent = _after_the_read(monkeypatch, change_the_customer)
    body = ticket_body(customer={"external_ref": "moving-1", "email": "a@example.com"})
    response = await client.post("/v1/tickets", json=body, headers=admin_headers)
    monkeypatch.undo()
    assert response.status_code == 201, response.text
    # read, refused write, read again, write
    assert len(sent) == 4
    answer = response.json()
    assert (answer["customer"]["name"], answer["customer"]["locale"]) == ("Ada", "de")
    assert answer["expectations"]["locale"] == "de"
    assert await _count(database, Ticket) == 2


async def test_an_answer_stored_under_the_key_after_the_read_is_replayed_and_nothing_written(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As when a retry of the same request committed between this one's two statements: the
    write fails on the key, undone whole (no customer, ticket or event of it), and the next
    read finds the answer."""
    body = ticket_body(customer={"external_ref": "late-1"})
    stored = {"id": str(uuid.uuid4()), "stored": "by the other request"}

    async def store_an_answer() -> None:
        other = await asyncpg.connect(asyncpg_dsn(database_url))
        try:
            await other.execute(
                "INSERT INTO idempotency_keys (api_key_id, key, request_fingerprint,"
                " response_status, response_body, created_at) SELECT id, 'late', $1, 201, $2,"
                " now() FROM api_keys WHERE name = 'admin'",
                request_fingerprint("POST", "/v1/tickets", json.dumps(body).encode()),
                json.dumps(stored),
            )
        finally:
            await other.close()

    sent = _after_the_read(monkeypatch, store_an_answer)
    headers = {**admin_headers, "Idempotency-Key": "late"}
    response = await client.post("/v1/tickets", json=body, headers=headers)
    monkeypatch.undo()
    assert len(sent) == 3  # read, failed write, read (which finds the answer)
    assert response.status_code == 201, response.text
    assert response.headers["idempotent-replayed"] == "true"
    assert response.json() == stored
    assert await _count(database, Ticket) == 0
    assert await _customer(database, "late-1") is None


async def test_parallel_tickets_of_one_customer_all_land_whatever_details_they_give(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    """Eight new-customer requests race to insert it, then eight give it another e-mail
    address each: every one is written, each answered with the e-mail address it gave (a
    write checks only what it does not set itself)."""
    def body(n: int) -> dict[str, Any]:
        return ticket_body(customer={"external_ref": "busy-1", "email": f"{n}@example.com"})

    async def post(n: int) -> httpx.Response:
        return await client.post("/v1/tickets", json=body(n), headers=admin_headers)

    for batch in (range(8), range(8, 16)):
        responses = await asyncio.gather(*(post(n) for n in batch))
        assert [response.status_code for response in responses] == [201] * 8
        emails = [response.json()["customer"]["email"] for response in responses]
        assert emails == [f"{n}@example.com" for n in batch]
    assert await _count(database, Ticket) == 16
    stored = await _customer(database, "busy-1")
    assert stored is not None
    assert stored.email in {f"{n}@example.com" for n in range(8, 16)}


async def test_a_customer_changed_before_every_write_is_a_409_and_nothing_is_written(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = {"external_ref": "storm-1", "email": "a@example.com"}
    assert (
        await client.post("/v1/tickets", json=ticket_body(customer=first), headers=admin_headers)
    ).status_code == 201
    run, renamed = Database.fetch_row_on, 0

    async def hooked(
        connection: asyncpg.Connection, query: DriverQuery, values: Mapping[str, Any]
    ) -> asyncpg.Record | None:
        nonlocal renamed
        if "pg_try_advisory_xact_lock" in query.sql:  # each write, after its read
            renamed += 1
            other = await asyncpg.connect(asyncpg_dsn(database_url))
            try:
                await other.execute(
                    "UPDATE customers SET name = $1 WHERE external_ref = 'storm-1'", f"N{renamed}"
                )
            finally:
                await other.close()
        return await run(connection, query, values)

    monkeypatch.setattr(Database, "fetch_row_on", staticmethod(hooked))
    response = await client.post("/v1/tickets", json=ticket_body(customer=first), headers={
        **admin_headers, "Idempotency-Key": "storm",
    })
    monkeypatch.undo()
    assert_problem(response, 409, problem=CustomerKeptChanging)
    assert response.headers["retry-after"] == "1"
    assert renamed == 3
    assert await _count(database, Ticket) == 1
    assert await _count(database, IdempotencyKey) == 0
