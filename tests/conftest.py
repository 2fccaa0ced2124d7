import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI

from app.auth.scopes import Scope
from app.auth.service import create_api_key
from app.config import Settings
from app.kit import migrations as schema
from app.kit.db import Database
from app.main import create_app
from app.models import Customer
from tests.factories import add_customer
from tests.support.api import bearer
from tests.support.clock import MutableClock
from tests.support.database import (
    empty_tables,
    recreate_database,
    scratch_database_name,
    server_url,
)
from tests.support.problems import ProblemTypeRecorder

MakeKey = Callable[..., Awaitable[str]]


@pytest.fixture(scope="session", autouse=True)
def _every_problem_type_answered_is_documented() -> Iterator[None]:
    """Each problem `type` any test got from the app is one the OpenAPI document lists."""
    recorder = ProblemTypeRecorder()
    with pytest.MonkeyPatch.context() as monkeypatch:
        recorder.install(monkeypatch)
        yield
    undocumented = recorder.undocumented()
    assert not undocumented, f"problem types answered but not documented: {undocumented}"


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    return server_url()


@pytest.fixture(scope="session")
async def database_url(postgres_server_url: str) -> str:
    url = await recreate_database(postgres_server_url, scratch_database_name("test"))
    await asyncio.to_thread(schema.upgrade, url)
    return url


@pytest.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url, pool_size=5, max_overflow=30)
    yield db
    await db.dispose()


@pytest.fixture(autouse=True)
async def _clean_tables(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Every test starts from empty tables; commits in tests are real commits."""
    yield
    if "database" not in request.fixturenames:
        return
    await empty_tables(request.getfixturevalue("database"))


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
        run_worker_in_api=False,
        webhook_allow_private_targets=True,
        log_format="text",
    )


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock()


@pytest.fixture
def app(settings: Settings, database: Database, clock: MutableClock) -> FastAPI:
    return create_app(settings, database=database, clock=clock)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def make_key(database: Database) -> MakeKey:
    async def make(*scopes: Scope, name: str = "test key") -> str:
        async with database.sessionmaker() as session, session.begin():
            _, plaintext = await create_api_key(session, name, list(scopes))
        return plaintext

    return make


@pytest.fixture
async def admin_key(make_key: MakeKey) -> str:
    return await make_key(Scope.ADMIN, name="admin")


@pytest.fixture
def admin_headers(admin_key: str) -> dict[str, str]:
    return bearer(admin_key)


@pytest.fixture
async def customer(database: Database) -> Customer:
    """Customer cust-1, the one the request bodies of tests.factories name."""
    return await add_customer(database)
