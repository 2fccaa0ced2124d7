"""The job runner: each job runs in its own loop, so a slow job never delays another.

A loop never overlaps itself (the next run starts after the previous one ends), logs errors and
goes on. Jobs claim work with FOR UPDATE SKIP LOCKED, so any number of workers can run at once.
Each domain declares its jobs, with their schedule and batch size, in its `tasks.py`.

Between runs a job sleeps for its interval (its polling period), or less: until the instant its
run said its next work falls due, or until woken, by a PostgreSQL NOTIFY on one of the channels it
declares (see `app.kit.notifications`) or by its own wakeup event.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.kit.clock import Clock
from app.kit.db import Database, asyncpg_dsn
from app.kit.notifications import Listener, WakeIf, wait_for_any
from app.kit.prometheus import JOB_DURATION, JOB_FAILURES

logger = logging.getLogger("aftercare.worker")
HEARTBEAT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class JobContext:
    database: Database
    clock: Clock
    settings: Settings

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction: committed when the block ends, rolled back on error."""
        async with self.database.sessionmaker() as session, session.begin():
            yield session


@dataclass(frozen=True, slots=True)
class Ran:
    """A run's report: how many items it handled, and, if it knows, in how many seconds from now
    (the run's end) its next work falls due: the job then sleeps no longer than that, nor than
    what is left of its interval."""

    handled: int
    next_due_in: float | None = None


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    run: Callable[[JobContext], Awaitable[int | Ran]]  # an int: how many items it handled
    interval_seconds: float  # the polling period: the longest it sleeps between runs
    batch_size: int  # a run that handled a full batch is followed at once by another
    on_stop: Callable[[], Awaitable[None]] | None = None  # after its loop ended, e.g. to drain
    wake_on: tuple[str, ...] = ()  # NOTIFY channels that end its sleep at once
    wake_if: WakeIf | None = None  # if given, only notifications whose payload it accepts do
    wakeup: asyncio.Event | None = None  # set by the job's own code to end its sleep at once


class Worker:
    def __init__(
        self,
        context: JobContext,
        jobs: Sequence[Job],
        heartbeat_file: Path | None = None,
        *,
        listener: Listener | None = None,
    ) -> None:
        self.context = context
        self.jobs = list(jobs)
        self.heartbeat_file = heartbeat_file
        if listener is None and any(job.wake_on for job in self.jobs):
            listener = Listener(asyncpg_dsn(context.database.url))
        self.listener = listener

    async def run(self, stop: asyncio.Event) -> None:
        logger.info("worker started", extra={"jobs": [job.name for job in self.jobs]})
        wakeups = {job.name: job.wakeup or asyncio.Event() for job in self.jobs}
        async with asyncio.TaskGroup() as group:
            if self.listener is not None:
                for job in self.jobs:
                    for channel in job.wake_on:
                        self.listener.subscribe(channel, wakeups[job.name], job.wake_if)
                group.create_task(self.listener.run(stop), name="notifications")
            for job in self.jobs:
                group.create_task(
                    self._loop(job, wakeups[job.name], stop), name=f"job:{job.name}"
                )
            if self.heartbeat_file is not None:
                group.create_task(self._heartbeat(self.heartbeat_file, stop), name="heartbeat")
        for job in self.jobs:
            if job.on_stop is not None:
                await job.on_stop()
        logger.info("worker stopped")

    async def _loop(self, job: Job, wakeup: asyncio.Event, stop: asyncio.Event) -> None:
        while not stop.is_set():
            # Cleared before the run: a wakeup during the run means another run at once.
            wakeup.clear()
            started = time.monotonic()
            ran = await self.run_once(job)
            if ran.handled >= job.batch_size:
                continue
            remaining = job.interval_seconds - (time.monotonic() - started)
            if ran.next_due_in is not None:
                remaining = min(remaining, ran.next_due_in)
            if remaining > 0:
                await wait_for_any(stop, wakeup, timeout=remaining)

    async def _heartbeat(self, path: Path, stop: asyncio.Event) -> None:
        """Touch path while the event loop runs and the database answers (`healthcheck worker`)."""
        while not stop.is_set():
            try:
                async with self.context.transaction() as session:
                    await session.execute(text("SELECT 1"))
            except Exception:
                logger.warning("heartbeat: the database does not answer", exc_info=True)
            else:
                await asyncio.to_thread(path.touch)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=HEARTBEAT_SECONDS)

    async def run_once(self, job: Job) -> Ran:
        started = time.perf_counter()
        try:
            result = await job.run(self.context)
        except Exception:
            JOB_FAILURES.labels(job.name).inc()
            logger.exception("job failed", extra={"job": job.name})
            return Ran(0)
        finally:
            JOB_DURATION.labels(job.name).observe(time.perf_counter() - started)
        ran = result if isinstance(result, Ran) else Ran(result)
        if ran.handled:
            logger.info("job ran", extra={"job": job.name, "handled": ran.handled})
        return ran
