from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import cache
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security.base import SecurityBase

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.idempotency.service import (
    Idempotency,
    IdempotentRequest,
    begin,
    request_fingerprint,
)
from app.kit.clock import ClockDep
from app.kit.db import SessionDep

IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"


IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        pattern=IDEMPOTENCY_KEY_PATTERN,
        description="a unique key per logical request (1-255 visible ASCII characters); "
        "a repeat replays the stored answer for 24 h; the key sent again with a"
        " different request is a 422 (idempotency-key-reused)",
    ),
]


@cache
def idempotent(scope: Scope) -> Callable[..., Awaitable[Idempotency]]:
    """The dependency for a creating POST that needs `scope`."""

    async def dependency(
        request: Request,
        session: SessionDep,
        clock: ClockDep,
        principal: Annotated[Principal, Depends(require(scope))],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Idempotency:
        return await begin(
            session,
            api_key_id=principal.api_key_id,
            key=idempotency_key,
            fingerprint=await _fingerprint(request, idempotency_key),
            now=clock.now(),
            ttl=_ttl(request),
        )

    return dependency


async def _fingerprint(request: Request, key: str | None) -> str:
    """What a key's stored answer is compared with (nothing to compare without a key)."""
    if key is None:
        return ""
    return request_fingerprint(request.method, request.scope["path"], await request.body())


def _ttl(request: Request) -> timedelta:
    return timedelta(hours=request.app.state.settings.idempotency_key_ttl_hours)


class IdempotentRequestScope(SecurityBase):
    """`idempotent` for a creating POST that writes on the driver connection (no session):
    the request's API key, checked for `required_scope` as `require` checks it, with its
    Idempotency-Key, fingerprint and clock, for its service to lock and store under. One
    dependency for both (FastAPI solves every dependency of every request, and `require`
    beneath it would cost a second one); a security scheme itself, it shows in the OpenAPI
    document as `require` does."""

    def __init__(self, required_scope: Scope) -> None:
        self._authenticated = require(required_scope)
        self.model = self._authenticated.model
        self.scheme_name = self._authenticated.scheme_name
        self.required_scope = required_scope

    async def __call__(
        self, request: Request, idempotency_key: IdempotencyKeyHeader = None
    ) -> IdempotentRequest:
        return IdempotentRequest(
            actor=await self._authenticated(request),
            key=idempotency_key,
            fingerprint=await _fingerprint(request, idempotency_key),
            # the app's clock, not one more dependency to solve
            now=request.app.state.clock.now(),
            ttl=_ttl(request),
        )


@cache  # one dependency per scope, as `require`
def idempotent_request(scope: Scope) -> IdempotentRequestScope:
    return IdempotentRequestScope(scope)
