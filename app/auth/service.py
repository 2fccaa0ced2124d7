import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import keys
from app.auth.errors import ApiKeyNotFound, InvalidApiKey, RevokedApiKey
from app.auth.repository import ApiKeyRepository, Credentials
from app.auth.scopes import Scope, grants
from app.kit.cache import InvalidatedCache
from app.kit.db import Database, invalidate_cache_on_commit
from app.kit.pagination import PageParams
from app.models import ApiKey

LAST_USED_RESOLUTION = timedelta(minutes=1)
# Emptied on every replica when a key's name, secret, scopes or revocation change (a trigger
# NOTIFYs; app.kit.cache); creating a key changes nothing cached, as unknown prefixes are not.
API_KEYS_CACHE = "api_keys"


@dataclass(frozen=True, slots=True)
class Principal:
    api_key_id: uuid.UUID
    name: str
    scopes: frozenset[str]


async def create_api_key(
    session: AsyncSession,
    name: str,
    scopes: Sequence[Scope],
    *,
    created_by: uuid.UUID | None = None,
) -> tuple[ApiKey, str]:
    """A new key and its plaintext, which is never stored and cannot be shown again."""
    new_key = keys.generate_key()
    api_key = ApiKey(
        name=name,
        prefix=new_key.prefix,
        secret_hash=new_key.secret_hash,
        scopes=[str(scope) for scope in scopes],
        created_by_id=created_by,
    )
    await ApiKeyRepository(session).add(api_key)
    return api_key, new_key.plaintext


@dataclass(slots=True)
class _KnownKey:
    """A key as authentication reads it; `last_used_at` is this process's latest write."""

    principal: Principal
    secret_hash: str
    revoked: bool
    last_used_at: datetime | None

    @classmethod
    def of(cls, row: Credentials) -> "_KnownKey":
        principal = Principal(api_key_id=row.id, name=row.name, scopes=frozenset(row.scopes))
        return cls(principal, row.secret_hash, row.revoked_at is not None, row.last_used_at)


async def authenticate(database: Database, plaintext: str, now: datetime) -> Principal:
    """The key's principal, from this process's cache while it is kept current (else one
    SELECT); its `last_used_at` is written at most once per LAST_USED_RESOLUTION."""
    prefix = keys.key_prefix(plaintext)
    known = await _known_key(database, prefix) if prefix else None
    if known is None or not keys.matches(plaintext, known.secret_hash):
        raise InvalidApiKey("The API key is not valid.")
    if known.revoked:
        raise RevokedApiKey("The API key has been revoked.")
    if known.last_used_at is None or known.last_used_at < now - LAST_USED_RESOLUTION:
        known.last_used_at = now  # first, so that concurrent requests do not write it too
        async with database.single_statements() as session:
            await ApiKeyRepository(session).touch(
                known.principal.api_key_id, now, LAST_USED_RESOLUTION
            )
    return known.principal


async def _known_key(database: Database, prefix: str) -> _KnownKey | None:
    cache: InvalidatedCache[str, _KnownKey] = database.caches.named(API_KEYS_CACHE)
    known = cache.get(prefix)
    if known is not None:
        return known
    generation = cache.generation()
    async with database.single_statements() as session:
        row = await ApiKeyRepository(session).credentials(prefix)
    if row is None:
        return None
    known = _KnownKey.of(row)
    cache.put(prefix, known, generation)
    return known


async def list_api_keys(
    session: AsyncSession, page: PageParams, *, include_revoked: bool
) -> tuple[Sequence[ApiKey], str | None]:
    return await ApiKeyRepository(session).page(page, include_revoked=include_revoked)


async def revoke_api_key(session: AsyncSession, key_id: uuid.UUID, now: datetime) -> ApiKey:
    api_key = await ApiKeyRepository(session).by_id(key_id)
    if api_key is None:
        raise ApiKeyNotFound(f"No API key with id {key_id}.")
    if api_key.revoked_at is None:
        api_key.revoked_at = now
        invalidate_cache_on_commit(session, API_KEYS_CACHE)
    return api_key


async def key_holds(session: AsyncSession, key_id: uuid.UUID, scope: Scope) -> bool:
    """Whether the key is not revoked and grants scope (what a session it opened still needs)."""
    api_key = await ApiKeyRepository(session).by_id(key_id)
    return api_key is not None and api_key.revoked_at is None and grants(
        frozenset(api_key.scopes), scope
    )


async def has_active_keys(session: AsyncSession) -> bool:
    return await ApiKeyRepository(session).count_active() > 0
