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

from functools import cache

from fastapi import Request
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.security.base import SecurityBase
from fastapi.security.utils import get_authorization_scheme_param

from app.auth.errors import MissingApiKey, MissingScope
from app.auth.scopes import Scope, grants
from app.auth.service import Principal, authenticate

_BEARER = HTTPBearerModel(description="An Aftercare API key: `ak_...`")


class RequiredScope(SecurityBase):
    """The dependency of a route needing `required_scope`: reads the bearer key, authenticates
    it and checks the scope in one dependency (FastAPI solves each dependency of every request,
    so HTTPBearer beneath it would cost a second one). Being a security scheme itself, it shows
    in the OpenAPI document as HTTPBearer did."""

    def __init__(self, required_scope: Scope) -> None:
        self.model = _BEARER
        self.scheme_name = "HTTPBearer"
        self.required_scope = required_scope

    async def __call__(self, request: Request) -> Principal:
        scheme, credentials = get_authorization_scheme_param(request.headers.get("authorization"))
        if not credentials or scheme.lower() != "bearer":
            raise MissingApiKey("Send an API key as `Authorization: Bearer <key>`.")
        state = request.app.state  # its clock read here, not as one more dependency to solve
        principal = await authenticate(state.database, credentials, state.clock.now())
        if not grants(principal.scopes, self.required_scope):
            raise MissingScope(f"This API key lacks the `{self.required_scope}` scope.")
        return principal


@cache  # one dependency per scope, so FastAPI resolves a route's principal once per request
def require(scope: Scope) -> RequiredScope:
    return RequiredScope(scope)
