import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Event
from app.pagination import PageParams, fetch_page


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, event: Event) -> Event:
        self.session.add(event)
        await self.session.flush()
        return event

    async def add_all(self, events: Sequence[Event]) -> None:
        """Many events in one round trip (one multi-row INSERT)."""
        self.session.add_all(events)
        await self.session.flush()

    async def by_id(self, event_id: uuid.UUID) -> Event | None:
        return await self.session.get(Event, event_id)

    async def page(
        self,
        params: PageParams,
        *,
        subject_id: uuid.UUID | None = None,
        types: Sequence[str] = (),
        since: datetime | None = None,
        ascending: bool = False,
    ) -> tuple[Sequence[Event], str | None]:
        statement = select(Event)
        if subject_id is not None:
            statement = statement.where(Event.subject_id == subject_id)
        if types:
            statement = statement.where(Event.type.in_(types))
        if since is not None:
            statement = statement.where(Event.created_at >= since)
        return await fetch_page(
            self.session, statement, Event.created_at, Event.id, params, ascending=ascending
        )
