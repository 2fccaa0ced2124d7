import httpx

from app.config import Settings
from app.kit.db import Database
from app.kit.migrations import head_revision
from app.main import create_app
from tests.support.database import drop_database, recreate_database, scratch_database_name


async def test_healthz_answers_without_auth(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_the_head_revision(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "schema_revision": head_revision()}


async def _readyz_with(database: Database, settings: Settings) -> httpx.Response:
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        return await http.get("/readyz")


async def test_readyz_is_503_when_the_schema_is_not_migrated(
    postgres_server_url: str, settings: Settings
) -> None:
    name = scratch_database_name("unmigrated")
    database = Database(await recreate_database(postgres_server_url, name))
    try:
        response = await _readyz_with(database, settings)
    finally:
        await database.dispose()
        await drop_database(postgres_server_url, name)
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "aftercare migrate" in response.json()["detail"]


async def test_readyz_is_503_when_the_database_is_unreachable(settings: Settings) -> None:
    database = Database("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    try:
        response = await _readyz_with(database, settings)
    finally:
        await database.dispose()
    assert response.status_code == 503
    assert response.json()["detail"] == "The database is unreachable."
