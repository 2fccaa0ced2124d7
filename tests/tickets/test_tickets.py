import asyncio
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text

from app.auth.scopes import Scope
from app.kit.db import Database, DriverQuery
from app.kit.errors import RequestInvalid
from app.models import Event, TicketMessage
from app.tickets.errors import (
    AlreadyAtTierTwo,
    TicketClosed,
    TicketNotFound,
    TicketTransitionNotAllowed,
)
from app.tickets.schemas import TAG_PATTERN
from tests.conftest import MakeKey
from tests.factories import create_order, create_ticket, post_message, ticket_body
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]


async def _patch(
    client: httpx.AsyncClient, headers: Headers, ticket: dict[str, Any], **body: Any
) -> httpx.Response:
    return await client.patch(f"/v1/tickets/{ticket['id']}", json=body, headers=headers)


async def _event_types(database: Database) -> list[str]:
    async with database.sessionmaker() as session:
        rows = await session.scalars(select(Event.type).order_by(Event.created_at, Event.id))
        return list(rows)


async def test_create_ticket_records_first_message_and_event(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, clock: MutableClock
) -> None:
    ticket = await create_ticket(client, admin_headers, tags=["Delivery", "delivery", "vip"])
    assert ticket["status"] == "new"
    assert ticket["tier"] == 1
    assert ticket["number"] >= 1
    assert ticket["tags"] == ["delivery", "vip"]
    assert ticket["customer"]["external_ref"] == "cust-1"
    assert ticket["awaiting_reply_since"] is not None
    messages = (
        await client.get(f"/v1/tickets/{ticket['id']}/messages", headers=admin_headers)
    ).json()["items"]
    assert [(m["author_type"], m["body"]) for m in messages] == [
        ("customer", "I ordered a week ago and nothing arrived.")
    ]
    assert await _event_types(database) == ["ticket.created"]


async def test_ticket_numbers_increase(client: httpx.AsyncClient, admin_headers: Headers) -> None:
    first = await create_ticket(client, admin_headers)
    second = await create_ticket(client, admin_headers)
    assert second["number"] == first["number"] + 1


async def test_ticket_links_its_order(client: httpx.AsyncClient, admin_headers: Headers) -> None:
    await create_order(client, admin_headers, "ord-9")
    ticket = await create_ticket(client, admin_headers, order_external_ref="ord-9")
    assert ticket["order"]["external_ref"] == "ord-9"


@pytest.mark.parametrize(
    ("order_customer", "detail"),
    [(None, "no order"), ("someone-else", "another customer")],
)
async def test_ticket_with_unknown_or_foreign_order_is_422(
    client: httpx.AsyncClient, admin_headers: Headers, order_customer: str | None, detail: str
) -> None:
    if order_customer:
        customer = {"external_ref": order_customer}
        await create_order(client, admin_headers, "ord-9", customer=customer)
    response = await client.post(
        "/v1/tickets", json=ticket_body(order_external_ref="ord-9"), headers=admin_headers
    )
    assert_problem(response, 422, "/order_external_ref")
    assert detail in response.json()["detail"]


async def test_get_ticket_by_id_or_number(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    by_id = await client.get(f"/v1/tickets/{ticket['id']}", headers=admin_headers)
    by_number = await client.get(f"/v1/tickets/{ticket['number']}", headers=admin_headers)
    assert by_id.json() == by_number.json()
    def without_expectations(shown: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in shown.items() if key != "expectations"}

    assert without_expectations(by_id.json()) == without_expectations(ticket)


@pytest.mark.parametrize(
    ("ref", "status"), [("not-a-ref", 422), ("99999999999999999999", 422), ("999", 404)]
)
async def test_bad_or_unknown_ticket_ref(
    client: httpx.AsyncClient, admin_headers: Headers, ref: str, status: int
) -> None:
    response = await client.get(f"/v1/tickets/{ref}", headers=admin_headers)
    assert_problem(response, status, "/ticket_id" if status == 422 else None)


async def test_first_public_agent_reply_opens_and_counts(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock, database: Database
) -> None:
    ticket = await create_ticket(client, admin_headers)
    first_reply_at = clock.advance(timedelta(minutes=30))
    assert (await post_message(client, admin_headers, ticket)).status_code == 201
    clock.advance(timedelta(minutes=5))
    await post_message(client, admin_headers, ticket, public=False, body="note to self")
    await post_message(client, admin_headers, ticket, body="Tracking: 123")
    current = (await client.get(f"/v1/tickets/{ticket['id']}", headers=admin_headers)).json()
    assert current["status"] == "open"
    assert current["first_responded_at"] == first_reply_at.isoformat().replace("+00:00", "Z")
    assert current["public_agent_reply_count"] == 2
    assert current["awaiting_reply_since"] is None
    assert await _event_types(database) == [
        "ticket.created",
        "ticket.message_created",
        "ticket.status_changed",
        "ticket.message_created",
        "ticket.message_created",
    ]


async def test_customer_message_waits_for_an_answer_and_reopens_a_solved_ticket(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    ticket = await create_ticket(client, admin_headers)
    await post_message(client, admin_headers, ticket)
    assert (await _patch(client, admin_headers, ticket, status="solved")).status_code == 200
    asked_at = clock.advance(timedelta(hours=2))
    response = await post_message(
        client, admin_headers, ticket, author_type="customer", body="Still no"
    )
    assert response.status_code == 201
    current = (await client.get(f"/v1/tickets/{ticket['id']}", headers=admin_headers)).json()
    assert current["status"] == "open"
    assert current["reopen_count"] == 1
    assert current["solved_at"] is None
    assert current["first_solved_at"] is not None
    assert current["awaiting_reply_since"] == asked_at.isoformat().replace("+00:00", "Z")


async def test_customer_answer_moves_pending_to_open(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    await _patch(client, admin_headers, ticket, status="pending")
    await post_message(
        client, admin_headers, ticket, author_type="customer", body="Here is the photo"
    )
    current = (await client.get(f"/v1/tickets/{ticket['id']}", headers=admin_headers)).json()
    assert current["status"] == "open"
    assert current["reopen_count"] == 0


async def test_customers_cannot_write_internal_notes(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    response = await post_message(
        client, admin_headers, ticket, author_type="customer", public=False
    )
    assert_problem(response, 422, "/public")


async def test_closed_ticket_accepts_no_messages_and_no_changes(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    await _patch(client, admin_headers, ticket, status="solved")
    closed = await _patch(client, admin_headers, ticket, status="closed")
    assert closed.json()["closed_at"] is not None
    assert_problem(await post_message(client, admin_headers, ticket), 409, problem=TicketClosed)
    reopened = await _patch(client, admin_headers, ticket, status="open")
    assert_problem(reopened, 409, problem=TicketClosed)
    escalation = await client.post(
        f"/v1/tickets/{ticket['id']}/escalate", json={"reason": "x"}, headers=admin_headers
    )
    assert_problem(escalation, 409, problem=TicketClosed)


@pytest.mark.parametrize(("path", "target"), [([], "closed"), (["solved", "closed"], "pending")])
async def test_transitions_not_allowed_are_422(
    client: httpx.AsyncClient, admin_headers: Headers, path: list[str], target: str
) -> None:
    ticket = await create_ticket(client, admin_headers)
    for step in path[:-1]:
        await _patch(client, admin_headers, ticket, status=step)
    if path:
        await _patch(client, admin_headers, ticket, status=path[-1])
    response = await _patch(client, admin_headers, ticket, status=target)
    if path and path[-1] == "closed":
        assert_problem(response, 409, problem=TicketClosed)
    else:
        assert_problem(response, 422, "/status", problem=TicketTransitionNotAllowed)


async def test_solving_records_times_and_reopening_counts(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock, database: Database
) -> None:
    ticket = await create_ticket(client, admin_headers)
    first_solve = clock.advance(timedelta(hours=1))
    solved = (await _patch(client, admin_headers, ticket, status="solved")).json()
    assert solved["solved_at"] == solved["first_solved_at"]
    clock.advance(timedelta(hours=1))
    reopened = (await _patch(client, admin_headers, ticket, status="open")).json()
    assert reopened["reopen_count"] == 1
    clock.advance(timedelta(hours=1))
    solved_again = (await _patch(client, admin_headers, ticket, status="solved")).json()
    assert solved_again["first_solved_at"] == first_solve.isoformat().replace("+00:00", "Z")
    assert solved_again["solved_at"] != solved_again["first_solved_at"]
    assert (await _event_types(database)).count("ticket.status_changed") == 3


async def test_update_priority_assignee_tags_records_changes(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    ticket = await create_ticket(client, admin_headers, assignee="agent-7")
    updated = await _patch(
        client, admin_headers, ticket, priority="urgent", assignee=None, tags=["Refund"]
    )
    assert updated.status_code == 200
    assert (updated.json()["priority"], updated.json()["assignee"]) == ("urgent", None)
    assert updated.json()["tags"] == ["refund"]
    async with database.sessionmaker() as session:
        event = await session.scalar(select(Event).where(Event.type == "ticket.updated"))
    assert event is not None
    assert event.data["changes"] == {
        "priority": {"from": "normal", "to": "urgent"},
        "assignee": {"from": "agent-7", "to": None},
        "team": None,
        "tags": {"from": [], "to": ["refund"]},
    }


async def test_an_update_that_changes_nothing_records_nothing(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    ticket = await create_ticket(client, admin_headers)
    response = await _patch(client, admin_headers, ticket, priority="normal", status="new")
    assert response.status_code == 200
    assert await _event_types(database) == ["ticket.created"]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({}, None),
        ({"priority": None}, "/priority"),
        ({"status": "lost"}, "/status"),
        ({"tier": 2}, "/tier"),
        ({"tags": ["no spaces"]}, "/tags/0"),
    ],
)
async def test_invalid_updates_are_422(
    client: httpx.AsyncClient, admin_headers: Headers, body: dict[str, Any], pointer: str | None
) -> None:
    ticket = await create_ticket(client, admin_headers)
    assert_problem(await _patch(client, admin_headers, ticket, **body), 422, pointer)


async def test_escalation_moves_to_tier_two_once(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    ticket = await create_ticket(client, admin_headers)
    url = f"/v1/tickets/{ticket['id']}/escalate"
    escalated = await client.post(url, json={"reason": "angry VIP"}, headers=admin_headers)
    assert escalated.status_code == 200
    assert (escalated.json()["tier"], escalated.json()["escalation_reason"]) == (2, "angry VIP")
    again = await client.post(url, json={"reason": "again"}, headers=admin_headers)
    assert_problem(again, 409, problem=AlreadyAtTierTwo)
    assert_problem(
        await client.post(url, json={"reason": ""}, headers=admin_headers), 422, "/reason",
        problem=RequestInvalid,
    )
    assert (await _event_types(database)).count("ticket.escalated") == 1


async def test_timeline_lists_the_ticket_events_oldest_first(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    ticket = await create_ticket(client, admin_headers)
    other = await create_ticket(client, admin_headers)
    clock.advance(timedelta(minutes=1))
    await post_message(client, admin_headers, ticket)
    clock.advance(timedelta(minutes=1))
    await _patch(client, admin_headers, ticket, assignee="agent-1")
    clock.advance(timedelta(minutes=1))
    await client.post(
        f"/v1/tickets/{ticket['id']}/escalate", json={"reason": "hard"}, headers=admin_headers
    )
    await post_message(client, admin_headers, other)
    timeline = (
        await client.get(f"/v1/tickets/{ticket['number']}/events", headers=admin_headers)
    ).json()["items"]
    assert [event["type"] for event in timeline] == [
        "ticket.created",
        "ticket.message_created",
        "ticket.status_changed",
        "ticket.updated",
        "ticket.escalated",
    ]
    assert {event["data"]["ticket"]["id"] for event in timeline} == {ticket["id"]}
    paged, cursor = [], ""
    while cursor is not None:
        page = (await client.get(
            f"/v1/tickets/{ticket['id']}/events", params={"limit": 2, "cursor": cursor},
            headers=admin_headers,
        )).json()
        assert len(page["items"]) <= 2
        paged += page["items"]
        cursor = page["next_cursor"]
    assert paged == timeline
    for unknown in ("99999", "0190c0de-0000-7000-8000-000000000000"):
        missing = await client.get(f"/v1/tickets/{unknown}/events", headers=admin_headers)
        assert_problem(missing, 404, problem=TicketNotFound)


async def test_twenty_parallel_replies_keep_counters_exact(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    ticket = await create_ticket(client, admin_headers)
    replies = await asyncio.gather(
        *(post_message(client, admin_headers, ticket, body=f"reply {n}") for n in range(20))
    )
    assert [reply.status_code for reply in replies] == [201] * 20
    current = (await client.get(f"/v1/tickets/{ticket['id']}", headers=admin_headers)).json()
    assert current["public_agent_reply_count"] == 20
    async with database.sessionmaker() as session:
        stored = await session.scalar(select(func.count()).select_from(TicketMessage))
    assert stored == 21


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"subject": "x" * 251}, "/subject"),
        ({"subject": "   "}, "/subject"),
        ({"description": ""}, "/description"),
        ({"description": "x" * 20_001}, "/description"),
        ({"channel": "pigeon"}, "/channel"),
        ({"priority": "critical"}, "/priority"),
        ({"tags": ["ok"] * 21}, "/tags"),
        ({"tags": ["bad tag"]}, "/tags/0"),
        ({"customer": {}}, "/customer/external_ref"),
        ({"status": "open"}, "/status"),
        ({"customer": {"external_ref": "c", "vip": True}}, "/customer/vip"),
    ],
)
async def test_invalid_ticket_names_the_field(
    client: httpx.AsyncClient, admin_headers: Headers, overrides: dict[str, Any], pointer: str
) -> None:
    response = await client.post(
        "/v1/tickets", json=ticket_body(**overrides), headers=admin_headers
    )
    assert_problem(response, 422, pointer)


async def test_ticket_scopes(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    reader = bearer(await make_key(Scope.TICKETS_READ))
    writer = bearer(await make_key(Scope.TICKETS_WRITE))
    assert (await client.post("/v1/tickets", json=ticket_body(), headers=reader)).status_code == 403
    ticket = await create_ticket(client, writer)
    assert (await client.get(f"/v1/tickets/{ticket['id']}", headers=reader)).status_code == 200
    assert (await client.get("/v1/tickets", headers=writer)).status_code == 403


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"subject": "nul\u0000byte"}, "/subject"),
        ({"customer": {"external_ref": "c", "name": "A\u0000"}}, "/customer/name"),
        ({"tags": ["ok"], "assignee": "agent\u0000"}, "/assignee"),
    ],
)
async def test_nul_characters_are_refused_naming_the_field(
    client: httpx.AsyncClient, admin_headers: Headers, overrides: dict[str, Any], pointer: str
) -> None:
    response = await client.post(
        "/v1/tickets", json=ticket_body(**overrides), headers=admin_headers
    )
    assert_problem(response, 422, pointer)
    assert "NUL" in response.text


async def test_ticket_number_zero_is_not_found(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    assert_problem(await client.get("/v1/tickets/0", headers=admin_headers), 404)


def test_create_and_update_show_the_same_tag_pattern(app: FastAPI) -> None:
    schemas = app.openapi()["components"]["schemas"]
    create = schemas["TicketCreate"]["properties"]["tags"]
    update = schemas["TicketUpdate"]["properties"]["tags"]["anyOf"][0]
    assert create["items"]["pattern"] == update["items"]["pattern"] == TAG_PATTERN


async def test_update_trims_and_lowers_tags_as_creation_does(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    response = await client.patch(
        f"/v1/tickets/{ticket['id']}", json={"tags": [" Refund ", "refund"]}, headers=admin_headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["tags"] == ["refund"]
    refused = await client.patch(
        f"/v1/tickets/{ticket['id']}", json={"tags": ["\u212aelvin"]}, headers=admin_headers
    )
    assert_problem(refused, 422, "/tags/0")


async def test_a_new_ticket_with_a_key_is_a_read_then_one_write_without_a_transaction(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    policy = {"name": "Standard", "targets": {"first_response": {"target_minutes": 60}}}
    assert (await client.post("/v1/sla-policies", json=policy, headers=admin_headers)).is_success
    endpoint = {"url": "http://127.0.0.1:9/hook", "event_types": ["ticket.created"]}
    created = await client.post("/v1/webhook-endpoints", json=endpoint, headers=admin_headers)
    assert created.status_code == 201, created.text
    statements: list[tuple[str, bool]] = []
    run = Database.fetch_row_on

    async def counted(
        connection: asyncpg.Connection, query: DriverQuery, values: Mapping[str, Any]
    ) -> asyncpg.Record | None:
        statements.append((query.sql, connection.is_in_transaction()))
        return await run(connection, query, values)

    monkeypatch.setattr(Database, "fetch_row_on", staticmethod(counted))
    headers = {**admin_headers, "Idempotency-Key": "one-statement"}
    answer = await client.post("/v1/tickets", json=ticket_body(), headers=headers)
    monkeypatch.undo()
    assert answer.status_code == 201, answer.text
    # What the answer is made from (customer, order, stored answer, number); then every write,
    # each statement its own transaction (no BEGIN and COMMIT round trips).
    assert len(statements) == 2, [sql[:80] for sql, _ in statements]
    (lookup, lookup_in_transaction), (write, write_in_transaction) = statements
    assert not lookup_in_transaction
    assert not write_in_transaction
    assert "INSERT " not in lookup
    assert "nextval(" in lookup
    assert "pg_try_advisory_xact_lock" in write
    tables = (
        "customers", "tickets", "ticket_messages", "ticket_slas", "sla_targets", "events",
        "webhook_deliveries", "idempotency_keys",
    )
    for table in tables:
        assert f"INSERT INTO {table} " in write, table
    async with database.sessionmaker() as session:
        counts = {
            table: await session.scalar(text(f"SELECT count(*) FROM {table}"))  # noqa: S608
            for table in ("ticket_slas", "sla_targets", "webhook_deliveries", "idempotency_keys")
        }
    assert counts == {
        "ticket_slas": 1, "sla_targets": 1, "webhook_deliveries": 1, "idempotency_keys": 1,
    }
    replay = await client.post("/v1/tickets", json=ticket_body(), headers=headers)
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.content == answer.content  # byte for byte: the answer is stored as sent
