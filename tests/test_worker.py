"""The job runner's loops, driven by the jobs themselves: a job sets `stop` (or an event the
test waits for) once it has seen what the test is about, so no test sleeps a fixed time. The
timeout only bounds a runner that misbehaves; a runner that behaves never waits for it."""

import asyncio
import logging

import pytest
from sqlalchemy import select

from app.config import Settings
from app.kit.clock import SystemClock
from app.kit.db import Database
from app.kit.jobs import Job, JobContext, Worker
from app.models import Customer

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
