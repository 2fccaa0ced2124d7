"""A browser's session on the dashboard, and demo data to chart."""

from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import text

from app.auth.scopes import Scope
from app.demo.seed import seed_demo
from app.kit.db import Database
from tests.conftest import MakeKey
from tests.support.clock import MutableClock
from tests.test_demo import DEFAULT_POLICY

DEMO_NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
ORIGIN = {"Origin": "http://testserver"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


async def seed_small_demo(database_url: str, database: Database, clock: MutableClock) -> datetime:
    """300 demo tickets (with answers, SLA targets and orders) up to DEMO_NOW, the clock's now."""
    async with database.engine.begin() as connection:
        await connection.execute(text(DEFAULT_POLICY))
    await seed_demo(database_url, tickets=300, seed=7, now=DEMO_NOW)
    clock.set(DEMO_NOW)
    return DEMO_NOW


@pytest.fixture
async def demo(database_url: str, database: Database, clock: MutableClock) -> datetime:
    return await seed_small_demo(database_url, database, clock)


async def sign_in(client: httpx.AsyncClient, key: str) -> httpx.Response:
    return await client.post(
        "/dashboard/sign-in", data={"api_key": key}, headers={**ORIGIN, **BROWSER}
    )


@pytest.fixture
async def reader_key(make_key: MakeKey) -> str:
    return await make_key(Scope.METRICS_READ, name="dashboard reader")


@pytest.fixture
async def signed_in(client: httpx.AsyncClient, reader_key: str) -> httpx.AsyncClient:
    """The test client with a dashboard session cookie."""
    response = await sign_in(client, reader_key)
    assert response.status_code == 303, response.text
    return client
