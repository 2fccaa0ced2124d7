from datetime import timedelta

from app.config import Settings
from app.idempotency.repository import IdempotencyRepository
from app.kit.jobs import Job, JobContext

PURGE_BATCH = 1000


def jobs(settings: Settings) -> list[Job]:
    return [Job("purge_idempotency_keys", purge_expired_idempotency_keys, 60.0, PURGE_BATCH)]


async def purge_expired_idempotency_keys(context: JobContext) -> int:
    ttl = timedelta(hours=context.settings.idempotency_key_ttl_hours)
    async with context.transaction() as session:
        return await IdempotencyRepository(session).purge_created_before(
            context.clock.now() - ttl, PURGE_BATCH
        )
