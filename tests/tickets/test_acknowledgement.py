"""A new ticket's answer and its `ticket.created` event say what was promised, with a sentence
ready for the customer in their language and time zone."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.config import Settings
from app.kit.db import Database
from app.main import create_app
from tests.factories import create_ticket, events_of_type, policy_target, ticket_body
from tests.support.clock import MutableClock

Headers = dict[str, str]
MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
BERLIN_OFFICE = {
    "name": "Berlin office",
    "timezone": "Europe/Berlin",
    "weekly_hours": {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
}


async def _policy(client: httpx.AsyncClient, headers: Headers, **fields: Any) -> None:
    body = {"name": "Standard", **fields}
    response = await client.post("/v1/sla-policies", json=body, headers=headers)
    assert response.status_code == 201, response.text


async def test_the_answer_promises_a_reply_in_the_customers_words(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    clock.set(MONDAY_9)
    await _policy(client, admin_headers, targets={
        "first_response": policy_target(60 * 24), "resolution": policy_target(60 * 72),
    })
    customer = {"external_ref": "cust-1", "locale": "de-DE", "time_zone": "Europe/Berlin"}
    ticket = await create_ticket(client, admin_headers, customer=customer)
    expectations = ticket["expectations"]
    assert expectations == {
        "policy_name": "Standard",
        "first_response": {"due_at": "2026-12-01T09:00:00Z", "business_hours": False},
        "resolution": {"due_at": "2026-12-03T09:00:00Z", "business_hours": False},
        "locale": "de-DE",
        "time_zone": "Europe/Berlin",
        "sentence": "Wir antworten bis Dienstag, 1. Dezember, 10:00.",
    }


async def test_business_hours_are_said_and_counted(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    friday_16 = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # 16:00 in Berlin, one hour left
    clock.set(friday_16)
    calendar = await client.post(
        "/v1/business-calendars", json=BERLIN_OFFICE, headers=admin_headers
    )
    assert calendar.status_code == 201, calendar.text
    await _policy(client, admin_headers, calendar_id=calendar.json()["id"], targets={
        "first_response": policy_target(120, business_hours=True),
    })
    customer = {"external_ref": "cust-1", "locale": "en-GB", "time_zone": "Europe/London"}
    ticket = await create_ticket(client, admin_headers, customer=customer)
    first = ticket["expectations"]["first_response"]
    assert first == {"due_at": "2026-12-07T09:00:00Z", "business_hours": True}  # Mon 10:00 CET
    assert ticket["expectations"]["resolution"] is None
    assert ticket["expectations"]["sentence"] == "We'll reply by Monday 7 December, 09:00."


async def test_without_a_policy_the_sentence_promises_no_time(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    assert ticket["expectations"] == {
        "policy_name": None, "first_response": None, "resolution": None,
        "locale": "en", "time_zone": "UTC",
        "sentence": "We have your request and will reply as soon as we can.",
    }


async def test_a_resolution_only_policy_promises_the_resolution(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    clock.set(MONDAY_9)
    await _policy(client, admin_headers, targets={"resolution": policy_target(60 * 48)})
    customer = {"external_ref": "cust-1", "locale": "es", "time_zone": "America/Mexico_City"}
    ticket = await create_ticket(client, admin_headers, customer=customer)
    assert ticket["expectations"]["sentence"] == (
        "Queremos resolver su solicitud antes del miércoles, 2 de diciembre, 3:00."
    )


async def test_the_event_and_the_replay_carry_the_same_expectations(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock, database: Database
) -> None:
    clock.set(MONDAY_9)
    await _policy(client, admin_headers, targets={"first_response": policy_target(90)})
    headers = {**admin_headers, "Idempotency-Key": "ack-1"}
    customer = {"external_ref": "cust-1", "locale": "fr"}
    body = ticket_body(customer=customer)
    first = await client.post("/v1/tickets", json=body, headers=headers)
    clock.advance(timedelta(minutes=30))
    replay = await client.post("/v1/tickets", json=body, headers=headers)
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["expectations"] == first.json()["expectations"]
    assert first.json()["expectations"]["sentence"] == (
        "Nous vous répondrons d'ici le lundi 30 novembre, 10:30."
    )
    [event] = await events_of_type(database, "ticket.created")
    assert event.data["expectations"] == first.json()["expectations"]


async def test_the_default_language_and_zone_come_from_settings(
    settings: Settings, database: Database, clock: MutableClock, admin_headers: Headers
) -> None:
    clock.set(MONDAY_9)
    shop = settings.model_copy(
        update={"default_locale": "es-ES", "default_time_zone": "Atlantic/Canary"}
    )
    app = create_app(shop, database=database, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await _policy(client, admin_headers, targets={"first_response": policy_target(60)})
        ticket = await create_ticket(client, admin_headers)
    assert ticket["expectations"]["locale"] == "es-ES"
    assert ticket["expectations"]["time_zone"] == "Atlantic/Canary"
    assert ticket["expectations"]["sentence"] == (
        "Le responderemos antes del lunes, 30 de noviembre, 10:00."
    )
