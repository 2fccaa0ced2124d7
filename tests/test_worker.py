"""The job runner's loops, driven by the jobs themselves: a job sets `stop` (or an event the
test waits for) once it has seen what the test is about, so no test sleeps a fixed time. The
timeout only bounds a runner that misbehaves; a runner that behaves never waits for it."""

import asyncio
import logging

import pytest
from sqlalchemy import select, text

from app.config import Settings
from app.kit.clock import SystemClock
from app.kit.db import Database, asyncpg_dsn
from app.kit.jobs import Job, JobContext, Worker
from app.kit.notifications import APPLICATION_NAME, Listener
from app.models import Customer
from tests.support.waiting import eventually

WITHIN_SECONDS = 5


@pytest.fixture
def context(database: Database, settings: Settings) -> JobContext:
    return JobContext(database, SystemClock(), settings)


async def _run(worker: Worker, stop: asyncio.Event) -> None:
    await asyncio.wait_for(worker.run(stop), timeout=WITHIN_SECONDS)


async def test_a_failing_job_is_logged_and_runs_again(
    context: JobContext, caplog: pytest.LogCaptureFixture
) -> None:
    stop = asyncio.Event()
    runs = 0

    async def flaky(_: JobContext) -> int:
        nonlocal runs
        runs += 1
        if runs == 3:
            stop.set()
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="aftercare.worker"):
        await _run(Worker(context, [Job("flaky", flaky, 0.01, 10)]), stop)

    assert runs == 3
    failures = [record for record in caplog.records if record.message == "job failed"]
    assert [getattr(record, "job", None) for record in failures] == ["flaky"] * 3
    assert all(record.exc_info is not None for record in failures)


async def test_a_slow_job_never_delays_another(context: JobContext) -> None:
    stop = asyncio.Event()
    release_slow = asyncio.Event()
    slow_runs = fast_runs = 0
    slow_running_when_fast_ran_eight_times = False

    async def slow(_: JobContext) -> int:
        nonlocal slow_runs
        slow_runs += 1
        await release_slow.wait()
        return 0

    async def fast(_: JobContext) -> int:
        nonlocal fast_runs, slow_running_when_fast_ran_eight_times
        fast_runs += 1
        if fast_runs == 8:
            slow_running_when_fast_ran_eight_times = slow_runs == 1 and not release_slow.is_set()
            release_slow.set()
            stop.set()
        return 0

    jobs = [Job("slow", slow, 0.01, 10), Job("fast", fast, 0.001, 10)]
    await _run(Worker(context, jobs), stop)

    assert slow_running_when_fast_ran_eight_times
    assert (slow_runs, fast_runs) == (1, 8)


async def test_a_job_never_overlaps_itself(context: JobContext) -> None:
    stop = asyncio.Event()
    runs = running = most_at_once = 0

    async def eager(_: JobContext) -> int:
        nonlocal runs, running, most_at_once
        runs += 1
        running += 1
        most_at_once = max(most_at_once, running)
        for _chance in range(10):  # chances for a second run to start, were runs ever concurrent
            await asyncio.sleep(0)
        running -= 1
        if runs == 5:
            stop.set()
        return 10  # a full batch, and no interval: the next run is due at once

    await _run(Worker(context, [Job("eager", eager, 0, 10)]), stop)

    assert runs == 5
    assert most_at_once == 1


async def test_a_full_batch_is_followed_at_once_by_another_run(context: JobContext) -> None:
    stop = asyncio.Event()
    remaining = 35
    runs = 0

    async def drain(_: JobContext) -> int:
        nonlocal remaining, runs
        runs += 1
        handled = min(10, remaining)
        remaining -= handled
        if remaining == 0:
            stop.set()
        return handled

    # The interval is long: only running again at once after a full batch drains it in time.
    await _run(Worker(context, [Job("drain", drain, 60, 10)]), stop)

    assert (runs, remaining) == (4, 0)


async def test_stop_ends_the_wait_for_the_next_run_then_the_job_is_stopped(
    context: JobContext,
) -> None:
    stop = asyncio.Event()
    ran = asyncio.Event()
    runs = stops = 0

    async def idle(_: JobContext) -> int:
        nonlocal runs
        runs += 1
        ran.set()
        return 0

    async def on_stop() -> None:
        nonlocal stops
        stops += 1

    worker = Worker(context, [Job("idle", idle, 60, 10, on_stop=on_stop)])
    task = asyncio.create_task(_run(worker, stop))
    await asyncio.wait_for(ran.wait(), timeout=WITHIN_SECONDS)
    assert stops == 0  # waiting a minute for its next run
    stop.set()
    await task

    assert (runs, stops) == (1, 1)


async def test_a_jobs_transaction_commits_on_success_and_rolls_back_on_error(
    context: JobContext,
) -> None:
    async def failing() -> None:
        async with context.transaction() as session:
            session.add(Customer(external_ref="rolled-back"))
            await session.flush()
            raise RuntimeError("the job failed")

    async with context.transaction() as session:
        session.add(Customer(external_ref="kept"))
    with pytest.raises(RuntimeError, match="the job failed"):
        await failing()

    async with context.database.sessionmaker() as session:
        refs = (await session.scalars(select(Customer.external_ref))).all()
    assert refs == ["kept"]


async def _notify(database: Database, channel: str) -> None:
    async with database.engine.begin() as connection:
        await connection.execute(text("SELECT pg_notify(:channel, '')"), {"channel": channel})


async def test_a_notify_on_its_channel_wakes_a_job_long_before_its_interval(
    context: JobContext, database: Database
) -> None:
    stop = asyncio.Event()
    runs = 0
    first_run = asyncio.Event()

    async def woken(_: JobContext) -> int:
        nonlocal runs
        runs += 1
        first_run.set()
        if runs == 3:
            stop.set()
        return 0

    # A minute between polls: only the notifications can make it run three times in time.
    listener = Listener(asyncpg_dsn(database.url))
    worker = Worker(context, [Job("woken", woken, 60, 10, wake_on=("test_wakeup",))],
                    listener=listener)
    task = asyncio.create_task(_run(worker, stop))
    await asyncio.wait_for(first_run.wait(), timeout=WITHIN_SECONDS)
    await asyncio.wait_for(listener.listening.wait(), timeout=WITHIN_SECONDS)
    runs_before = runs  # one, or two if the wakeup after connecting came after the first run
    await _notify(database, "another_channel")
    await _notify(database, "test_wakeup")
    await eventually(lambda: runs > runs_before, timeout=WITHIN_SECONDS, what="woken by NOTIFY")
    if runs < 3:
        await _notify(database, "test_wakeup")
    await task

    assert runs == 3


async def test_a_notify_in_a_rolled_back_transaction_wakes_nobody(database: Database) -> None:
    woken, marker = asyncio.Event(), asyncio.Event()
    listener = Listener(asyncpg_dsn(database.url))
    listener.subscribe("test_wakeup", woken)
    listener.subscribe("test_marker", marker)
    stop = asyncio.Event()
    task = asyncio.create_task(listener.run(stop))
    await asyncio.wait_for(listener.listening.wait(), timeout=WITHIN_SECONDS)
    woken.clear()  # every subscriber is woken once on connecting
    marker.clear()
    async with database.engine.connect() as connection:
        await connection.execute(text("SELECT pg_notify('test_wakeup', '')"))
        await connection.rollback()
    await _notify(database, "test_marker")  # committed later: delivered after any earlier one
    await asyncio.wait_for(marker.wait(), timeout=WITHIN_SECONDS)
    stop.set()
    await task

    assert not woken.is_set()


async def test_a_lost_listening_connection_is_replaced_and_wakes_the_job_again(
    context: JobContext, database: Database
) -> None:
    stop = asyncio.Event()
    woken_after_reconnect = asyncio.Event()
    listener = Listener(asyncpg_dsn(database.url), reconnect_seconds=0.05)

    async def job(_: JobContext) -> int:
        if listener.connections >= 2:
            woken_after_reconnect.set()
        return 0

    worker = Worker(context, [Job("woken", job, 60, 10, wake_on=("test_wakeup",))],
                    listener=listener)
    task = asyncio.create_task(_run(worker, stop))
    await asyncio.wait_for(listener.listening.wait(), timeout=WITHIN_SECONDS)
    await _terminate_listening_connections(database)
    await eventually(lambda: listener.connections >= 2 and listener.listening.is_set(),
                     timeout=WITHIN_SECONDS, what="the listener connected again")
    await _notify(database, "test_wakeup")
    await asyncio.wait_for(woken_after_reconnect.wait(), timeout=WITHIN_SECONDS)
    stop.set()
    await task


async def test_without_a_listening_connection_jobs_keep_polling(
    context: JobContext, caplog: pytest.LogCaptureFixture
) -> None:
    stop = asyncio.Event()
    runs = 0

    async def refused(dsn: str) -> None:
        raise ConnectionRefusedError("the database is down")

    async def polled(_: JobContext) -> int:
        nonlocal runs
        runs += 1
        if runs == 4:
            stop.set()
        return 0

    listener = Listener("postgresql://nowhere", reconnect_seconds=0.01, connect=refused)
    worker = Worker(context, [Job("polled", polled, 0.01, 10, wake_on=("test_wakeup",))],
                    listener=listener)
    with caplog.at_level(logging.WARNING, logger="aftercare.worker"):
        await _run(worker, stop)

    assert runs == 4
    assert listener.connections == 0
    assert "notifications: not listening, polling only until reconnected" in caplog.messages


async def _terminate_listening_connections(database: Database) -> None:
    async with database.engine.begin() as connection:
        terminated = await connection.scalar(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = :name AND datname = current_database()"
        ), {"name": APPLICATION_NAME})
    assert terminated == 1
