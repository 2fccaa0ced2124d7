import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.responses import JSONResponse

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.idempotency.dependencies import idempotent
from app.idempotency.service import Idempotency
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute
from app.kit.pagination import Page, PageParamsDep
from app.sla import service
from app.sla.schemas import (
    CalendarCreate,
    CalendarOut,
    CalendarUpdate,
    PolicyCreate,
    PolicyOut,
    PolicyUpdate,
)

AdminKey = Annotated[Principal, Depends(require(Scope.ADMIN))]
IdempotentAdmin = Annotated[Idempotency, Depends(idempotent(Scope.ADMIN))]

calendars_router = APIRouter(
    prefix="/v1/business-calendars", tags=["sla"], route_class=QueryCheckedRoute
)
policies_router = APIRouter(prefix="/v1/sla-policies", tags=["sla"], route_class=QueryCheckedRoute)


@calendars_router.post("", status_code=status.HTTP_201_CREATED, response_model=CalendarOut)
async def create_business_calendar(
    body: CalendarCreate, session: SessionDep, clock: ClockDep, idempotency: IdempotentAdmin
) -> JSONResponse:
    """Create a business calendar: weekly opening hours in one IANA timezone, and holidays."""
    calendar = await service.create_calendar(session, body, clock.now())
    return await idempotency.respond(201, CalendarOut.model_validate(calendar))


@calendars_router.get("", response_model=Page[CalendarOut])
async def list_business_calendars(
    session: SessionDep, _: AdminKey, page: PageParamsDep
) -> Page[CalendarOut]:
    rows, next_cursor = await service.list_calendars(session, page)
    return Page(items=[CalendarOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@calendars_router.get("/{calendar_id}", response_model=CalendarOut)
async def get_business_calendar(
    calendar_id: uuid.UUID, session: SessionDep, _: AdminKey
) -> CalendarOut:
    return CalendarOut.model_validate(await service.get_calendar(session, calendar_id))


@calendars_router.patch("/{calendar_id}", response_model=CalendarOut)
async def update_business_calendar(
    calendar_id: uuid.UUID,
    body: CalendarUpdate,
    session: SessionDep,
    clock: ClockDep,
    _: AdminKey,
) -> CalendarOut:
    """Change a calendar. Tickets already under a policy keep the hours they were given."""
    calendar = await service.update_calendar(session, calendar_id, body, clock.now())
    return CalendarOut.model_validate(calendar)


@calendars_router.delete("/{calendar_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_business_calendar(
    calendar_id: uuid.UUID, session: SessionDep, _: AdminKey
) -> None:
    """Delete a calendar; 409 while an SLA policy uses it."""
    await service.delete_calendar(session, calendar_id)


@policies_router.post("", status_code=status.HTTP_201_CREATED, response_model=PolicyOut)
async def create_sla_policy(
    body: PolicyCreate, session: SessionDep, clock: ClockDep, idempotency: IdempotentAdmin
) -> JSONResponse:
    """Create an SLA policy. Policies are tried by position; the first whose conditions match
    a ticket applies to it."""
    policy = await service.create_policy(session, body, clock.now())
    return await idempotency.respond(201, PolicyOut.model_validate(policy))


@policies_router.get("", response_model=Page[PolicyOut])
async def list_sla_policies(
    session: SessionDep, _: AdminKey, page: PageParamsDep
) -> Page[PolicyOut]:
    rows, next_cursor = await service.list_policies(session, page)
    return Page(items=[PolicyOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@policies_router.get("/{policy_id}", response_model=PolicyOut)
async def get_sla_policy(policy_id: uuid.UUID, session: SessionDep, _: AdminKey) -> PolicyOut:
    return PolicyOut.model_validate(await service.get_policy(session, policy_id))


@policies_router.patch("/{policy_id}", response_model=PolicyOut)
async def update_sla_policy(
    policy_id: uuid.UUID,
    body: PolicyUpdate,
    session: SessionDep,
    clock: ClockDep,
    _: AdminKey,
) -> PolicyOut:
    """Change a policy (nested objects are replaced whole). Tickets it was applied to keep
    their snapshot until their priority, channel, tier or tags change."""
    policy = await service.update_policy(session, policy_id, body, clock.now())
    return PolicyOut.model_validate(policy)


@policies_router.delete("/{policy_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_sla_policy(policy_id: uuid.UUID, session: SessionDep, _: AdminKey) -> None:
    """Delete a policy; tickets it was applied to keep their targets."""
    await service.delete_policy(session, policy_id)
