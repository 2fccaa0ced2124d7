"""Proactive support: tell the shop when a delivery promise is at risk, and when it passed
undelivered."""

from datetime import timedelta

from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.orders.delivery import TransitHistory
from app.orders.risk_watch import report_deliveries_at_risk
from app.orders.service import report_overdue_deliveries

OVERDUE_BATCH = 500
RISK_BATCH = 500
# A tick reads each lane's transit times once; a worker keeps them this long.
DISTRIBUTIONS_KEPT = timedelta(minutes=10)


def jobs(settings: Settings) -> list[Job]:
    return [
        Job(
            "delivery_overdue_watch", watch_overdue_deliveries, settings.worker_tick_seconds,
            OVERDUE_BATCH,
        ),
        Job(
            "delivery_risk_watch", DeliveryRiskWatch(settings), settings.worker_tick_seconds,
            RISK_BATCH,
        ),
    ]


async def watch_overdue_deliveries(context: JobContext) -> int:
    async with context.transaction() as session:
        return await report_overdue_deliveries(session, context.clock.now(), OVERDUE_BATCH)


class DeliveryRiskWatch:
    """One tick of the at-risk watch; the comparable-delivery distributions are kept between
    ticks (DISTRIBUTIONS_KEPT) rather than read again for every order."""

    def __init__(self, settings: Settings, batch: int = RISK_BATCH) -> None:
        self.history = TransitHistory(settings, ttl=DISTRIBUTIONS_KEPT)
        self.batch = batch

    async def __call__(self, context: JobContext) -> int:
        async with context.transaction() as session:
            return await report_deliveries_at_risk(
                session, self.history, context.clock.now(), self.batch
            )
