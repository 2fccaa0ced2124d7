from app.config import Settings
from app.kit.jobs import Job
from app.webhooks.dispatcher import WebhookDispatcher


def jobs(settings: Settings) -> list[Job]:
    dispatcher = WebhookDispatcher(settings)
    # Batch size 1: a run that claimed anything runs again at once; the dispatcher itself
    # waits (at most one poll interval) while all its slots are busy.
    return [
        Job(
            "deliver_webhooks", dispatcher.run, settings.webhook_delivery_poll_seconds, 1,
            on_stop=dispatcher.close,
        ),
    ]
