import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Row,
    Text,
    Uuid,
    bindparam,
    delete,
    func,
    select,
    text,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import TypeEngine

from app.kit.db import DriverQuery
from app.kit.writes import Write, flush_writes
from app.models import IdempotencyKey

# The transaction-scoped lock on (api key, key), and the answer stored under it, in one
# statement. Its snapshot is taken before the lock: an answer committed by the request that
# held the lock until just then may be missed, which `store` then finds (it conflicts).
_LOCK = select(
    func.pg_try_advisory_xact_lock(
        func.hashtextextended(bindparam("lock_name", type_=Text()), 0)
    ).label("locked")
).subquery("lock")
_STORED = IdempotencyKey.__table__
_LOCK_AND_FIND = select(
    _LOCK.c.locked, _STORED.c.request_fingerprint, _STORED.c.response_status,
    _STORED.c.response_body, _STORED.c.created_at,
).select_from(
    _LOCK.outerjoin(
        _STORED,
        _LOCK.c.locked
        & (_STORED.c.api_key_id == bindparam("api_key_id", type_=Uuid()))
        & (_STORED.c.key == bindparam("key", type_=Text())),
    )
)
# With the writes the session deferred (a new ticket's SLA snapshot and event): one statement.
_INSERT_ANSWER = (
    "INSERT INTO idempotency_keys (api_key_id, key, request_fingerprint, response_status,"
    " response_body, created_at)"
    " VALUES (:api_key_id, :key, :fingerprint, :status, :body, :created_at)"
)
_ANSWER_TYPES: dict[str, TypeEngine[Any]] = {
    "api_key_id": Uuid(), "created_at": DateTime(timezone=True),
}
_STORE = Write(
    parts=(("stored_answer", f"{_INSERT_ANSWER} ON CONFLICT DO NOTHING RETURNING true"),),
    types=_ANSWER_TYPES,
    returns="EXISTS (SELECT FROM stored_answer)",
)
# For a creating request that writes its effect in one statement of its own (see
# `IdempotentRequest`): the answer stored under the key, read before (`FIND_PART`), and the
# key's lock, taken in the effect's statement (`LOCK_PART`; `LOCKED` is true when it is held,
# and always without a key, :idempotency_key NULL). `STORE_NEW` stores the answer in that
# statement: an answer stored meanwhile fails it on the key (nothing of it is written).
FIND_PART = (
    "stored_answer",
    "SELECT request_fingerprint AS idempotency_fingerprint,"
    " response_status AS idempotency_status, response_body AS idempotency_body,"
    " created_at AS idempotency_created_at FROM idempotency_keys"
    " WHERE api_key_id = CAST(:idempotency_api_key_id AS uuid)"
    " AND key = CAST(:idempotency_key AS text)",
)
LOCK_PART = (
    "idempotency_lock",
    "SELECT CASE WHEN CAST(:idempotency_key AS text) IS NULL THEN true"
    " ELSE pg_try_advisory_xact_lock(hashtextextended(CAST(:idempotency_lock_name AS text), 0))"
    " END AS locked",
)
LOCKED = "(SELECT locked FROM idempotency_lock)"
STORE_NEW = Write(parts=(("stored_answer", _INSERT_ANSWER),), types=_ANSWER_TYPES)
# An expired answer, removed before a new one is stored under its key.
REMOVE_EXPIRED = DriverQuery(text(
    "DELETE FROM idempotency_keys WHERE api_key_id = CAST(:api_key_id AS uuid)"
    " AND key = CAST(:key AS text) AND created_at < CAST(:expired_before AS timestamptz)"
))
_REMOVE = delete(IdempotencyKey).where(
    IdempotencyKey.api_key_id == bindparam("api_key_id"), IdempotencyKey.key == bindparam("key")
)



def store_write(
    api_key_id: uuid.UUID, key: str, fingerprint: str, status: int, body: str,
    created_at: datetime, *, only_new: bool = False,
) -> tuple[Write, dict[str, Any]]:
    """The answer's write: its result False if one is already stored under the key, or, with
    `only_new` (`STORE_NEW`), none, the statement failing instead."""
    return STORE_NEW if only_new else _STORE, {
        "api_key_id": api_key_id, "key": key, "fingerprint": fingerprint, "status": status,
        "body": body, "created_at": created_at,
    }


Stored = Row[bool, str | None, int | None, str | None, datetime | None]


def lock_name(api_key_id: uuid.UUID, key: str) -> str:
    """The advisory lock of one key of one API key: both paths that take it (the session's and
    the driver's one-statement gate) must name it alike to exclude each other."""
    return f"idem:{api_key_id}:{key}"


class IdempotencyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_and_find(self, api_key_id: uuid.UUID, key: str) -> Stored:
        """(locked, fingerprint, status, body, created_at): False while another request holds
        the key's lock; the stored answer's fields are None when there is none."""
        result = await self.session.execute(_LOCK_AND_FIND, {
            "lock_name": lock_name(api_key_id, key), "api_key_id": api_key_id, "key": key,
        })
        row: Stored = result.one()
        return row

    async def try_lock(self, api_key_id: uuid.UUID, key: str) -> bool:
        """The key's lock alone (what `lock_and_find` takes): False while another holds it."""
        row = await self.lock_and_find(api_key_id, key)
        return bool(row.locked)

    async def find(self, api_key_id: uuid.UUID, key: str) -> IdempotencyKey | None:
        return await self.session.get(IdempotencyKey, (api_key_id, key))

    async def remove(self, api_key_id: uuid.UUID, key: str) -> None:
        await self.session.execute(_REMOVE, {"api_key_id": api_key_id, "key": key})

    async def store(
        self, api_key_id: uuid.UUID, key: str, fingerprint: str, status: int, body: str,
        created_at: datetime,
    ) -> bool:
        """False if an answer is already stored under the key (see `_LOCK_AND_FIND`)."""
        stored = await flush_writes(
            self.session, *store_write(api_key_id, key, fingerprint, status, body, created_at)
        )
        return bool(stored)

    async def purge_created_before(self, cutoff: datetime, limit: int) -> int:
        expired = (
            select(IdempotencyKey.api_key_id, IdempotencyKey.key)
            .where(IdempotencyKey.created_at < cutoff)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        result = await self.session.execute(
            delete(IdempotencyKey).where(
                tuple_(IdempotencyKey.api_key_id, IdempotencyKey.key).in_(expired)
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(IdempotencyKey)) or 0)
