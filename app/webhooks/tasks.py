from app.config import Settings
from app.kit.jobs import Job, JobContext
from app.kit.prometheus import WEBHOOK_OLDEST_DUE_AGE, WEBHOOK_QUEUE_DEPTH
from app.webhooks.dispatcher import WebhookDispatcher
from app.webhooks.repository import WebhookDeliveryRepository
from app.webhooks.types import DELIVERIES_DUE_CHANNEL


def jobs(settings: Settings) -> list[Job]:
    dispatcher = WebhookDispatcher(settings)
    # Batch size 1: a run that claimed anything runs again at once. Otherwise it sleeps until
    # deliveries are written (NOTIFY), an attempt frees a slot (its wakeup), or the poll interval.
    deliver = Job(
        "deliver_webhooks", dispatcher.run, settings.webhook_delivery_poll_seconds, 1,
        on_stop=dispatcher.close, wake_on=(DELIVERIES_DUE_CHANNEL,), wakeup=dispatcher.wakeup,
    )
    if settings.metrics_port is None:
        return [deliver]
    return [deliver, Job("webhook_metrics", sample_queue, settings.metrics_sample_seconds, 1)]


async def sample_queue(context: JobContext) -> int:
    """The delivery queue gauges: how many deliveries wait, and the oldest one's wait."""
    now = context.clock.now()
    async with context.transaction() as session:
        depth, oldest = await WebhookDeliveryRepository(session).due_backlog(now)
    WEBHOOK_QUEUE_DEPTH.set(depth)
    WEBHOOK_OLDEST_DUE_AGE.set(0.0 if oldest is None else (now - oldest).total_seconds())
    return 0
