"""The outbox: call `record_event` in the same transaction as the change it describes."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.repository import EventRepository
from app.models import Event


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
    event = Event(
        type=event_type,
        created_at=now,
        data=data,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_api_key_id=actor_api_key_id,
    )
    return await EventRepository(session).add(event)


async def record_events(session: AsyncSession, events: Sequence[Event]) -> None:
    """Record many events at once, e.g. a sweep's batch; build them with `new_event`."""
    await EventRepository(session).add_all(events)


def new_event(
    event_type: str,
    data: dict[str, Any],
    *,
    now: datetime,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
) -> Event:
    return Event(
        type=event_type, created_at=now, data=data, subject_type=subject_type, subject_id=subject_id
    )
