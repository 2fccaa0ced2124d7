import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.events.errors import EventNotFound
from app.events.repository import EventRepository
from app.events.schemas import EventOut
from app.events.types import EventType
from app.kit.db import SessionDep
from app.kit.inputs import Timestamp
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/events", tags=["events"])
ManageDep = Annotated[Principal, Depends(require(Scope.WEBHOOKS_MANAGE))]


@router.get("", response_model=Page[EventOut])
async def list_events(
    session: SessionDep,
    _: ManageDep,
    page: PageParamsDep,
    event_types: Annotated[
        list[EventType] | None, Query(alias="type", description="repeat to match any of several")
    ] = None,
    since: Annotated[Timestamp | None, Query(description="created at or after")] = None,
) -> Page[EventOut]:
    """Every recorded event, newest first: what webhooks deliver, also for polling."""
    rows, next_cursor = await EventRepository(session).page(
        page, types=event_types or (), since=since
    )
    return Page(items=[EventOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/{event_id}", response_model=EventOut)
async def get_event(event_id: uuid.UUID, session: SessionDep, _: ManageDep) -> EventOut:
    event = await EventRepository(session).by_id(event_id)
    if event is None:
        raise EventNotFound(f"No event with id {event_id}.")
    return EventOut.model_validate(event)
