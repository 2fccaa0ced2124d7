import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.auth import service
from app.auth.dependencies import require
from app.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/api-keys", tags=["api-keys"], route_class=QueryCheckedRoute)
AdminKey = Annotated[Principal, Depends(require(Scope.ADMIN))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
async def create_api_key(body: ApiKeyCreate, session: SessionDep, actor: AdminKey) -> ApiKeyCreated:
    """Create an API key. The key itself is in this answer only: store it now."""
    api_key, plaintext = await service.create_api_key(
        session, body.name, body.scopes, created_by=actor.api_key_id
    )
    return ApiKeyCreated(**ApiKeyOut.model_validate(api_key).model_dump(), key=plaintext)


@router.get("", response_model=Page[ApiKeyOut])
async def list_api_keys(
    session: SessionDep,
    _: AdminKey,
    page: PageParamsDep,
    include_revoked: Annotated[bool, Query(description="also list revoked keys")] = False,
) -> Page[ApiKeyOut]:
    rows, next_cursor = await service.list_api_keys(
        session, page, include_revoked=include_revoked
    )
    return Page(items=[ApiKeyOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_api_key(
    key_id: uuid.UUID, session: SessionDep, _: AdminKey, clock: ClockDep
) -> None:
    """Revoke a key; it stops working at once. Revoking twice is harmless."""
    await service.revoke_api_key(session, key_id, clock.now())
