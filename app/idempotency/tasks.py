from datetime import timedelta

from app.idempotency.repository import IdempotencyRepository
from app.worker import JobContext

PURGE_BATCH = 1000


async def purge_expired_idempotency_keys(context: JobContext) -> int:
    ttl = timedelta(hours=context.settings.idempotency_key_ttl_hours)
    async with context.database.sessionmaker() as session, session.begin():
        return await IdempotencyRepository(session).purge_created_before(
            context.clock.now() - ttl, PURGE_BATCH
        )
