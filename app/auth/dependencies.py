"""Bearer authentication; every route declares the one scope it needs with `require`.

Each router names its dependency aliases the same way, after what the caller holds:

- `ReadKey`, `WriteKey` (`ManageKey` or `AdminKey` where the one scope is webhooks:manage or
  admin) = `Annotated[Principal, Depends(require(Scope.X))]`: the calling API key, checked for
  the router's scope. A handler takes it as `actor: WriteKey` when it uses the key and as
  `_: ReadKey` when it only needs the check; never in the decorator's `dependencies`.
- `IdempotentWrite` (`IdempotentManage`, `IdempotentAdmin`) =
  `Annotated[Idempotency, Depends(idempotent(Scope.X))]` on a creating POST, taken as
  `idempotency` and answered with `await idempotency.respond(...)`.
- Plumbing dependencies end in `Dep`: `SessionDep`, `ClockDep`, `PageParamsDep`.
"""

from collections.abc import Awaitable, Callable
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth.errors import MissingApiKey, MissingScope
from app.auth.scopes import Scope, grants
from app.auth.service import Principal, authenticate

_bearer = HTTPBearer(auto_error=False, description="An Aftercare API key: `ak_...`")


@cache  # one callable per scope, so FastAPI resolves a route's principal once per request
def require(scope: Scope) -> Callable[..., Awaitable[Principal]]:
    async def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        if credentials is None:
            raise MissingApiKey("Send an API key as `Authorization: Bearer <key>`.")
        state = request.app.state  # its clock read here, not as one more dependency to solve
        principal = await authenticate(state.database, credentials.credentials, state.clock.now())
        if not grants(principal.scopes, scope):
            raise MissingScope(f"This API key lacks the `{scope}` scope.")
        return principal

    dependency.required_scope = scope  # type: ignore[attr-defined]
    return dependency
