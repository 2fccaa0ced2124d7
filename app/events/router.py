import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.events import service
from app.events.schemas import (
    EventOut,
    EventTypeList,
    as_recorded,
    event_types,
    recorded_page,
)
from app.events.types import EventType
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute, Timestamp
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/events", tags=["events"], route_class=QueryCheckedRoute)
JSON = "application/json"
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
) -> Response:
    """Every recorded event, newest first: what webhooks deliver, also for polling."""
    rows, next_cursor = await service.list_events(
        session, page, types=event_types or (), since=since
    )
    return Response(recorded_page(rows, next_cursor), media_type=JSON)


@router.get("/{event_id}", response_model=EventOut)
async def get_event(event_id: uuid.UUID, session: SessionDep, _: ManageKey) -> Response:
    event = as_recorded(await service.get_event(session, event_id))
    return Response(event.model_dump_json(), media_type=JSON)


types_router = APIRouter(prefix="/v1/event-types", tags=["events"], route_class=QueryCheckedRoute)


@types_router.get("", response_model=EventTypeList)
async def list_event_types(_: ManageKey) -> EventTypeList:
    """Every event type with what it means and the JSON Schema of its `data`: what webhooks
    send and /v1/events returns (the document's `webhooks` section shows the same)."""
    return event_types()
