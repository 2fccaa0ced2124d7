"""Every event type, recorded through the real flows, is stored as the OpenAPI document's
`webhooks` section and the catalogue's payload model say: what is sent cannot drift from what
is documented. A new event type needs a flow here (the first test fails until it has one)."""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import pytest
from sqlalchemy import select

from app.auth.scopes import Scope
from app.config import Settings
from app.events.catalogue import CATALOGUE, PAYLOADS
from app.events.schemas import ENVELOPES, EventEnvelope, EventOut
from app.events.types import EventData, EventType
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Customer, Event
from app.orders.tasks import DeliveryRiskWatch, watch_overdue_deliveries
from app.sla.tasks import sweep_sla_targets
from app.surveys.tasks import remind_unanswered_invitations
from app.tickets.service import close_solved_tickets
from app.webhooks.delivery import disable_endpoint
from tests.conftest import MakeKey
from tests.factories import (
    add_deliveries,
    add_order,
    add_policy,
    answer_survey,
    create_article,
    create_endpoint,
    create_feedback,
    create_invitation,
    create_ticket,
    policy_target,
    post_message,
)
from tests.support.api import bearer
from tests.support.clock import MutableClock

DOCUMENT = json.loads((Path(__file__).parents[2] / "openapi" / "openapi.json").read_text())
DAY, HOUR, MINUTE = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)


@dataclass
class Flow:
    client: httpx.AsyncClient
    headers: dict[str, str]
    database: Database
    clock: MutableClock
    jobs: JobContext
    customer: Customer


async def tickets_and_their_sla(flow: Flow) -> None:
    """ticket.*, sla.warning and sla.breached, and the auto-close's status change."""
    client, headers = flow.client, flow.headers
    await add_policy(flow.database, flow.clock.now(), targets={
        "first_response": policy_target(60, warn=15),
    })
    answered = await create_ticket(client, headers, assignee="agent-7", tags=["refund"])
    assert (await post_message(client, headers, answered)).status_code == 201
    url = f"/v1/tickets/{answered['id']}"
    for change in ({"priority": "urgent", "assignee": None}, {"status": "solved"}):
        assert (await client.patch(url, json=change, headers=headers)).status_code == 200
    escalated = await client.post(f"{url}/escalate", json={"reason": "VIP"}, headers=headers)
    assert escalated.status_code == 200, escalated.text
    unanswered = await create_ticket(client, headers, subject="Still waiting")
    for minutes in (50, 70):
        flow.clock.set(flow.clock.now() + minutes * MINUTE)
        await sweep_sla_targets(flow.jobs)
    async with flow.jobs.transaction() as session:
        assert await close_solved_tickets(session, flow.clock.now(), timedelta(0), 10) == 1
    assert unanswered["status"] == "new"


async def an_overdue_delivery(flow: Flow) -> None:
    now = flow.clock.now()
    await add_order(
        flow.database, flow.customer, "ord-late", now - 5 * DAY, status="shipped",
        promised_delivery_at=now - DAY,
    )
    assert await watch_overdue_deliveries(flow.jobs) == 1


async def a_delivery_at_risk(flow: Flow) -> None:
    now = flow.clock.now()
    await add_deliveries(flow.database, flow.customer, ("dhl", "express", "DE"), now - 9 * DAY,
                         [hours * HOUR for hours in range(1, 41)])
    await add_order(
        flow.database, flow.customer, "ord-at-risk", now - 2 * DAY, status="shipped",
        carrier="dhl", service_level="express", destination_country="DE",
        shipped_at=now - 25 * HOUR, promised_delivery_at=now + 5 * HOUR, risk_check_at=now,
    )
    assert await DeliveryRiskWatch(flow.jobs.settings)(flow.jobs) == 1


async def a_survey_answered_low_and_its_feedback(flow: Flow) -> None:
    invitation = await create_invitation(flow.client, flow.headers)
    answered = await answer_survey(
        flow.client, invitation["token"], {"satisfaction": 2, "expectations_met": False}
    )
    assert answered.status_code == 201, answered.text
    feedback = await create_feedback(flow.client, flow.headers, rating=2)
    changed = await flow.client.patch(
        f"/v1/feedback/{feedback['id']}", json={"status": "acknowledged", "area": "delivery"},
        headers=flow.headers,
    )
    assert changed.status_code == 200, changed.text


async def an_unanswered_survey_reminded(flow: Flow) -> None:
    await create_invitation(flow.client, flow.headers, "support-csat")
    flow.clock.advance(timedelta(days=flow.jobs.settings.survey_reminder_after_days))
    assert await remind_unanswered_invitations(flow.jobs) == 1


async def an_article_published_and_updated(flow: Flow) -> None:
    article = await create_article(flow.client, flow.headers, status="published")
    changed = await flow.client.patch(
        f"/v1/articles/{article['id']}", json={"body": "Now with a _new_ paragraph."},
        headers=flow.headers,
    )
    assert changed.status_code == 200, changed.text


async def a_disabled_endpoint(flow: Flow) -> None:
    endpoint = await create_endpoint(flow.client, flow.headers, "http://127.0.0.1:9/hooks")
    async with flow.jobs.transaction() as session:
        assert await disable_endpoint(session, endpoint["id"], "410 Gone", flow.clock.now())


FLOWS: list[Callable[[Flow], Awaitable[None]]] = [
    tickets_and_their_sla,
    an_overdue_delivery,
    a_delivery_at_risk,
    a_survey_answered_low_and_its_feedback,
    an_unanswered_survey_reminded,
    an_article_published_and_updated,
    a_disabled_endpoint,
]


def test_the_catalogue_has_one_payload_per_event_type() -> None:
    assert [payload.event_type for payload in PAYLOADS] == list(EventType)
    assert all(kind.description for kind in CATALOGUE.values())
    documented = {payload.__name__ for payload in _subclasses(EventData)}
    assert documented <= {payload.__name__ for payload in PAYLOADS} | {
        "TicketEventData", "SlaTargetEventData",  # bases of several payloads
    }


def _subclasses(cls: type[EventData]) -> list[type[EventData]]:
    return [sub for child in cls.__subclasses__() for sub in [child, *_subclasses(child)]]


def test_the_document_has_a_webhook_per_event_type_with_its_typed_envelope() -> None:
    assert list(DOCUMENT["webhooks"]) == list(EventType)
    for event_type, operation in DOCUMENT["webhooks"].items():
        body = operation["post"]["requestBody"]["content"]["application/json"]["schema"]
        envelope = DOCUMENT["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
        assert envelope["properties"]["type"]["const"] == event_type
        assert envelope["properties"]["data"]["$ref"].endswith(
            CATALOGUE[EventType(event_type)].payload.__name__
        )


@pytest.fixture
async def recorded(
    client: httpx.AsyncClient,
    make_key: MakeKey,
    database: Database,
    clock: MutableClock,
    settings: Settings,
    customer: Customer,
) -> list[Event]:
    flow = Flow(
        client, bearer(await make_key(Scope.ADMIN)), database, clock,
        JobContext(database, clock, settings), customer,
    )
    for run in FLOWS:
        await run(flow)
    async with database.sessionmaker() as session:
        return list((await session.scalars(select(Event).order_by(Event.created_at))).all())


async def test_every_event_type_is_recorded_by_a_flow(recorded: list[Event]) -> None:
    assert {event.type for event in recorded} == set(EventType)


async def test_every_stored_payload_is_valid_against_the_document(recorded: list[Event]) -> None:
    for event in recorded:
        sent = EventEnvelope(
            id=event.id, type=event.type, created_at=event.created_at, data=event.data
        ).model_dump(mode="json")
        errors = [error.message for error in _webhook_validator(event.type).iter_errors(sent)]
        assert errors == [], (event.type, errors)


async def test_every_stored_payload_is_exactly_its_model(recorded: list[Event]) -> None:
    """Read back through its model, nothing is lost or added (no key the model lacks)."""
    for event in recorded:
        typed = ENVELOPES[event.type].model_validate(_envelope(event))
        assert typed.model_dump(mode="json", by_alias=True)["data"] == event.data, event.type
        assert EventOut.model_validate(_envelope(event)).root == typed


async def test_sla_events_carry_the_ticket_and_the_target(recorded: list[Event]) -> None:
    [warning] = [event for event in recorded if event.type == EventType.SLA_WARNING]
    [breach] = [event for event in recorded if event.type == EventType.SLA_BREACHED]
    assert warning.data["ticket"] == breach.data["ticket"]
    ticket = breach.data["ticket"]
    assert (ticket["subject"], ticket["status"], ticket["priority"], ticket["channel"]) == (
        "Still waiting", "new", "normal", "email",
    )
    assert (ticket["tier"], ticket["assignee"], ticket["customer"]["external_ref"]) == (
        1, None, "cust-1",
    )
    assert breach.data["metric"] == warning.data["metric"] == "first_response"
    assert breach.data["breached_at"] == breach.data["due_at"] == warning.data["due_at"]
    assert warning.data["breached_at"] is None


def _envelope(event: Event) -> dict[str, Any]:
    return {"id": event.id, "type": event.type, "created_at": event.created_at,
            "data": event.data}


def _webhook_validator(event_type: str) -> jsonschema_rs.Validator:
    operation = DOCUMENT["webhooks"][event_type]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    return jsonschema_rs.Draft202012Validator(
        {**schema, "components": DOCUMENT["components"]}
    )
