"""The worker: the jobs every domain declares in its `tasks.py`, run by the kit's job runner."""

from pathlib import Path

from app.config import Settings
from app.idempotency import tasks as idempotency
from app.kit.clock import Clock
from app.kit.db import Database
from app.kit.jobs import Job, JobContext, Worker
from app.metrics import tasks as metrics
from app.orders import tasks as orders
from app.sla import tasks as sla
from app.surveys import tasks as surveys
from app.tickets import tasks as tickets
from app.webhooks import tasks as webhooks

DOMAINS_WITH_JOBS = (sla, orders, tickets, idempotency, webhooks, surveys, metrics)


def default_jobs(settings: Settings) -> list[Job]:
    return [job for domain in DOMAINS_WITH_JOBS for job in domain.jobs(settings)]


def new_worker(
    database: Database, clock: Clock, settings: Settings, heartbeat_file: Path | None = None
) -> Worker:
    """A worker running every declared job."""
    return Worker(JobContext(database, clock, settings), default_jobs(settings), heartbeat_file)
