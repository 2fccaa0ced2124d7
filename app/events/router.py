import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.events import service
from app.events.schemas import EventOut
from app.events.types import EventType
from app.kit.db import SessionDep
from app.kit.inputs import Timestamp
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/events", tags=["events"])
ManageKey = Annotated[Principal, Depends(require(Scope.WEBHOOKS_MANAGE))]


@router.get("", response_model=Page[EventOut])
async def list_events(
    session: SessionDep,
    _: ManageKey,
    page: PageParamsDep,
    event_types: Annotated[
        list[EventType] | None, Query(alias="type", description="repeat to match any of several")
    ] = None,
    since: Annotated[Timestamp | None, Query(description="created at or after")] = None,
) -> Page[EventOut]:
    """Every recorded event, newest first: what webhooks deliver, also for polling."""
    rows, next_cursor = await service.list_events(
        session, page, types=event_types or (), since=since
    )
    return Page(items=[EventOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/{event_id}", response_model=EventOut)
async def get_event(event_id: uuid.UUID, session: SessionDep, _: ManageKey) -> EventOut:
    return EventOut.model_validate(await service.get_event(session, event_id))
