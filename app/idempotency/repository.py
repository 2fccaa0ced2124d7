import uuid
from datetime import datetime

from sqlalchemy import delete, func, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import IdempotencyKey


class IdempotencyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def try_lock(self, api_key_id: uuid.UUID, key: str) -> bool:
        """A transaction-scoped lock on (api key, key): False while another request holds it."""
        statement = text("SELECT pg_try_advisory_xact_lock(hashtextextended(:lock_name, 0))")
        return bool(await self.session.scalar(statement, {"lock_name": f"idem:{api_key_id}:{key}"}))

    async def find(self, api_key_id: uuid.UUID, key: str) -> IdempotencyKey | None:
        return await self.session.get(IdempotencyKey, (api_key_id, key))

    async def remove(self, stored: IdempotencyKey) -> None:
        await self.session.delete(stored)
        await self.session.flush()

    async def add(self, stored: IdempotencyKey) -> None:
        self.session.add(stored)
        await self.session.flush()

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
