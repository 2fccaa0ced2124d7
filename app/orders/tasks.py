"""Proactive support: tell the shop when a promised delivery date passes undelivered."""

from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.orders.service import report_overdue_deliveries

OVERDUE_BATCH = 500


def jobs(settings: Settings) -> list[Job]:
    return [
        Job(
            "delivery_overdue_watch", watch_overdue_deliveries, settings.worker_tick_seconds,
            OVERDUE_BATCH,
        ),
    ]


async def watch_overdue_deliveries(context: JobContext) -> int:
    async with context.transaction() as session:
        return await report_overdue_deliveries(session, context.clock.now(), OVERDUE_BATCH)
