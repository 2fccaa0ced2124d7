"""Fan-out: one pending delivery per (event, subscribed enabled endpoint), written with the
events in their transaction."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Event
from app.webhooks.repository import WebhookDeliveryRepository, WebhookEndpointRepository


async def fan_out(session: AsyncSession, events: Sequence[Event]) -> int:
    """Create the events' deliveries; how many were created."""
    if not events:
        return 0
    subscriptions = await WebhookEndpointRepository(session).enabled_subscriptions()
    pairs = [
        (event, endpoint_id)
        for event in events
        for endpoint_id, event_types in subscriptions
        if event_types is None or event.type in event_types
    ]
    return await WebhookDeliveryRepository(session).add_pending(pairs)
