"""The delivery job under concurrency: slow endpoints, several workers, crashed workers, and the
SSRF guard applied again at delivery time."""

import asyncio
import random
from collections import Counter
from collections.abc import Iterable

import httpx
from fastapi import FastAPI

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.webhooks.delivery import record_attempt
from app.webhooks.dispatcher import WebhookDispatcher
from app.webhooks.sender import AttemptResult
from tests.factories import add_event, create_endpoint, receiver_endpoint
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver, Reply
from tests.support.waiting import eventually
from tests.webhooks.conftest import deliveries, one_delivery

Headers = dict[str, str]


async def test_a_hanging_endpoint_does_not_delay_another(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    settings: Settings,
    context: JobContext,
) -> None:
    hanging = await receiver_endpoint(
        client, manage_headers, receiver, "/hang", event_types=["ticket.created"]
    )
    receiver.route("/hang").default = Reply(hang=True)
    fast = await receiver_endpoint(
        client, manage_headers, receiver, "/fast", event_types=["sla.breached"]
    )
    for _ in range(5):
        await add_event(database, "ticket.created", now=clock.now())
    for _ in range(2):
        await add_event(database, "sla.breached", now=clock.now())
    limits = {"webhook_timeout_seconds": 3.0, "webhook_per_endpoint_concurrency": 2}
    worker = WebhookDispatcher(settings.model_copy(update=limits))
    loop = asyncio.get_running_loop()
    try:
        started = loop.time()
        # Two hanging deliveries at most (the per-endpoint limit), and both fast ones.
        assert await worker.run(context) == 4
        assert loop.time() - started < 1.0  # the job launched them and returned at once

        await eventually(  # well before the hanging ones time out
            lambda: _all_succeeded(database, fast["id"]), timeout=2.5, interval=0.02,
            what="both fast deliveries succeeded",
        )
        assert worker.in_flight == 2  # the hanging ones are still waiting for an answer
        assert len(receiver.requests("/hang")) == 2

        await worker.wait_idle()
    finally:
        await worker.close(grace_seconds=0)
    hung = [d for d in await deliveries(database, hanging["id"]) if d.attempts_made]
    assert len(hung) == 2
    assert all(d.attempts[0].error == "no answer within 3 s" for d in hung)
    assert all(d.status == "pending" for d in hung)


async def test_two_workers_deliver_each_event_exactly_once(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    settings: Settings,
    context: JobContext,
) -> None:
    for path in ("/a", "/b"):
        await receiver_endpoint(client, manage_headers, receiver, path)
        receiver.route(path).default = Reply(delay=0.005)
    event_ids = [await add_event(database, "ticket.created", now=clock.now()) for _ in range(30)]
    small = settings.model_copy(update={"webhook_max_concurrency": 7})
    workers = [WebhookDispatcher(small), WebhookDispatcher(small)]
    try:
        claimed_per_round: list[tuple[int, ...]] = []
        while True:
            claimed = tuple(await asyncio.gather(*(w.deliver_due(context) for w in workers)))
            claimed_per_round.append(claimed)
            if sum(claimed) == 0:
                break
    finally:
        for worker in workers:
            await worker.close(grace_seconds=0)

    first, second = sum(_column(claimed_per_round, 0)), sum(_column(claimed_per_round, 1))
    assert first > 0
    assert second > 0  # both took part, and together claimed each delivery once
    assert first + second == 60
    received = Counter(
        (request.path, request.headers["webhook-id"]) for request in receiver.all_requests
    )
    expected = {(path, str(event_id)) for path in ("/a", "/b") for event_id in event_ids}
    assert set(received) == expected
    assert set(received.values()) == {1}
    assert all(request.verified_by for request in receiver.all_requests)
    rows = await deliveries(database)
    assert len(rows) == 60
    assert {(row.status, row.attempts_made) for row in rows} == {("succeeded", 1)}


async def test_a_crashed_workers_claim_is_retried_after_its_lease(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    settings: Settings,
    dispatcher: WebhookDispatcher,
    context: JobContext,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/a")
    await add_event(database, "ticket.created", now=clock.now())
    crashed = WebhookDispatcher(settings)
    [stale] = await crashed.claim(context)  # claimed, then the process "stalled"

    assert await dispatcher.deliver_due(context) == 0
    clock.advance(crashed.lease_duration)
    assert await dispatcher.deliver_due(context) == 1

    assert len(receiver.requests("/a")) == 1
    late_result = AttemptResult(clock.now(), 500, 1, "late", None)
    async with database.sessionmaker() as session, session.begin():
        assert not await record_attempt(session, stale, late_result, settings=settings)
    delivery = await one_delivery(database, endpoint["id"])
    assert (delivery.status, delivery.attempts_made) == ("succeeded", 1)
    assert [attempt.status_code for attempt in delivery.attempts] == [200]


async def test_a_private_target_is_refused_at_delivery_time(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    settings: Settings,
    context: JobContext,
) -> None:
    # Created while private targets were allowed; the worker runs with them forbidden.
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/inside")
    await add_event(database, "ticket.created", now=clock.now())
    strict = WebhookDispatcher(settings.model_copy(update={"webhook_allow_private_targets": False}))
    try:
        assert await strict.deliver_due(context) == 1
    finally:
        await strict.close()

    assert receiver.requests("/inside") == []
    delivery = await one_delivery(database, endpoint["id"])
    assert delivery.status == "pending"
    error = delivery.attempts[0].error or ""
    assert error.startswith("refused: ")
    assert "loopback" in error


async def test_a_name_that_rebinds_to_a_private_address_is_refused_at_delivery_time(
    strict_app: FastAPI,
    strict_client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
    settings: Settings,
    context: JobContext,
) -> None:
    answers = {"hooks.example.com": ["93.184.216.34"]}

    async def resolver(host: str, port: int) -> Iterable[str]:
        return answers[host]

    strict_app.state.webhook_resolver = resolver
    url = f"http://hooks.example.com:{receiver.port}/rebind"
    endpoint = await create_endpoint(strict_client, manage_headers, url)
    await add_event(database, "ticket.created", now=clock.now())
    answers["hooks.example.com"] = ["127.0.0.1"]  # the DNS answer changes after the check

    strict_settings = settings.model_copy(update={"webhook_allow_private_targets": False})
    strict = WebhookDispatcher(strict_settings, resolver=resolver, rng=random.Random(1))
    try:
        assert await strict.deliver_due(context) == 1
    finally:
        await strict.close()

    assert receiver.all_requests == []
    delivery = await one_delivery(database, endpoint["id"])
    assert "hooks.example.com resolves to 127.0.0.1" in (delivery.attempts[0].error or "")


async def _all_succeeded(database: Database, endpoint_id: str) -> bool:
    return {delivery.status for delivery in await deliveries(database, endpoint_id)} == {
        "succeeded"
    }


def _column(rows: list[tuple[int, ...]], index: int) -> list[int]:
    return [row[index] for row in rows]
