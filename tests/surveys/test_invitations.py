import hashlib
import re
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from app.kit.db import Database
from app.models import Customer, Event, SurveyInvitation
from tests.factories import add_customer, add_order, add_ticket, create_invitation
from tests.support.clock import MutableClock

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43,}$")  # base64url of at least 256 bits


async def test_an_invitation_returns_a_single_use_link_and_stores_only_its_hash(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
    clock: MutableClock,
) -> None:
    created = await create_invitation(client, survey_headers)

    token = created["token"]
    assert TOKEN_PATTERN.match(token)
    assert created["public_url"] == f"http://127.0.0.1:8000/v1/public/surveys/{token}"
    assert created["template"]["slug"] == "post-purchase"
    assert created["template"]["version"] == 2  # the latest built-in version
    assert created["customer_external_ref"] == "cust-1"
    assert created["expires_at"] == (clock.now() + timedelta(days=28)).isoformat().replace(
        "+00:00", "Z"
    )
    async with database.sessionmaker() as session:
        stored = await session.scalar(select(SurveyInvitation))
    assert stored is not None
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(vars(stored))


async def test_two_invitations_get_different_tokens(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    first = await create_invitation(client, survey_headers)
    second = await create_invitation(client, survey_headers)
    assert first["token"] != second["token"]


async def test_creating_an_invitation_emits_the_event_the_shop_sends_the_email_from(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    created = await create_invitation(client, survey_headers)
    async with database.sessionmaker() as session:
        event = await session.scalar(
            select(Event).where(Event.type == "survey.invitation_created")
        )
    assert event is not None
    assert event.subject_id is not None
    assert str(event.subject_id) == created["id"]
    assert event.data["public_url"] == created["public_url"]
    assert event.data["customer"]["email"] == "ada@example.com"
    assert event.data["invitation"]["template"]["slug"] == "post-purchase"
    assert event.actor_api_key_id is not None


async def test_an_invitation_links_an_order_and_a_ticket_of_the_customer(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    order = await add_order(database, customer, "order-9")
    ticket = await add_ticket(database, customer, order=order)
    created = await create_invitation(
        client, survey_headers, "support-csat",
        order_external_ref="order-9", ticket_id=str(ticket.id),
    )
    assert created["order_external_ref"] == "order-9"
    assert created["ticket_id"] == str(ticket.id)

    listed = await client.get(
        "/v1/survey-invitations", params={"ticket_id": str(ticket.id)}, headers=survey_headers
    )
    [item] = listed.json()["items"]
    assert item["id"] == created["id"]
    assert "token" not in item
    assert "public_url" not in item


async def test_unknown_or_foreign_references_are_422_naming_the_field(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    stranger = await add_customer(database, "cust-2")
    foreign_order = await add_order(database, stranger, "order-of-2")
    foreign_ticket = await add_ticket(database, stranger)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"customer_external_ref": "nobody"}, "/customer_external_ref"),
        ({"order_external_ref": "no-such-order"}, "/order_external_ref"),
        ({"ticket_id": "00000000-0000-0000-0000-000000000000"}, "/ticket_id"),
        ({"order_external_ref": foreign_order.external_ref}, "/order_external_ref"),
        ({"ticket_id": str(foreign_ticket.id)}, "/ticket_id"),
        ({"template": "no-such-template"}, "/template"),
        ({"template_version": 7}, "/template_version"),
        ({"template_version": 662528095725}, "/template_version"),  # past int4: found by fuzzing
        ({"customer_external_ref": None}, "/customer_external_ref"),
    ]
    for overrides, pointer in cases:
        body = {"template": "post-purchase", "customer_external_ref": "cust-1", **overrides}
        response = await client.post("/v1/survey-invitations", json=body, headers=survey_headers)
        assert response.status_code == 422, overrides
        assert response.headers["content-type"] == "application/problem+json"
        assert [error["pointer"] for error in response.json()["errors"]] == [pointer], overrides


async def test_an_invitation_pins_the_template_version_it_was_created_with(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    question = {"key": "q", "type": "yes_no", "prompt": "Arrived on time?", "required": True}
    body = {"slug": "arrival", "name": "Arrival", "questions": [question]}
    await client.post("/v1/survey-templates", json=body, headers=survey_headers)
    pinned = await create_invitation(client, survey_headers, "arrival")
    renamed = {**question, "key": "on_time"}
    await client.post(
        "/v1/survey-templates", json={**body, "questions": [renamed]}, headers=survey_headers
    )
    latest = await create_invitation(client, survey_headers, "arrival")
    explicit_first = await create_invitation(client, survey_headers, "arrival", template_version=1)

    assert pinned["template"]["version"] == 1
    assert latest["template"]["version"] == 2
    assert explicit_first["template"]["version"] == 1
    survey = await client.get(f"/v1/public/surveys/{pinned['token']}")
    assert [q["key"] for q in survey.json()["questions"]] == ["q"]


async def test_an_idempotency_key_replays_the_same_invitation(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    headers = {**survey_headers, "Idempotency-Key": "invite-ada-1"}
    body = {"template": "post-purchase", "customer_external_ref": "cust-1"}
    first = await client.post("/v1/survey-invitations", json=body, headers=headers)
    second = await client.post("/v1/survey-invitations", json=body, headers=headers)
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.json() == first.json()
    async with database.sessionmaker() as session:
        assert len((await session.scalars(select(SurveyInvitation))).all()) == 1


async def test_invitations_are_listed_by_customer_and_template(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    await add_customer(database, "cust-2")
    await create_invitation(client, survey_headers, "post-purchase")
    await create_invitation(client, survey_headers, "support-csat")
    other = await create_invitation(
        client, survey_headers, "support-csat", customer_external_ref="cust-2"
    )

    by_customer = await client.get(
        "/v1/survey-invitations", params={"customer_external_ref": "cust-2"},
        headers=survey_headers,
    )
    by_template = await client.get(
        "/v1/survey-invitations", params={"template": "support-csat"}, headers=survey_headers
    )
    assert [item["id"] for item in by_customer.json()["items"]] == [other["id"]]
    assert len(by_template.json()["items"]) == 2


async def test_invitations_are_listed_by_order(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    await add_order(database, customer, "order-7")
    await add_order(database, customer, "order-8")
    for_order = await create_invitation(client, survey_headers, order_external_ref="order-7")
    await create_invitation(client, survey_headers, order_external_ref="order-8")
    await create_invitation(client, survey_headers)

    async def listed(**params: str) -> list[str]:
        response = await client.get(
            "/v1/survey-invitations", params=params, headers=survey_headers
        )
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await listed(order="order-7") == [for_order["id"]]
    assert await listed(order="no-such-order") == []
    bad = await client.get(
        "/v1/survey-invitations", params={"order": "bad ref!"}, headers=survey_headers
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["pointer"] == "/order"
