"""Deliveries end to end: events recorded in PostgreSQL, the real delivery job, and a real
receiver on 127.0.0.1 that verifies every message with the `standardwebhooks` library."""

import itertools
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from app.events.service import record_events
from app.events.types import EventType
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import WebhookDelivery
from app.webhooks.dispatcher import WebhookDispatcher
from app.webhooks.retry import MAX_ATTEMPTS, RETRY_DELAYS
from tests.factories import (
    add_event,
    create_endpoint,
    events_of_type,
    raw_event,
    receiver_endpoint,
)
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver, Reply, free_port, running_receiver
from tests.webhooks.conftest import deliveries, endpoint_row, one_delivery

Headers = dict[str, str]


async def test_an_event_is_delivered_signed_to_each_subscribed_endpoint(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    everything = await receiver_endpoint(client, manage_headers, receiver, "/all")
    breaches = await receiver_endpoint(
        client, manage_headers, receiver, "/breaches", event_types=["sla.breached"]
    )
    await receiver_endpoint(
        client, manage_headers, receiver, "/tickets", event_types=["ticket.created"]
    )
    await receiver_endpoint(client, manage_headers, receiver, "/off", enabled=False)

    data = {"ticket_id": "t_1", "metric": "x"}
    event_id = await add_event(database, "sla.breached", data, now=clock.now())
    assert await dispatcher.deliver_due(context) == 2

    assert receiver.requests("/tickets") == []
    assert receiver.requests("/off") == []
    for path, endpoint in (("/all", everything), ("/breaches", breaches)):
        [request] = receiver.requests(path)
        assert request.verified_by == [endpoint["secret"]]
        assert request.headers["webhook-id"] == str(event_id)
        assert request.headers["webhook-timestamp"] == str(int(clock.now().timestamp()))
        assert request.headers["content-type"] == "application/json"
        assert request.headers["user-agent"].startswith("Aftercare-Webhooks/")
        assert request.payload == {
            "id": str(event_id),
            "type": "sla.breached",
            "created_at": _rfc3339(clock.now()),
            "data": {"ticket_id": "t_1", "metric": "x"},
        }
        delivery = await one_delivery(database, endpoint["id"])
        assert (delivery.status, delivery.attempts_made) == ("succeeded", 1)
        assert delivery.delivered_at == clock.now()
        assert delivery.attempts[0].status_code == 200
        assert delivery.attempts[0].response_body == "ok"


async def test_a_rolled_back_event_creates_no_delivery(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
) -> None:
    await receiver_endpoint(client, manage_headers, receiver, "/all")
    async with database.sessionmaker() as session, session.begin():
        await record_events(session, [raw_event(EventType.TICKET_CREATED, {}, now=clock.now())])
        assert len((await session.scalars(select(WebhookDelivery))).all()) == 1
        await session.rollback()

    assert await deliveries(database) == []


async def test_a_receiver_down_then_up_gets_the_event_once_after_retries(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    port = free_port()
    endpoint = await create_endpoint(client, manage_headers, f"http://127.0.0.1:{port}/hook")
    event_id = await add_event(database, "sla.breached", now=clock.now())

    assert await dispatcher.deliver_due(context) == 1  # refused: nothing listens yet
    delivery = await one_delivery(database, endpoint["id"])
    assert (delivery.status, delivery.attempts_made) == ("pending", 1)
    assert delivery.attempts[0].status_code is None
    assert "ConnectError" in (delivery.attempts[0].error or "")
    assert delivery.next_attempt_at is not None
    retry_in = delivery.next_attempt_at - clock.now()
    assert timedelta(seconds=4.5) <= retry_in <= timedelta(seconds=5.5)
    assert await dispatcher.deliver_due(context) == 0  # not due before its retry time

    clock.set(delivery.next_attempt_at)
    assert await dispatcher.deliver_due(context) == 1  # still down

    async with running_receiver(port) as revived:
        revived.route("/hook").secrets = [endpoint["secret"]]
        delivery = await one_delivery(database, endpoint["id"])
        assert delivery.next_attempt_at is not None
        clock.set(delivery.next_attempt_at)
        assert await dispatcher.deliver_due(context) == 1
        clock.advance(timedelta(days=2))
        assert await dispatcher.deliver_due(context) == 0

        [request] = revived.requests("/hook")
        assert request.verified_by == [endpoint["secret"]]
        assert request.headers["webhook-id"] == str(event_id)
    delivery = await one_delivery(database, endpoint["id"])
    assert (delivery.status, delivery.attempts_made) == ("succeeded", 3)
    assert [attempt.status_code for attempt in delivery.attempts] == [None, None, 200]


async def test_retries_follow_the_schedule_then_fail_and_recover_sends_again(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/flaky")
    receiver.route("/flaky").default = Reply(status=500, body=b"boom")
    created_at = clock.now()
    event_id = await add_event(database, "ticket.created", now=clock.now())

    for _ in range(MAX_ATTEMPTS):
        assert await dispatcher.deliver_due(context) == 1
        delivery = await one_delivery(database, endpoint["id"])
        if delivery.next_attempt_at is not None:
            clock.set(delivery.next_attempt_at)

    delivery = await one_delivery(database, endpoint["id"])
    assert (delivery.status, delivery.attempts_made) == ("failed", MAX_ATTEMPTS)
    assert delivery.next_attempt_at is None
    times = [attempt.attempted_at for attempt in delivery.attempts]
    for gap, scheduled in zip(
        (later - earlier for earlier, later in itertools.pairwise(times)),
        RETRY_DELAYS[1:],
        strict=True,
    ):
        assert scheduled * 0.9 <= gap <= scheduled * 1.1
    assert all(attempt.response_body == "boom" for attempt in delivery.attempts)
    assert len(receiver.requests("/flaky")) == MAX_ATTEMPTS

    receiver.route("/flaky").default = Reply(status=204, body=b"")
    url = f"/v1/webhook-endpoints/{endpoint['id']}/recover"
    later = {"since": (clock.now() + timedelta(seconds=1)).isoformat()}
    assert (await client.post(url, headers=manage_headers, json=later)).json() == {"requeued": 0}
    since = {"since": created_at.isoformat()}
    response = await client.post(url, headers=manage_headers, json=since)
    assert (response.status_code, response.json()) == (202, {"requeued": 1})

    assert await dispatcher.deliver_due(context) == 1
    delivery = await one_delivery(database, endpoint["id"])
    assert delivery.status == "succeeded"
    assert len(delivery.attempts) == MAX_ATTEMPTS + 1
    requests = receiver.requests("/flaky")
    assert {request.headers["webhook-id"] for request in requests} == {str(event_id)}
    assert all(request.verified_by for request in requests)


async def test_a_410_disables_the_endpoint_and_records_an_event(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    gone = await receiver_endpoint(
        client, manage_headers, receiver, "/gone", event_types=["ticket.created"]
    )
    receiver.route("/gone").default = Reply(status=410)
    watcher = await receiver_endpoint(
        client, manage_headers, receiver, "/watcher", event_types=["webhook_endpoint.disabled"]
    )
    await add_event(database, "ticket.created", now=clock.now())

    assert await dispatcher.deliver_due(context) == 1
    delivery = await one_delivery(database, gone["id"])
    assert (delivery.status, delivery.attempts_made) == ("failed", 1)
    shown = (await client.get(f"/v1/webhook-endpoints/{gone['id']}", headers=manage_headers)).json()
    assert shown["enabled"] is False
    assert "410" in shown["disabled_reason"]

    assert await dispatcher.deliver_due(context) == 1  # the disabled event, to the watcher
    [notice] = receiver.requests("/watcher")
    assert notice.verified_by == [watcher["secret"]]
    assert notice.payload["type"] == "webhook_endpoint.disabled"
    assert notice.payload["data"]["endpoint_id"] == gone["id"]
    assert notice.payload["data"]["url"] == gone["url"]

    await add_event(database, "ticket.created", now=clock.now())
    assert len(await deliveries(database, gone["id"])) == 1  # no new delivery once disabled
    assert len(receiver.requests("/gone")) == 1


async def test_a_redirect_is_a_failure_and_is_not_followed(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/moved")
    receiver.route("/moved").default = Reply(
        status=307, headers={"location": receiver.url("/elsewhere")}
    )
    await add_event(database, "ticket.created", now=clock.now())

    assert await dispatcher.deliver_due(context) == 1

    assert receiver.requests("/elsewhere") == []
    delivery = await one_delivery(database, endpoint["id"])
    assert (delivery.status, delivery.attempts_made) == ("pending", 1)
    assert delivery.attempts[0].status_code == 307
    assert "redirect" in (delivery.attempts[0].error or "")


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_is_honoured(
    status: int,
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/busy")
    receiver.route("/busy").default = Reply(status=status, headers={"retry-after": "3600"})
    await add_event(database, "ticket.created", now=clock.now())

    await dispatcher.deliver_due(context)

    delivery = await one_delivery(database, endpoint["id"])
    answered = clock.now() + timedelta(milliseconds=delivery.attempts[0].latency_ms)
    assert delivery.next_attempt_at == answered + timedelta(hours=1)
    clock.advance(timedelta(minutes=59))
    assert await dispatcher.deliver_due(context) == 0


async def test_an_endpoint_failing_for_five_days_is_disabled_once(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(
        client, manage_headers, receiver, "/down", event_types=["ticket.created"]
    )
    receiver.route("/down").default = Reply(status=500)
    await add_event(database, "ticket.created", now=clock.now())
    await dispatcher.deliver_due(context)

    clock.advance(timedelta(days=4, hours=23))
    await add_event(database, "ticket.created", now=clock.now())
    assert await dispatcher.deliver_due(context) == 2  # the first one's retry and the new one
    assert (await endpoint_row(database, endpoint["id"])).enabled

    clock.advance(timedelta(hours=1))
    await add_event(database, "ticket.created", now=clock.now())
    assert await dispatcher.deliver_due(context) >= 1

    row = await endpoint_row(database, endpoint["id"])
    assert not row.enabled
    assert row.disabled_reason == "every delivery failed for 5 days"
    notices = await events_of_type(database, "webhook_endpoint.disabled")
    assert [notice.data["endpoint_id"] for notice in notices] == [endpoint["id"]]


async def test_a_success_resets_the_failure_clock(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/wobbly")
    receiver.route("/wobbly").replies.extend([Reply(status=500), Reply(status=200)])
    receiver.route("/wobbly").default = Reply(status=500)
    await add_event(database, "ticket.created", now=clock.now())
    await dispatcher.deliver_due(context)
    assert (await endpoint_row(database, endpoint["id"])).failing_since == clock.now()

    clock.advance(timedelta(days=3))
    await dispatcher.deliver_due(context)  # the retry succeeds
    assert (await endpoint_row(database, endpoint["id"])).failing_since is None

    clock.advance(timedelta(days=3))
    await add_event(database, "ticket.created", now=clock.now())
    await dispatcher.deliver_due(context)  # fails, but it has not been failing for 5 days
    row = await endpoint_row(database, endpoint["id"])
    assert row.enabled
    assert row.failing_since == clock.now()


async def test_a_rotated_secret_signs_alongside_the_new_one_for_24_hours(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/rot")
    old_secret = endpoint["secret"]
    response = await client.post(
        f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret", headers=manage_headers
    )
    assert response.status_code == 200
    new_secret = response.json()["secret"]
    assert new_secret != old_secret
    assert response.json()["previous_secret_expires_at"] == _rfc3339(
        clock.now() + timedelta(hours=24)
    )
    receiver.route("/rot").secrets = [old_secret, new_secret]

    await add_event(database, "ticket.created", now=clock.now())
    await dispatcher.deliver_due(context)
    clock.advance(timedelta(hours=24, seconds=1))
    await add_event(database, "ticket.created", now=clock.now())
    await dispatcher.deliver_due(context)

    during, after = receiver.requests("/rot")
    assert len(during.signatures) == 2
    assert during.verified_by == [old_secret, new_secret]
    assert len(after.signatures) == 1
    assert after.verified_by == [new_secret]


async def test_each_rotated_out_secret_signs_until_its_own_overlap_ends(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/rot")
    rotate = f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret"
    first = endpoint["secret"]
    second = (await client.post(rotate, headers=manage_headers)).json()["secret"]
    clock.advance(timedelta(hours=6))
    rotated_again = await client.post(rotate, headers=manage_headers)
    third = rotated_again.json()["secret"]
    assert rotated_again.json()["previous_secret_expires_at"] == _rfc3339(
        clock.now() + timedelta(hours=24)
    )
    receiver.route("/rot").secrets = [first, second, third]

    async def delivered_after(advance: timedelta) -> list[str]:
        clock.advance(advance)
        await add_event(database, "ticket.created", now=clock.now())
        await dispatcher.deliver_due(context)
        return receiver.requests("/rot")[-1].verified_by

    assert await delivered_after(timedelta(0)) == [first, second, third]
    assert await delivered_after(timedelta(hours=18, seconds=1)) == [second, third]
    assert await delivered_after(timedelta(hours=6)) == [third]


async def test_the_caller_can_end_the_overlap_early(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/rot")
    path = f"/v1/webhook-endpoints/{endpoint['id']}"
    new_secret = (await client.post(f"{path}/rotate-secret", headers=manage_headers)).json()
    ended = await client.delete(f"{path}/retired-secrets", headers=manage_headers)
    assert ended.status_code == 200
    assert ended.json()["previous_secret_expires_at"] is None
    assert "secret" not in ended.json()
    receiver.route("/rot").secrets = [endpoint["secret"], new_secret["secret"]]

    await add_event(database, "ticket.created", now=clock.now())
    await dispatcher.deliver_due(context)
    [request] = receiver.requests("/rot")
    assert request.verified_by == [new_secret["secret"]]


async def test_at_most_five_rotated_out_secrets_sign_at_once(
    client: httpx.AsyncClient, manage_headers: Headers, receiver: Receiver
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/rot")
    path = f"/v1/webhook-endpoints/{endpoint['id']}"
    for _ in range(5):
        assert (await client.post(f"{path}/rotate-secret", headers=manage_headers)).is_success
    refused = await client.post(f"{path}/rotate-secret", headers=manage_headers)
    assert refused.status_code == 409
    assert "end their overlap" in refused.json()["detail"]
    await client.delete(f"{path}/retired-secrets", headers=manage_headers)
    assert (await client.post(f"{path}/rotate-secret", headers=manage_headers)).is_success


def _rfc3339(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def test_the_wait_before_a_retry_counts_from_the_end_of_the_failed_attempt(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/slow")
    receiver.route("/slow").default = Reply(status=500, delay=1.0)
    await add_event(database, "ticket.created", now=clock.now())

    assert await dispatcher.deliver_due(context) == 1
    delivery = await one_delivery(database, endpoint["id"])
    [attempt] = delivery.attempts
    assert attempt.latency_ms >= 1000
    assert delivery.next_attempt_at is not None
    ended = clock.now() + timedelta(milliseconds=attempt.latency_ms)
    assert timedelta(seconds=4.5) <= delivery.next_attempt_at - ended <= timedelta(seconds=5.5)
