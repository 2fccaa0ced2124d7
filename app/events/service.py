"""The outbox: call `record_event` in the same transaction as the change it describes.

Recording an event also creates its webhook deliveries, in the same transaction.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.repository import EventRepository
from app.events.types import EVENT_TYPES
from app.models import Event
from app.webhooks.fanout import fan_out


async def record_event(
    session: AsyncSession,
    event_type: str,
    data: dict[str, Any],
    *,
    now: datetime,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
    actor_api_key_id: uuid.UUID | None = None,
) -> Event:
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}: add it to app/events/types.py")
    event = Event(
        type=str(event_type),
        created_at=now,
        data=data,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_api_key_id=actor_api_key_id,
    )
    await EventRepository(session).add(event)
    await fan_out(session, event)
    return event
