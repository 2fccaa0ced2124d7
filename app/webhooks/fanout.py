"""Fan-out: an event becomes one delivery per subscribed, enabled endpoint.

It runs inside `record_event`, in the transaction that records the event, so deliveries commit
exactly when the event does (never for a rolled-back change, never lost after a commit), and the
unique (endpoint_id, event_id) pair makes a second fan-out of the same event a no-op.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Event
from app.webhooks.repository import WebhookDeliveryRepository, WebhookEndpointRepository


async def fan_out(session: AsyncSession, event: Event) -> int:
    """Create the event's deliveries; how many were created."""
    endpoint_ids = await WebhookEndpointRepository(session).subscribed_ids(event.type)
    if not endpoint_ids:
        return 0
    return await WebhookDeliveryRepository(session).add_for_event(event, endpoint_ids)
