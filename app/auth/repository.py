import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ApiKey
from app.pagination import PageParams, fetch_page


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, api_key: ApiKey) -> ApiKey:
        self.session.add(api_key)
        await self.session.flush()
        return api_key

    async def by_prefix(self, prefix: str) -> ApiKey | None:
        return await self.session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))

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
