import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Select,
    Text,
    Uuid,
    cast,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import LateralFromClause

from app.events.types import EventType, NewEvent
from app.kit.pagination import PageParams, bound_keyset, keyset, row_key, split_page
from app.kit.writes import Write, execute_write
from app.models import Event

# The events from arrays (unnest), and with them one pending delivery per event and enabled
# endpoint subscribed to its type (NULL event_types: every type), due at once: one statement,
# one round trip, whatever the batch size and the number of endpoints.
_INSERT_WITH_DELIVERIES = Write(
    parts=(
        ("new_events",
         "INSERT INTO events (id, type, created_at, data, subject_type, subject_id,"
         " actor_api_key_id, traceparent)"
         " SELECT id, type, created_at, CAST(data AS jsonb), subject_type, subject_id, actor,"
         " traceparent"
         " FROM unnest(:ids, :types, :created_at, :data, :subject_types, :subject_ids, :actors,"
         " :traceparents)"
         " AS e(id, type, created_at, data, subject_type, subject_id, actor, traceparent)"
         " RETURNING id, type, created_at"),
        ("new_deliveries",
         "INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, status,"
         " attempts_made, next_attempt_at, created_at)"
         " SELECT aftercare_uuid7(), endpoint.id, new_events.id, new_events.type, 'pending', 0,"
         " new_events.created_at, new_events.created_at"
         " FROM new_events JOIN webhook_endpoints AS endpoint ON endpoint.enabled"
         " AND (endpoint.event_types IS NULL OR new_events.type = ANY(endpoint.event_types))"),
    ),
    types={
        "ids": ARRAY(Uuid()),
        "types": ARRAY(Text()),
        "created_at": ARRAY(DateTime(timezone=True)),
        "data": ARRAY(Text()),
        "subject_types": ARRAY(Text()),
        "subject_ids": ARRAY(Uuid()),
        "actors": ARRAY(Uuid()),
        "traceparents": ARRAY(Text()),
    },
)


def events_with_deliveries_write(events: Sequence[NewEvent]) -> tuple[Write, dict[str, Any]]:
    """The write of the events and their deliveries, with its values."""
    return _INSERT_WITH_DELIVERIES, {
        "ids": [event.id for event in events],
        "types": [event.type for event in events],
        "created_at": [event.created_at for event in events],
        "data": [event.data for event in events],
        "subject_types": [event.subject_type for event in events],
        "subject_ids": [event.subject_id for event in events],
        "actors": [event.actor_api_key_id for event in events],
        "traceparents": [event.traceparent for event in events],
    }


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_all_with_deliveries(self, events: Sequence[NewEvent]) -> None:
        """The events and their webhook deliveries in one statement (or in the session's next,
        when it defers writes); the objects are not added to the session."""
        if not events:
            return
        await execute_write(self.session, *events_with_deliveries_write(events))

    async def by_id(self, event_id: uuid.UUID) -> Event | None:
        return await self.session.get(Event, event_id)

    async def page(
        self,
        params: PageParams,
        *,
        subject_id: uuid.UUID | None = None,
        types: Sequence[EventType] = (),
        since: datetime | None = None,
        ascending: bool = False,
    ) -> tuple[Sequence[Mapping[str, Any]], str | None]:
        """Rows of what a page shows of each event (`id`, `type`, `created_at`, `data` as JSON
        text): no ORM objects to build, no JSON to parse."""
        statement = _RECORDED
        if subject_id is not None:
            statement = statement.where(Event.subject_id == subject_id)
        if types:
            statement = statement.where(Event.type.in_(types))
        if since is not None:
            statement = statement.where(Event.created_at >= since)
        statement = keyset(statement, Event.created_at, Event.id, params.after, ascending=ascending)
        rows = (await self.session.execute(statement.limit(params.limit + 1))).mappings().all()
        return split_page(rows, params, row_key)


# The data as text, for `recorded_page` to splice into its answer unparsed.
_DATA_TEXT: ColumnElement[Any] = cast(Event.data, Text).label("data")
_RECORDED: Select[Any] = select(Event.id, Event.type, Event.created_at, _DATA_TEXT)


def subject_page(subject_id: ColumnElement[uuid.UUID]) -> LateralFromClause:
    """One page of the events about `subject_id` (a column of the caller's statement), oldest
    first, as `recorded_page` reads them; its parameters are `bound_keyset`'s."""
    subject = _RECORDED.where(Event.subject_id == subject_id)
    return bound_keyset(subject, Event.created_at, Event.id, ascending=True).lateral("page")
