"""The outbox: call `record_event` (or `record_events` for a batch) in the same transaction as
the change it describes. Recording an event also creates its webhook deliveries, in the same
statement: none is lost after a commit, none is sent for a rolled-back change."""

import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import LateralFromClause

from app.auth.service import Principal
from app.events.errors import EventNotFound
from app.events.repository import EventRepository, events_with_deliveries_write
from app.events.repository import subject_page as repository_subject_page
from app.events.types import ApiKeyActor, EventData, EventType, NewEvent, SystemActor
from app.kit.ids import uuid7
from app.kit.pagination import PageParams, keyset_values
from app.kit.prometheus import EVENTS_RECORDED, count_on_commit
from app.kit.tracing import current_traceparent
from app.kit.writes import Write
from app.models import Event


def new_event(
    data: EventData,
    *,
    now: datetime,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
    actor_api_key_id: uuid.UUID | None = None,
) -> NewEvent:
    return NewEvent(
        id=uuid7(), type=data.event_type, created_at=now,
        data=data.model_dump_json(by_alias=True), subject_type=subject_type,
        subject_id=subject_id, actor_api_key_id=actor_api_key_id,
        traceparent=current_traceparent(),
    )


async def record_event(
    session: AsyncSession,
    data: EventData,
    *,
    now: datetime,
    subject_type: str | None = None,
    subject_id: uuid.UUID | None = None,
    actor_api_key_id: uuid.UUID | None = None,
) -> NewEvent:
    event = new_event(
        data, now=now, subject_type=subject_type, subject_id=subject_id,
        actor_api_key_id=actor_api_key_id,
    )
    await record_events(session, [event])
    return event


async def record_events(session: AsyncSession, events: Sequence[NewEvent]) -> None:
    """Record many events at once, e.g. a sweep's batch; build them with `new_event`."""
    await EventRepository(session).add_all_with_deliveries(events)
    for event_type, count in Counter(event.type for event in events).items():
        count_on_commit(session, EVENTS_RECORDED.labels(event_type), count)


def recording_write(events: Sequence[NewEvent]) -> tuple[Write, dict[str, Any]]:
    """`record_events` for a transaction run on the driver connection: the write of the events
    and their deliveries, to send in it; call `count_recorded` once it committed."""
    return events_with_deliveries_write(events)


def count_recorded(events: Sequence[NewEvent]) -> None:
    for event_type, count in Counter(event.type for event in events).items():
        EVENTS_RECORDED.labels(event_type).inc(count)


def actor_data(actor: Principal | None) -> SystemActor | ApiKeyActor:
    """Who caused an event, as event payloads show it: an API key, or the service itself."""
    if actor is None:
        return SystemActor(type="system")
    return ApiKeyActor(type="api_key", api_key_id=actor.api_key_id, name=actor.name)


async def get_event(session: AsyncSession, event_id: uuid.UUID) -> Event:
    event = await EventRepository(session).by_id(event_id)
    if event is None:
        raise EventNotFound(f"No event with id {event_id}.")
    return event


async def list_events(
    session: AsyncSession,
    page: PageParams,
    *,
    subject_id: uuid.UUID | None = None,
    types: Sequence[EventType] = (),
    since: datetime | None = None,
    ascending: bool = False,
) -> tuple[Sequence[Mapping[str, Any]], str | None]:
    """Newest first, or oldest first for a subject's timeline (ascending): each event's `id`,
    `type`, `created_at` and `data`, for `recorded_page`."""
    return await EventRepository(session).page(
        page, subject_id=subject_id, types=types, since=since, ascending=ascending
    )


def subject_page(subject_id: ColumnElement[uuid.UUID]) -> LateralFromClause:
    """`list_events` for one subject, oldest first, as a part of the caller's statement (see
    the repository's); its parameters from `subject_page_values`."""
    return repository_subject_page(subject_id)


def subject_page_values(page: PageParams) -> dict[str, Any]:
    """The parameters of `subject_page` (one row more than the page, for `split_page`)."""
    return keyset_values(page, ascending=True)
