from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.auth.scopes import Scope
from app.auth.service import create_api_key
from app.kit.db import Database
from tests.support.database import migrated_scratch_database


async def create_key(database_url: str, *scopes: Scope) -> str:
    database = Database(database_url, pool_size=1, max_overflow=0)
    try:
        async with database.sessionmaker() as session, session.begin():
            _, plaintext = await create_api_key(session, "fault test", list(scopes))
    finally:
        await database.dispose()
    return plaintext


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    """Where the processes of one test write their logs (shown when a test fails)."""
    path = tmp_path / "logs"
    path.mkdir()
    return path


@pytest.fixture
async def scratch_url(postgres_server_url: str) -> AsyncIterator[str]:
    """A migrated database of its own, dropped after the test."""
    async with migrated_scratch_database(postgres_server_url, "processes") as url:
        yield url
