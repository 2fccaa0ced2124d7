import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Row, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, fetch_page
from app.models import ApiKey

Credentials = Row[uuid.UUID, str, str, list[str], datetime | None, datetime | None]

# Built once: this runs on every request.
_CREDENTIALS = select(
    ApiKey.id, ApiKey.name, ApiKey.secret_hash, ApiKey.scopes, ApiKey.revoked_at,
    ApiKey.last_used_at,
).where(ApiKey.prefix == bindparam("prefix"))


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, api_key: ApiKey) -> ApiKey:
        self.session.add(api_key)
        await self.session.flush()
        return api_key

    async def credentials(self, prefix: str) -> Credentials | None:
        """What authentication needs, as a plain row."""
        return (await self.session.execute(_CREDENTIALS, {"prefix": prefix})).one_or_none()

    async def by_id(self, key_id: uuid.UUID) -> ApiKey | None:
        return await self.session.get(ApiKey, key_id)

    async def page(
        self, params: PageParams, *, include_revoked: bool
    ) -> tuple[Sequence[ApiKey], str | None]:
        statement = select(ApiKey)
        if not include_revoked:
            statement = statement.where(ApiKey.revoked_at.is_(None))
        return await fetch_page(self.session, statement, ApiKey.created_at, ApiKey.id, params)

    async def count_active(self) -> int:
        statement = select(func.count()).where(ApiKey.revoked_at.is_(None))
        return int(await self.session.scalar(statement) or 0)

    async def touch(self, key_id: uuid.UUID, now: datetime, resolution: timedelta) -> None:
        """Record use, at most once per `resolution`, so reads do not all turn into writes."""
        await self.session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id)
            .where(or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < now - resolution))
            .values(last_used_at=now)
        )
