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
from app.models import IdempotencyKey

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
        payload = body.model_dump(mode="json")
        if self.key is not None:
            stored = IdempotencyKey(
                api_key_id=self.api_key_id,
                key=self.key,
                request_fingerprint=self.fingerprint,
                response_status=status_code,
                response_body=payload,
                created_at=self.now,
            )
            await IdempotencyRepository(self.session).add(stored)
        return JSONResponse(payload, status_code=status_code)


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
    if not await repository.try_lock(api_key_id, key):
        raise IdempotencyKeyInFlight(
            "A request with this Idempotency-Key is in progress; retry later."
        )
    stored = await repository.find(api_key_id, key)
    if stored is not None and stored.created_at < now - ttl:
        await repository.remove(stored)
        stored = None
    if stored is None:
        return context
    if stored.request_fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request; use a new key.",
            errors=[field_error(
                "/idempotency-key", "key reused with a different request", location="header"
            )],
        )
    raise IdempotentReplay(stored.response_status, stored.response_body)
