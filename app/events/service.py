"""The outbox: call `record_event` (or `record_events` for a batch) in the same transaction as
the change it describes. Recording an event also creates its webhook deliveries, in the same
statement: none is lost after a commit, none is sent for a rolled-back change."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.repository import EventRepository
from app.events.types import EventType
from app.kit.ids import uuid7
from app.models import Event


def new_event(
    event_type: EventType,
    data: dict[str, Any],
    *,
    now: datetime,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
    actor_api_key_id: uuid.UUID | None = None,
) -> Event:
    return Event(
        id=uuid7(), type=event_type, created_at=now, data=data, subject_type=subject_type,
        subject_id=subject_id, actor_api_key_id=actor_api_key_id,
    )


async def record_event(
    session: AsyncSession,
    event_type: EventType,
    data: dict[str, Any],
    *,
    now: datetime,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
    actor_api_key_id: uuid.UUID | None = None,
) -> Event:
    event = new_event(
        event_type, data, now=now, subject_type=subject_type, subject_id=subject_id,
        actor_api_key_id=actor_api_key_id,
    )
    await record_events(session, [event])
    return event


async def record_events(session: AsyncSession, events: Sequence[Event]) -> None:
    """Record many events at once, e.g. a sweep's batch; build them with `new_event`."""
    await EventRepository(session).add_all_with_deliveries(events)
