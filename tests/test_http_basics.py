"""Middleware and error handling: request ids, problem+json everywhere, size limit, crashes."""

import logging
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from app.config import Settings
from app.kit.db import Database
from app.kit.errors import (
    DatabaseUnavailable,
    InternalError,
    MethodNotAllowed,
    NulInURL,
    PayloadTooLarge,
    TransactionConflict,
    UnknownPath,
)
from app.main import create_app
from tests.support.api import PROBLEM


async def test_request_id_is_generated_and_echoed(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert len(response.headers["x-request-id"]) == 32


async def test_safe_incoming_request_id_is_kept(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "shop-req.42"})
    assert response.headers["x-request-id"] == "shop-req.42"


async def test_unsafe_incoming_request_id_is_replaced(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert response.headers["x-request-id"] != "bad id\twith spaces"
    assert len(response.headers["x-request-id"]) == 32


async def test_problem_carries_the_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/api-keys", headers={"X-Request-ID": "trace-1"})
    assert response.json()["request_id"] == "trace-1"


async def test_unknown_route_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["instance"] == "/v1/nothing-here"
    assert response.json()["type"] == UnknownPath.type_uri()


async def test_wrong_method_is_405_problem(client: httpx.AsyncClient) -> None:
    response = await client.put("/healthz")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == MethodNotAllowed.type_uri()


async def test_oversized_body_by_content_length_is_413(
    client: httpx.AsyncClient, admin_headers: dict[str, str], settings: Settings
) -> None:
    body = b"x" * (settings.max_request_body_bytes + 1)
    response = await client.post("/v1/api-keys", content=body, headers=admin_headers)
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == PayloadTooLarge.type_uri()


async def test_oversized_streamed_body_is_413(
    client: httpx.AsyncClient, admin_headers: dict[str, str], settings: Settings
) -> None:
    chunk = b"x" * 65536
    chunks = settings.max_request_body_bytes // len(chunk) + 2

    async def stream() -> AsyncIterator[bytes]:
        for _ in range(chunks):
            yield chunk

    response = await client.post(
        "/v1/api-keys", content=stream(),
        headers={**admin_headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == PayloadTooLarge.type_uri()


@pytest.fixture
def crashing_app(settings: Settings, database: Database) -> FastAPI:
    app = create_app(settings, database=database)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    return app


async def test_unexpected_error_is_500_problem_without_internals_and_is_logged(
    crashing_app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    transport = httpx.ASGITransport(app=crashing_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        with caplog.at_level(logging.ERROR, logger="aftercare.http"):
            response = await http.get("/boom", headers={"X-Request-ID": "crash-1"})
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["x-request-id"] == "crash-1"
    assert "hunter2" not in response.text
    assert response.json()["request_id"] == "crash-1"
    assert response.json()["type"] == InternalError.type_uri()
    crash_records = [record for record in caplog.records if record.message == "unhandled error"]
    assert crash_records
    assert crash_records[0].exc_info is not None


async def test_unreachable_database_gives_503_problem(settings: Settings) -> None:
    unreachable = Database("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    app = create_app(settings, database=unreachable)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        response = await http.get(
            "/v1/api-keys", headers={"Authorization": "Bearer ak_000000000000_" + "A" * 43}
        )
    await unreachable.dispose()
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["retry-after"] == "1"
    assert response.json()["type"] == DatabaseUnavailable.type_uri()


@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])  # deadlock, serialisation failure
async def test_a_transaction_undone_for_another_is_a_503_to_retry(
    settings: Settings, database: Database, sqlstate: str
) -> None:
    """PostgreSQL itself raises the error, as it does when it breaks a deadlock."""
    app = create_app(settings, database=database)

    @app.get("/conflict")
    async def conflict() -> None:
        async with database.sessionmaker() as session:
            await session.execute(text(
                f"DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '{sqlstate}'; END $$"
            ))

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        response = await http.get("/conflict")
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["retry-after"] == "1"
    assert response.json()["type"] == TransactionConflict.type_uri()


async def test_cors_allows_only_configured_origins(settings: Settings, database: Database) -> None:
    configured = settings.model_copy(update={"cors_origins": ["https://shop.example"]})
    app = create_app(configured, database=database)
    transport = httpx.ASGITransport(app=app)
    preflight = {"Access-Control-Request-Method": "GET"}
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        allowed = await http.options(
            "/v1/api-keys", headers={"Origin": "https://shop.example", **preflight}
        )
        refused = await http.options(
            "/v1/api-keys", headers={"Origin": "https://evil.example", **preflight}
        )
    assert allowed.headers["access-control-allow-origin"] == "https://shop.example"
    assert "access-control-allow-origin" not in refused.headers


async def test_405_lists_every_allowed_method(client: httpx.AsyncClient) -> None:
    response = await client.put("/v1/api-keys")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"


async def test_nul_in_the_url_is_400_problem(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.get("/v1/api-keys?cursor=a%00b", headers=admin_headers)
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert "NUL" in response.json()["detail"]
    assert response.json()["type"] == NulInURL.type_uri()
