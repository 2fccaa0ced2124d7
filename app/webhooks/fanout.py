"""Fan-out: one pending delivery per (event, subscribed enabled endpoint), written with the
events in their transaction."""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Event
from app.webhooks.repository import WebhookDeliveryRepository, WebhookEndpointRepository

Subscriptions = list[tuple[uuid.UUID, frozenset[str] | None]]
_SUBSCRIPTIONS_KEY = "webhook_subscriptions"


async def fan_out(session: AsyncSession, events: Sequence[Event]) -> int:
    """Create the events' deliveries; how many were created."""
    if not events:
        return 0
    subscriptions = await _subscriptions(session)
    pairs = [
        (event, endpoint_id)
        for event in events
        for endpoint_id, event_types in subscriptions
        if event_types is None or event.type in event_types
    ]
    return await WebhookDeliveryRepository(session).add_pending(pairs)


async def _subscriptions(session: AsyncSession) -> Subscriptions:
    """Read once per transaction: a request that records several events asks once."""
    transaction = session.get_transaction()
    cached = session.info.get(_SUBSCRIPTIONS_KEY)
    if cached is not None and cached[0] is transaction:
        subscriptions: Subscriptions = cached[1]
        return subscriptions
    subscriptions = await WebhookEndpointRepository(session).enabled_subscriptions()
    session.info[_SUBSCRIPTIONS_KEY] = (transaction, subscriptions)
    return subscriptions
