import asyncio

from app.config import Settings
from app.kit.clock import SystemClock
from app.kit.db import Database
from app.kit.jobs import Job, JobContext, Worker


def _context(database: Database, settings: Settings) -> JobContext:
    return JobContext(database, SystemClock(), settings)


async def _run_for(worker: Worker, seconds: float) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.wait_for(task, timeout=5)


async def test_a_failing_job_is_logged_and_runs_again(
    database: Database, settings: Settings
) -> None:
    runs = 0

    async def flaky(_: JobContext) -> int:
        nonlocal runs
        runs += 1
        raise RuntimeError("boom")

    await _run_for(Worker(_context(database, settings), [Job("flaky", flaky, 0.01, 10)]), 0.2)
    assert runs >= 3


async def test_a_slow_job_never_delays_another(database: Database, settings: Settings) -> None:
    fast_runs = 0

    async def slow(_: JobContext) -> int:
        await asyncio.sleep(0.5)
        return 0

    async def fast(_: JobContext) -> int:
        nonlocal fast_runs
        fast_runs += 1
        return 0

    jobs = [Job("slow", slow, 0.01, 10), Job("fast", fast, 0.02, 10)]
    await _run_for(Worker(_context(database, settings), jobs), 0.4)
    assert fast_runs >= 8


async def test_a_job_never_overlaps_itself(database: Database, settings: Settings) -> None:
    running = 0
    most_at_once = 0

    async def slow(_: JobContext) -> int:
        nonlocal running, most_at_once
        running += 1
        most_at_once = max(most_at_once, running)
        await asyncio.sleep(0.05)
        running -= 1
        return 0

    await _run_for(Worker(_context(database, settings), [Job("slow", slow, 0.001, 10)]), 0.3)
    assert most_at_once == 1


async def test_a_full_batch_is_followed_at_once_by_another_run(
    database: Database, settings: Settings
) -> None:
    remaining = 35

    async def drain(_: JobContext) -> int:
        nonlocal remaining
        handled = min(10, remaining)
        remaining -= handled
        return handled

    # The interval is long: only running again at once after a full batch can drain it in time.
    await _run_for(Worker(_context(database, settings), [Job("drain", drain, 60, 10)]), 0.2)
    assert remaining == 0
