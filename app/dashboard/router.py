"""Dashboard links: read-only links to /dashboard, made and revoked through the API."""

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import JSONResponse

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.config import Settings
from app.dashboard import service
from app.dashboard.schemas import DashboardLinkCreate, DashboardLinkCreated, DashboardLinkOut
from app.idempotency.dependencies import idempotent
from app.idempotency.service import Idempotency
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/dashboard-links", tags=["dashboard"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.METRICS_READ))]
IdempotentRead = Annotated[Idempotency, Depends(idempotent(Scope.METRICS_READ))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DashboardLinkCreated)
async def create_dashboard_link(
    body: DashboardLinkCreate,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    actor: ReadKey,
    idempotency: IdempotentRead,
) -> JSONResponse:
    """A link that opens `/dashboard` read-only in a browser, without a key (for a wall
    screen or a colleague), until it expires or is revoked, and while the key that made it
    is active with metrics:read. The URL is in this answer only (and in the stored answer of
    its Idempotency-Key, for 24 h, like a survey invitation's link); only its hash is kept."""
    settings: Settings = request.app.state.settings
    created = await service.create_link(
        session,
        actor,
        body,
        clock.now(),
        base_url=str(settings.public_base_url),
        default_ttl=timedelta(hours=settings.dashboard_link_ttl_hours),
    )
    return await idempotency.respond(status.HTTP_201_CREATED, created)


@router.get("", response_model=Page[DashboardLinkOut])
async def list_dashboard_links(
    session: SessionDep, actor: ReadKey, page: PageParamsDep
) -> Page[DashboardLinkOut]:
    """The calling key's links (an admin key: every link), newest first, revoked and expired
    ones included; never their URLs."""
    rows, next_cursor = await service.list_links(session, actor, page)
    return Page(
        items=[DashboardLinkOut.model_validate(row) for row in rows], next_cursor=next_cursor
    )


@router.delete("/{link_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_dashboard_link(
    link_id: uuid.UUID, session: SessionDep, actor: ReadKey, clock: ClockDep
) -> None:
    """The link stops working at once and the browser sessions it opened end. Revoking twice
    is harmless; another key's link is a 404 (an admin key may revoke any)."""
    await service.revoke_link(session, actor, link_id, clock.now())
