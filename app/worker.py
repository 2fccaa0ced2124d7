"""The background worker: each job runs in its own loop, so a slow job never delays another.

A loop never overlaps itself (the next run starts after the previous one ends), logs errors and
goes on. Jobs claim work with FOR UPDATE SKIP LOCKED, so any number of workers can run at once.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from app.config import Settings
from app.kit.clock import Clock
from app.kit.db import Database

logger = logging.getLogger("aftercare.worker")


@dataclass(frozen=True, slots=True)
class JobContext:
    database: Database
    clock: Clock
    settings: Settings


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    run: Callable[[JobContext], Awaitable[int]]  # returns how many items it handled
    interval_seconds: float
    batch_size: int  # a run that handled a full batch is followed at once by another
    on_stop: Callable[[], Awaitable[None]] | None = None  # after its loop ended, e.g. to drain


def default_jobs(settings: Settings) -> list[Job]:
    from app.idempotency.tasks import purge_expired_idempotency_keys
    from app.orders.overdue import OVERDUE_BATCH, watch_overdue_deliveries
    from app.sla.tasks import sweep_sla_targets
    from app.surveys.tasks import AUTO_INVITE_BATCH, invite_customers_of_solved_tickets
    from app.tickets.auto_close import AUTO_CLOSE_BATCH, auto_close_solved_tickets
    from app.webhooks.tasks import WebhookDispatcher

    tick = settings.worker_tick_seconds
    dispatcher = WebhookDispatcher(settings)
    jobs = [
        Job("sla_sweep", sweep_sla_targets, tick, settings.sla_sweep_batch_size),
        Job("delivery_overdue_watch", watch_overdue_deliveries, tick, OVERDUE_BATCH),
        Job("auto_close_solved_tickets", auto_close_solved_tickets, 60.0, AUTO_CLOSE_BATCH),
        Job("purge_idempotency_keys", purge_expired_idempotency_keys, 60.0, 1000),
        # Batch size 1: a run that claimed anything runs again at once; the dispatcher itself
        # waits (at most one poll interval) while all its slots are busy.
        Job(
            "deliver_webhooks", dispatcher.run, settings.webhook_delivery_poll_seconds, 1,
            on_stop=dispatcher.close,
        ),
    ]
    if settings.survey_auto_invite_on_solve:
        invite = invite_customers_of_solved_tickets
        jobs.append(Job("invite_solved_tickets", invite, 30.0, AUTO_INVITE_BATCH))
    return jobs


class Worker:
    def __init__(self, context: JobContext, jobs: Sequence[Job]) -> None:
        self.context = context
        self.jobs = list(jobs)

    async def run(self, stop: asyncio.Event) -> None:
        logger.info("worker started", extra={"jobs": [job.name for job in self.jobs]})
        async with asyncio.TaskGroup() as group:
            for job in self.jobs:
                group.create_task(self._loop(job, stop), name=f"job:{job.name}")
        for job in self.jobs:
            if job.on_stop is not None:
                await job.on_stop()
        logger.info("worker stopped")

    async def _loop(self, job: Job, stop: asyncio.Event) -> None:
        while not stop.is_set():
            started = time.monotonic()
            handled = await self.run_once(job)
            if handled >= job.batch_size:
                continue
            remaining = job.interval_seconds - (time.monotonic() - started)
            if remaining > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=remaining)

    async def run_once(self, job: Job) -> int:
        try:
            handled = await job.run(self.context)
        except Exception:
            logger.exception("job failed", extra={"job": job.name})
            return 0
        if handled:
            logger.info("job ran", extra={"job": job.name, "handled": handled})
        return handled
