import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import keys
from app.auth.errors import ApiKeyNotFound, InvalidApiKey, RevokedApiKey
from app.auth.repository import ApiKeyRepository
from app.auth.scopes import Scope
from app.kit.pagination import PageParams
from app.models import ApiKey

LAST_USED_RESOLUTION = timedelta(minutes=1)


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


async def authenticate(session: AsyncSession, plaintext: str, now: datetime) -> Principal:
    prefix = keys.key_prefix(plaintext)
    api_key = await ApiKeyRepository(session).credentials(prefix) if prefix else None
    if api_key is None or not keys.matches(plaintext, api_key.secret_hash):
        raise InvalidApiKey("The API key is not valid.")
    if api_key.revoked_at is not None:
        raise RevokedApiKey("The API key has been revoked.")
    last_used = api_key.last_used_at
    if last_used is None or last_used < now - LAST_USED_RESOLUTION:
        await ApiKeyRepository(session).touch(api_key.id, now, LAST_USED_RESOLUTION)
    return Principal(api_key_id=api_key.id, name=api_key.name, scopes=frozenset(api_key.scopes))


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
    return api_key


async def has_active_keys(session: AsyncSession) -> bool:
    return await ApiKeyRepository(session).count_active() > 0
