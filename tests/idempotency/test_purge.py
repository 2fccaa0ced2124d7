import uuid
from datetime import timedelta

from app.config import Settings
from app.idempotency.repository import IdempotencyRepository
from app.idempotency.tasks import purge_expired_idempotency_keys
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import IdempotencyKey
from tests.support.clock import MutableClock


async def test_purge_removes_keys_older_than_the_ttl_only(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    now = clock.now()
    api_key_id = uuid.uuid4()
    ages = {"fresh": timedelta(hours=1), "edge": timedelta(hours=23, minutes=59),
            "old": timedelta(hours=25), "ancient": timedelta(days=30)}
    async with database.sessionmaker() as session, session.begin():
        for key, age in ages.items():
            session.add(IdempotencyKey(
                api_key_id=api_key_id, key=key, request_fingerprint="f" * 64,
                response_status=201, response_body="{}", created_at=now - age,
            ))

    purged = await purge_expired_idempotency_keys(JobContext(database, clock, settings))

    assert purged == 2
    async with database.sessionmaker() as session:
        repository = IdempotencyRepository(session)
        assert await repository.count() == 2
        assert await repository.find(api_key_id, "edge") is not None
        assert await repository.find(api_key_id, "old") is None
