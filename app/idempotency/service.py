"""Idempotency-Key for creating POSTs (IETF draft, Stripe's practice).

The stored answer is written in the same transaction as the effect, under a transaction-scoped
advisory lock: a crash loses both or neither, and a concurrent duplicate gets 409 at once.
"""

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NoReturn

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.service import Principal
from app.idempotency.errors import IdempotencyKeyInFlight, IdempotencyKeyReused
from app.idempotency.repository import FIND_PART as FIND_PART
from app.idempotency.repository import LOCK_PART as LOCK_PART
from app.idempotency.repository import LOCKED as LOCKED
from app.idempotency.repository import REMOVE_EXPIRED, IdempotencyRepository, lock_name, store_write
from app.kit.db import DriverQuery
from app.kit.errors import field_error
from app.kit.writes import Write

REPLAYED_HEADER = "Idempotent-Replayed"


class IdempotentReplay(Exception):
    """Short-circuits a request whose key already has a stored answer."""

    def __init__(self, status_code: int, body: str) -> None:
        super().__init__(status_code)
        self.status_code = status_code
        self.body = body

    def response(self) -> JSONResponse:
        """The stored answer, byte for byte as it was first sent."""
        return _SerialisedJSON(
            self.body.encode(), status_code=self.status_code, headers={REPLAYED_HEADER: "true"}
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
    _replay(fingerprint, stored_fingerprint, stored_status, stored_body)


def _replay(
    fingerprint: str, stored_fingerprint: str | None, status: int | None,
    body: str | None,
) -> NoReturn:
    assert status is not None
    assert body is not None
    if stored_fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request; use a new key.",
            errors=[field_error(
                "/idempotency-key", "key reused with a different request", location="header"
            )],
        )
    raise IdempotentReplay(status, body)


@dataclass(frozen=True, slots=True)
class IdempotentRequest:
    """A creating request that writes its effect in one statement of its own (on the driver
    connection) rather than through `begin` and `Idempotency.respond`, with the same rules. It
    reads the stored answer first (`FIND_PART`, given `find_values()`): `check_found` answers
    a duplicate, or says an expired answer must go first (`remove_expired`). Its statement
    takes the key's lock (`LOCK_PART`, given `lock_values()`; `LOCKED`), writes nothing unless
    it holds it (`in_flight` is the answer then), and stores the answer with the effect
    (`store_write`), failing on the key if one was stored meanwhile: read it again."""

    actor: Principal  # the request's API key, which the key belongs to
    key: str | None  # None: sent without a key, nothing is locked or stored
    fingerprint: str
    now: datetime
    ttl: timedelta

    @property
    def api_key_id(self) -> uuid.UUID:
        return self.actor.api_key_id

    def find_values(self) -> dict[str, Any]:
        return {"idempotency_key": self.key, "idempotency_api_key_id": self.api_key_id}

    def check_found(self, found: Mapping[str, Any]) -> bool:
        """Raise what a duplicate gets (the stored answer, or 422 for another request under
        the key) when `FIND_PART`'s columns hold an answer; True when they hold an expired
        one, which `remove_expired` must remove before a new one is stored."""
        created_at = found["idempotency_created_at"]
        if created_at is None:
            return False
        if created_at < self.now - self.ttl:
            return True
        _replay(
            self.fingerprint, found["idempotency_fingerprint"], found["idempotency_status"],
            found["idempotency_body"],
        )

    def remove_expired(self) -> tuple[DriverQuery, dict[str, Any]]:
        return REMOVE_EXPIRED, {
            "api_key_id": self.api_key_id, "key": self.key,
            "expired_before": self.now - self.ttl,
        }

    def lock_values(self) -> dict[str, Any]:
        name = None if self.key is None else lock_name(self.api_key_id, self.key)
        return {"idempotency_key": self.key, "idempotency_lock_name": name}

    def store_write(self, status_code: int, payload: str) -> tuple[Write, dict[str, Any]] | None:
        """The answer's write (None without a key)."""
        if self.key is None:
            return None
        return store_write(
            self.api_key_id, self.key, self.fingerprint, status_code, payload, self.now,
            only_new=True,
        )

    @staticmethod
    def in_flight() -> IdempotencyKeyInFlight:
        """The answer while another request holds the key (409)."""
        return _in_flight()


def _in_flight() -> IdempotencyKeyInFlight:
    return IdempotencyKeyInFlight(
        "A request with this Idempotency-Key is in progress; retry later."
    )
