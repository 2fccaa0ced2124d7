"""The delivery worker as it runs in production (the job runner, its NOTIFY listener), with a
poll interval of a minute: whatever arrives within the test's bound arrived because the worker was
woken, not because it polled. Receivers are real, on 127.0.0.1, verifying every signature."""

import asyncio
import contextlib
import ipaddress
import uuid
from collections.abc import AsyncIterator

import httpx

from app.kit.jobs import JobContext, Worker
from app.webhooks import tasks
from app.webhooks.ssrf import PinnedClients, parse_webhook_url
from tests.factories import add_event, receiver_endpoint
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver, Reply
from tests.support.waiting import eventually
from tests.webhooks.conftest import deliveries

Headers = dict[str, str]
WITHIN_SECONDS = 5  # a bound on a broken wakeup; the poll interval is twelve times longer
POLL_SECONDS = 60.0


@contextlib.asynccontextmanager
async def running_worker(context: JobContext, **settings: object) -> AsyncIterator[Worker]:
    """The webhook job in a worker polling once a minute; yields once it listens."""
    slow_polling = context.settings.model_copy(
        update={"webhook_delivery_poll_seconds": POLL_SECONDS, **settings}
    )
    worker = Worker(JobContext(context.database, context.clock, slow_polling),
                    tasks.jobs(slow_polling))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    try:
        assert worker.listener is not None
        await asyncio.wait_for(worker.listener.listening.wait(), timeout=WITHIN_SECONDS)
        yield worker
    finally:
        stop.set()  # attempts in flight get up to the timeout to end
        await asyncio.wait_for(
            task, timeout=slow_polling.webhook_timeout_seconds + WITHIN_SECONDS
        )


async def test_a_recorded_event_wakes_the_idle_worker_long_before_its_poll(
    client: httpx.AsyncClient, manage_headers: Headers, receiver: Receiver,
    context: JobContext, clock: MutableClock,
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/hook")
    async with running_worker(context):
        await asyncio.sleep(0.2)  # the worker's first run, at start, has found nothing
        assert receiver.requests("/hook") == []
        event_id = await add_event(context.database, "sla.breached", now=clock.now())
        await eventually(lambda: len(receiver.requests("/hook")) == 1, timeout=WITHIN_SECONDS,
                         what="the event delivered without waiting for a poll")

    [request] = receiver.requests("/hook")
    assert request.verified_by == [endpoint["secret"]]
    assert request.headers["webhook-id"] == str(event_id)


async def test_a_hanging_endpoint_does_not_delay_deliveries_to_another(
    client: httpx.AsyncClient, manage_headers: Headers, receiver: Receiver,
    context: JobContext, clock: MutableClock,
) -> None:
    await receiver_endpoint(client, manage_headers, receiver, "/hang",
                            event_types=["ticket.created"])
    receiver.route("/hang").default = Reply(hang=True)
    await receiver_endpoint(client, manage_headers, receiver, "/fast",
                            event_types=["sla.breached"])
    async with running_worker(context, webhook_per_endpoint_concurrency=2,
                              webhook_timeout_seconds=10.0):
        for _ in range(5):  # a backlog: two hang, three wait for the endpoint's slots
            await add_event(context.database, "ticket.created", now=clock.now())
        await eventually(lambda: len(receiver.requests("/hang")) == 2, timeout=WITHIN_SECONDS,
                         what="the hanging endpoint holds its two slots")
        for number in range(3):
            await add_event(context.database, "sla.breached", {"n": number}, now=clock.now())
            await eventually(
                lambda n=number: len(receiver.requests("/fast")) == n + 1,  # type: ignore[misc]
                timeout=WITHIN_SECONDS, what=f"fast delivery {number + 1} while others hang",
            )
        assert len(receiver.requests("/hang")) == 2  # still hanging, nothing else sent there

    assert all(request.verified_by for request in receiver.requests("/fast"))


async def test_deliveries_to_one_endpoint_reuse_a_connection_another_endpoint_has_its_own(
    client: httpx.AsyncClient, manage_headers: Headers, receiver: Receiver,
    context: JobContext, clock: MutableClock,
) -> None:
    await receiver_endpoint(client, manage_headers, receiver, "/a")
    await receiver_endpoint(client, manage_headers, receiver, "/b")
    async with running_worker(context):
        for number in range(3):
            await add_event(context.database, "sla.breached", {"n": number}, now=clock.now())
            await eventually(lambda n=number: len(receiver.requests("/a")) == n + 1  # type: ignore[misc]
                             and len(receiver.requests("/b")) == n + 1,
                             timeout=WITHIN_SECONDS, what=f"event {number + 1} delivered twice")

    ports_a = {request.client_port for request in receiver.requests("/a")}
    ports_b = {request.client_port for request in receiver.requests("/b")}
    assert len(ports_a) == 1  # one kept-alive connection each
    assert len(ports_b) == 1
    assert ports_a != ports_b
    assert all(
        "close" not in request.headers.get("connection", "") for request in receiver.all_requests
    )


async def test_kept_alive_clients_are_never_shared_between_host_names_or_addresses() -> None:
    """A connection verified for one host name must not carry a request for another name that
    resolves to the same address, nor one pinned to another address, nor another endpoint's."""
    shop = parse_webhook_url("https://hooks.shop.test/a")
    other = parse_webhook_url("https://hooks.other.test/a")
    one, two = ipaddress.ip_address("192.0.2.1"), ipaddress.ip_address("192.0.2.2")
    async with PinnedClients(4, keep_alive=True) as clients, clients.use(shop, one, "e") as first:
        async with clients.use(shop, one, "e") as again:
            assert again is first
        async with clients.use(other, one, "e") as other_name:
            assert other_name is not first
        async with clients.use(shop, two, "e") as other_address:
            assert other_address is not first
        async with clients.use(shop, one, "another endpoint") as other_endpoint:
            assert other_endpoint is not first


async def test_a_redelivery_wakes_the_idle_worker(
    client: httpx.AsyncClient, manage_headers: Headers, receiver: Receiver,
    context: JobContext, clock: MutableClock,
) -> None:
    await receiver_endpoint(client, manage_headers, receiver, "/again")
    async with running_worker(context):
        await add_event(context.database, "feedback.created", now=clock.now())
        await eventually(lambda: len(receiver.requests("/again")) == 1, timeout=WITHIN_SECONDS,
                         what="the first delivery")
        [delivery] = await deliveries(context.database)
        await eventually(lambda: _status_of(context, delivery.id, "succeeded"),
                         timeout=WITHIN_SECONDS, what="the first delivery recorded")
        response = await client.post(
            f"/v1/webhook-deliveries/{delivery.id}/redeliver", headers=manage_headers
        )
        assert response.status_code == 202
        await eventually(lambda: len(receiver.requests("/again")) == 2, timeout=WITHIN_SECONDS,
                         what="the redelivery sent without waiting for a poll")


async def _status_of(context: JobContext, delivery_id: uuid.UUID, status: str) -> bool:
    return any(
        d.id == delivery_id and d.status == status for d in await deliveries(context.database)
    )
