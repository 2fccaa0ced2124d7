"""Delivery logs, filters, redelivery; and the pure state machine behind an attempt's result."""

import random
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from app.kit.db import Database
from app.kit.jobs import JobContext
from app.webhooks.dispatcher import WebhookDispatcher
from app.webhooks.errors import WebhookDeliveryInFlight, WebhookEndpointDisabled
from app.webhooks.outcomes import NextStep, next_step
from app.webhooks.sender import RESPONSE_BODY_LIMIT
from app.webhooks.types import DeliveryStatus
from tests.factories import add_event, receiver_endpoint
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver, Reply
from tests.webhooks.conftest import one_delivery

Headers = dict[str, str]


async def test_deliveries_are_listed_with_their_attempts_and_filtered(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/log")
    receiver.route("/log").replies.extend(
        [Reply(status=200, body=b"x" * 5000), Reply(status=500, body="é".encode() * 10)]
    )
    first_at = clock.now()
    ticket_event = await add_event(database, "ticket.created", now=clock.now())
    await dispatcher.deliver_due(context)
    second_at = clock.advance(timedelta(hours=1))
    await add_event(database, "sla.breached", now=clock.now())
    await dispatcher.deliver_due(context)
    path = f"/v1/webhook-endpoints/{endpoint['id']}/deliveries"

    async def listed(**params: str) -> list[str]:
        response = await client.get(path, headers=manage_headers, params=params)
        assert response.status_code == 200, response.text
        return [item["event_type"] for item in response.json()["items"]]

    everything = (await client.get(path, headers=manage_headers)).json()["items"]
    assert [d["event_type"] for d in everything] == ["sla.breached", "ticket.created"]
    breached, created = everything
    assert created["event_id"] == str(ticket_event)
    assert (created["status"], breached["status"]) == ("succeeded", "pending")
    [attempt] = created["attempts"]
    assert attempt["response_body"] == "x" * RESPONSE_BODY_LIMIT
    assert attempt["latency_ms"] >= 0
    assert breached["attempts"][0]["status_code"] == 500
    assert breached["attempts"][0]["response_body"] == "é" * 10

    assert await listed(status="pending") == ["sla.breached"]
    assert await listed(status="succeeded") == ["ticket.created"]
    assert await listed(event_type="ticket.created") == ["ticket.created"]
    assert await listed(since=second_at.isoformat()) == ["sla.breached"]
    assert await listed(until=second_at.isoformat()) == ["ticket.created"]
    assert await listed(since=first_at.isoformat(), until=second_at.isoformat()) == [
        "ticket.created"
    ]
    page = (await client.get(path, headers=manage_headers, params={"limit": 1})).json()
    following = await client.get(
        path, headers=manage_headers, params={"limit": 1, "cursor": page["next_cursor"]}
    )
    assert [d["event_type"] for d in following.json()["items"]] == ["ticket.created"]


@pytest.mark.parametrize(
    ("params", "pointer"),
    [
        ({"status": "lost"}, "/status"),
        ({"event_type": "ticket.deleted"}, "/event_type"),
        ({"since": "2026-01-01T00:00:00"}, "/since"),  # no offset: ambiguous
        ({"until": "yesterday"}, "/until"),
    ],
)
async def test_bad_delivery_filters_are_422_naming_the_parameter(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    params: dict[str, str],
    pointer: str,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/log")
    response = await client.get(
        f"/v1/webhook-endpoints/{endpoint['id']}/deliveries", headers=manage_headers, params=params
    )

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["location"], error["pointer"]) == ("query", pointer)


async def test_redeliver_sends_the_same_message_again(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/again")
    await add_event(database, "feedback.created", now=clock.now())
    await dispatcher.deliver_due(context)
    delivery = await one_delivery(database, endpoint["id"])
    path = f"/v1/webhook-deliveries/{delivery.id}/redeliver"

    response = await client.post(path, headers=manage_headers)
    assert response.status_code == 202
    assert (response.json()["status"], response.json()["attempts_made"]) == ("pending", 0)
    assert len(response.json()["attempts"]) == 1  # the log is kept
    assert await dispatcher.deliver_due(context) == 1

    first, second = receiver.requests("/again")
    assert first.headers["webhook-id"] == second.headers["webhook-id"]  # receivers can dedupe
    assert first.body == second.body
    assert second.verified_by == [endpoint["secret"]]
    delivery = await one_delivery(database, endpoint["id"])
    assert (delivery.status, len(delivery.attempts)) == ("succeeded", 2)

    await client.patch(
        f"/v1/webhook-endpoints/{endpoint['id']}", headers=manage_headers, json={"enabled": False}
    )
    response = await client.post(path, headers=manage_headers)
    assert response.status_code == 409
    assert response.json()["type"] == WebhookEndpointDisabled.type_uri()
    response = await client.post(
        f"/v1/webhook-endpoints/{endpoint['id']}/recover", headers=manage_headers,
        json={"since": "2026-01-01T00:00:00+00:00"},
    )
    assert response.status_code == 409
    assert response.json()["type"] == WebhookEndpointDisabled.type_uri()


async def test_a_delivery_in_flight_cannot_be_redelivered(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/busy")
    await add_event(database, "feedback.created", now=clock.now())
    [claim] = await dispatcher.claim(context)

    response = await client.post(
        f"/v1/webhook-deliveries/{claim.delivery_id}/redeliver", headers=manage_headers
    )

    assert response.status_code == 409
    assert response.json()["type"] == WebhookDeliveryInFlight.type_uri()
    assert (await one_delivery(database, endpoint["id"])).locked_until == claim.lease


async def test_disabling_pauses_pending_deliveries_and_enabling_resumes_them(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/paused")
    await add_event(database, "feedback.created", now=clock.now())
    path = f"/v1/webhook-endpoints/{endpoint['id']}"
    await client.patch(path, headers=manage_headers, json={"enabled": False})

    assert await dispatcher.deliver_due(context) == 0
    await client.patch(path, headers=manage_headers, json={"enabled": True})
    assert await dispatcher.deliver_due(context) == 1
    assert len(receiver.requests("/paused")) == 1


# --- the pure state machine ---------------------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_success_and_gone_end_the_delivery() -> None:
    assert next_step("success", 3, NOW) == NextStep(DeliveryStatus.SUCCEEDED, None)
    assert next_step("gone", 1, NOW) == NextStep(DeliveryStatus.FAILED, None)


def test_a_failure_is_retried_on_the_jittered_schedule_until_attempts_run_out() -> None:
    step = next_step("retry", 2, NOW, rng=random.Random(3))
    assert step.status == "pending"
    assert step.next_attempt_at is not None
    assert timedelta(minutes=4.5) <= step.next_attempt_at - NOW <= timedelta(minutes=5.5)
    assert next_step("retry", 10, NOW) == NextStep(DeliveryStatus.FAILED, None)


def test_retry_after_never_shortens_the_schedule() -> None:
    longer = next_step("retry_after", 1, NOW, retry_after=timedelta(hours=2))
    shorter = next_step("retry_after", 3, NOW, retry_after=timedelta(seconds=1))
    missing = next_step("retry_after", 1, NOW, retry_after=None)

    assert longer.next_attempt_at == NOW + timedelta(hours=2)
    assert shorter.next_attempt_at is not None
    assert shorter.next_attempt_at - NOW >= timedelta(minutes=27)
    assert missing.next_attempt_at is not None
    assert missing.next_attempt_at - NOW <= timedelta(seconds=5.5)
    assert next_step("retry_after", 10, NOW, retry_after=timedelta(seconds=1)).status == "failed"
