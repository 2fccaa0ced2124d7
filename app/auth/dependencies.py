"""Bearer authentication; every route declares the one scope it needs with `require`."""

from collections.abc import Awaitable, Callable
from functools import cache
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth.errors import MissingApiKey, MissingScope
from app.auth.scopes import Scope, grants
from app.auth.service import Principal, authenticate
from app.kit.clock import ClockDep
from app.kit.db import SessionDep

_bearer = HTTPBearer(auto_error=False, description="An Aftercare API key: `ak_...`")


@cache  # one callable per scope, so FastAPI resolves a route's principal once per request
def require(scope: Scope) -> Callable[..., Awaitable[Principal]]:
    async def dependency(
        session: SessionDep,
        clock: ClockDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        if credentials is None:
            raise MissingApiKey("Send an API key as `Authorization: Bearer <key>`.")
        principal = await authenticate(session, credentials.credentials, clock.now())
        if not grants(principal.scopes, scope):
            raise MissingScope(f"This API key lacks the `{scope}` scope.")
        return principal

    dependency.required_scope = scope  # type: ignore[attr-defined]
    return dependency
