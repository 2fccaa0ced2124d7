"""Idempotency-Key for creating POSTs (IETF draft, Stripe's practice).

The stored answer is written in the same transaction as the effect, under a transaction-scoped
advisory lock: a crash loses both or neither, and a concurrent duplicate gets 409 at once.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.idempotency.errors import IdempotencyKeyInFlight, IdempotencyKeyReused
from app.idempotency.repository import IdempotencyRepository
from app.kit.errors import field_error

REPLAYED_HEADER = "Idempotent-Replayed"


class IdempotentReplay(Exception):
    """Short-circuits a request whose key already has a stored answer."""

    def __init__(self, status_code: int, body: dict[str, Any]) -> None:
        super().__init__(status_code)
        self.status_code = status_code
        self.body = body

    def response(self) -> JSONResponse:
        return JSONResponse(
            self.body, status_code=self.status_code, headers={REPLAYED_HEADER: "true"}
        )


class _SerialisedJSON(JSONResponse):
    """A JSON answer whose body is already serialised."""

    def render(self, content: Any) -> bytes:
        assert isinstance(content, bytes)
        return content


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + canonical).hexdigest()


@dataclass(slots=True)
class Idempotency:
    """Passed to a creating route; `respond` stores the answer when a key was sent."""

    session: AsyncSession
    api_key_id: uuid.UUID
    key: str | None
    fingerprint: str
    now: datetime

    async def respond(self, status_code: int, body: BaseModel) -> JSONResponse:
        """The answer, serialised once: the same JSON is stored and sent."""
        payload = body.model_dump_json()
        if self.key is not None:
            stored = await IdempotencyRepository(self.session).store(
                self.api_key_id, self.key, self.fingerprint, status_code, payload, self.now
            )
            if not stored:  # a request with this key committed after `begin` looked
                raise _in_flight()
        return _SerialisedJSON(payload.encode(), status_code=status_code)


async def begin(
    session: AsyncSession,
    *,
    api_key_id: uuid.UUID,
    key: str | None,
    fingerprint: str,
    now: datetime,
    ttl: timedelta,
) -> Idempotency:
    """Lock the key and replay a stored answer, or hand back a context to store a new one."""
    context = Idempotency(session, api_key_id, key, fingerprint, now)
    if key is None:
        return context
    repository = IdempotencyRepository(session)
    locked, stored_fingerprint, stored_status, stored_body, created_at = (
        await repository.lock_and_find(api_key_id, key)
    )
    if not locked:
        raise _in_flight()
    if created_at is not None and created_at < now - ttl:
        await repository.remove(api_key_id, key)
        created_at = None
    if created_at is None:
        return context
    assert stored_status is not None
    assert stored_body is not None
    if stored_fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request; use a new key.",
            errors=[field_error(
                "/idempotency-key", "key reused with a different request", location="header"
            )],
        )
    raise IdempotentReplay(stored_status, stored_body)


def _in_flight() -> IdempotencyKeyInFlight:
    return IdempotencyKeyInFlight(
        "A request with this Idempotency-Key is in progress; retry later."
    )
