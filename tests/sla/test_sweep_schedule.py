"""When the SLA sweep runs: at the next deadline or warning it knows of, when a nearer one is
written (NOTIFY), and on its polling period when notifications are lost. The polling period is
a minute here (unless a test is about it), so a breach within the tests' bound of a few seconds
happened because the sweep woke for it; the bound only stops a broken wakeup from hanging."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from app.config import Settings
from app.kit.clock import SystemClock
from app.kit.db import Database
from app.kit.jobs import JobContext, Worker
from app.kit.notifications import Listener
from app.models import Event
from app.sla.tasks import SlaSweep, sweep_job
from tests.factories import add_policy, open_ticket, policy_target, seed_due_targets
from tests.sla.support import one_target
from tests.support.waiting import eventually

WITHIN_SECONDS = 5
POLL_SECONDS = 60.0


@contextlib.asynccontextmanager
async def running_sweeps(
    database: Database, settings: Settings, *, count: int = 1, poll: float = POLL_SECONDS,
    listener: Listener | None = None,
) -> AsyncIterator[list[SlaSweep]]:
    """`count` workers running the SLA sweep alone; yields their sweeps once they listen."""
    polling = settings.model_copy(update={"sla_sweep_poll_seconds": poll})
    sweeps = [SlaSweep() for _ in range(count)]
    workers = [
        Worker(JobContext(database, SystemClock(), polling), [sweep_job(polling, sweep)],
               listener=listener)
        for sweep in sweeps
    ]
    stop = asyncio.Event()
    tasks = [asyncio.create_task(worker.run(stop)) for worker in workers]
    try:
        for worker in workers:
            if listener is None:
                assert worker.listener is not None
                await asyncio.wait_for(worker.listener.listening.wait(), WITHIN_SECONDS)
        await eventually(lambda: all(s.next_instant is not None for s in sweeps),
                         timeout=WITHIN_SECONDS, what="every sweep ran once")
        yield sweeps
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), WITHIN_SECONDS)


async def _ticket_due_in(database: Database, seconds: float) -> tuple[object, datetime]:
    """A ticket whose one-minute first-response target falls due `seconds` from now."""
    now = SystemClock().now()
    ticket_id = await open_ticket(database, now - timedelta(seconds=60 - seconds))
    return ticket_id, (await one_target(database, ticket_id, "first_response")).due_at


async def _target_due_in_an_hour(database: Database) -> datetime:
    due_at = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    await seed_due_targets(database, 1, due_at)
    return due_at


async def _breaches(database: Database) -> list[tuple[str, datetime]]:
    """Each sla.breached event's target id and when it committed (database clock, at least)."""
    async with database.sessionmaker() as session:
        events = (await session.scalars(select(Event).where(Event.type == "sla.breached"))).all()
        now = (await session.execute(text("SELECT clock_timestamp()"))).scalar_one()
    return [(event.data["target_id"], now) for event in events]


async def test_the_sweep_sleeps_until_the_next_deadline_and_breaches_it_then(
    database: Database, settings: Settings
) -> None:
    await add_policy(database, SystemClock().now(), targets={"first_response": policy_target(1)})
    _, due_at = await _ticket_due_in(database, 1.0)
    async with running_sweeps(database, settings) as [sweep]:
        assert sweep.next_instant == due_at
        await eventually(lambda: _count(database, 1), timeout=WITHIN_SECONDS,
                         what="the breach, long before the next poll")
    [(_, seen_at)] = await _breaches(database)
    assert seen_at >= due_at


async def test_a_newly_written_nearer_deadline_wakes_the_sweep(
    database: Database, settings: Settings
) -> None:
    later = await _target_due_in_an_hour(database)
    await add_policy(database, SystemClock().now(), targets={"first_response": policy_target(1)})
    async with running_sweeps(database, settings) as [sweep]:
        assert sweep.next_instant == later
        _, sooner = await _ticket_due_in(database, 1.0)
        await eventually(lambda: sweep.next_instant == sooner, timeout=WITHIN_SECONDS,
                         what="the sweep woken by the new deadline")
        await eventually(lambda: _count(database, 1), timeout=WITHIN_SECONDS,
                         what="the new deadline breached")


async def test_with_notifications_lost_a_nearer_deadline_waits_at_most_one_poll(
    database: Database, settings: Settings
) -> None:
    async def refused(dsn: str) -> None:
        raise ConnectionRefusedError("no notifications")

    deaf = Listener("postgresql://nowhere", reconnect_seconds=60, connect=refused)
    later = await _target_due_in_an_hour(database)
    await add_policy(database, SystemClock().now(), targets={"first_response": policy_target(1)})
    async with running_sweeps(database, settings, poll=0.5, listener=deaf) as [sweep]:
        assert sweep.next_instant == later
        await _ticket_due_in(database, 1.0)
        await eventually(lambda: _count(database, 1), timeout=WITHIN_SECONDS,
                         what="the new deadline breached by the polling sweep")
    assert deaf.connections == 0


async def test_two_workers_woken_at_the_same_deadline_breach_each_target_once(
    database: Database, settings: Settings
) -> None:
    due_at = datetime.now(UTC) + timedelta(seconds=1)
    await seed_due_targets(database, 200, due_at)
    async with running_sweeps(database, settings, count=2) as sweeps:
        assert {sweep.next_instant for sweep in sweeps} == {due_at}
        await eventually(lambda: _count(database, 200), timeout=WITHIN_SECONDS,
                         what="every target breached")
    targets = [target_id for target_id, _ in await _breaches(database)]
    assert len(targets) == len(set(targets)) == 200


def test_only_a_notified_instant_before_the_awaited_one_wakes_the_sweep() -> None:
    sweep = SlaSweep()
    assert sweep.wakes_for("1767600000.5")  # nothing awaited yet: any instant may be nearer
    sweep.next_instant = datetime.fromtimestamp(1767600000, UTC)
    assert sweep.wakes_for("1767599999.999")
    assert not sweep.wakes_for("1767600000")
    assert not sweep.wakes_for("1767603600")
    assert sweep.wakes_for("not a number")  # an unreadable payload: better to look


async def _count(database: Database, expected: int) -> bool:
    return len(await _breaches(database)) == expected
