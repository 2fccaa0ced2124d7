"""Every model module is imported here so metadata is complete for Alembic and the tests."""

from app.models.api_keys import ApiKey
from app.models.base import Base
from app.models.events import Event
from app.models.idempotency import IdempotencyKey
from app.models.webhooks import (
    DELIVERY_STATUSES,
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookEndpoint,
)

__all__ = [
    "DELIVERY_STATUSES",
    "ApiKey",
    "Base",
    "Event",
    "IdempotencyKey",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
    "WebhookEndpoint",
]
