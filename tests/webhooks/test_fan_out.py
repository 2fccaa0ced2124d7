"""Fan-out: recording events writes their deliveries in the same statement, in SQL."""

import time
import uuid
from collections import Counter

import httpx
from sqlalchemy import func, select, text

from app.events.service import record_events
from app.events.types import EventType
from app.kit.db import Database
from app.models import WebhookDelivery
from tests.factories import raw_event, receiver_endpoint
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver
from tests.webhooks.conftest import deliveries

Headers = dict[str, str]


async def test_a_batch_gets_one_pending_delivery_per_event_and_subscribed_endpoint(
    client: httpx.AsyncClient,
    manage_headers: Headers,
    receiver: Receiver,
    database: Database,
    clock: MutableClock,
) -> None:
    everything = await receiver_endpoint(client, manage_headers, receiver, "/all")
    breaches = await receiver_endpoint(
        client, manage_headers, receiver, "/breaches", event_types=["sla.breached"]
    )
    await receiver_endpoint(client, manage_headers, receiver, "/off", enabled=False)
    types = [EventType.SLA_BREACHED, EventType.TICKET_CREATED, EventType.SLA_BREACHED]
    events = [raw_event(kind, {"n": n}, now=clock.now()) for n, kind in enumerate(types)]

    async with database.sessionmaker() as session, session.begin():
        await record_events(session, events)

    made = await deliveries(database)
    assert Counter(str(d.endpoint_id) for d in made) == {everything["id"]: 3, breaches["id"]: 2}
    assert {(d.event_id, d.event_type) for d in made if str(d.endpoint_id) == breaches["id"]} == {
        (events[0].id, "sla.breached"), (events[2].id, "sla.breached"),
    }
    assert {(d.status, d.attempts_made, d.next_attempt_at) for d in made} == {
        ("pending", 0, clock.now())
    }


async def test_without_endpoints_events_are_recorded_and_nothing_else(
    database: Database, clock: MutableClock
) -> None:
    async with database.sessionmaker() as session, session.begin():
        await record_events(
            session, [raw_event(EventType.TICKET_CREATED, {}, now=clock.now())]
        )
        count = await session.scalar(select(func.count()).select_from(WebhookDelivery))
        events = await session.scalar(text("SELECT count(*) FROM events"))
    assert (events, count) == (1, 0)


async def test_the_database_makes_version_7_ids_that_follow_the_clock(database: Database) -> None:
    before_ms = time.time_ns() // 1_000_000
    async with database.sessionmaker() as session:
        first = await session.scalar(text("SELECT aftercare_uuid7()"))
        rows = (await session.execute(text(
            "SELECT aftercare_uuid7() FROM (SELECT pg_sleep(0.002)) AS pause"
        ))).scalars().all()
    after_ms = time.time_ns() // 1_000_000
    [second] = rows
    for made in (first, second):
        assert isinstance(made, uuid.UUID)
        assert (made.version, made.variant) == (7, uuid.RFC_4122)
        assert before_ms <= made.int >> 80 <= after_ms
    assert first < second
