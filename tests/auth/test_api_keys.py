import hashlib
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from app.auth.scopes import Scope
from app.kit.db import Database
from app.kit.errors import MalformedJSON
from app.models import ApiKey
from tests.conftest import MakeKey
from tests.support.api import PROBLEM, bearer
from tests.support.clock import MutableClock


async def test_created_key_is_shown_once_and_stored_hashed(
    client: httpx.AsyncClient, admin_headers: dict[str, str], database: Database
) -> None:
    response = await client.post(
        "/v1/api-keys", json={"name": "shop backend", "scopes": ["tickets:write"]},
        headers=admin_headers,
    )
    assert response.status_code == 201
    created = response.json()
    assert created["key"].startswith(f"ak_{created['prefix']}_")
    assert created["scopes"] == ["tickets:write"]

    listed = await client.get("/v1/api-keys", headers=admin_headers)
    assert all("key" not in item for item in listed.json()["items"])
    async with database.sessionmaker() as session:
        row = await session.scalar(select(ApiKey).where(ApiKey.id == created["id"]))
    assert row is not None
    assert row.secret_hash == hashlib.sha256(created["key"].encode()).hexdigest()
    assert created["key"] not in (row.secret_hash, row.prefix, row.name)


async def test_new_key_authenticates_and_records_last_use(
    client: httpx.AsyncClient, make_key: MakeKey, clock: MutableClock, database: Database
) -> None:
    key = await make_key(Scope.ADMIN)
    response = await client.get("/v1/api-keys", headers=bearer(key))
    assert response.status_code == 200
    async with database.sessionmaker() as session:
        row = await session.scalar(select(ApiKey))
    assert row is not None
    assert row.last_used_at == clock.now()


async def test_last_use_is_written_at_most_once_a_minute(
    client: httpx.AsyncClient, make_key: MakeKey, clock: MutableClock, database: Database
) -> None:
    key = await make_key(Scope.ADMIN)
    first_use = clock.now()
    await client.get("/v1/api-keys", headers=bearer(key))
    clock.advance(timedelta(seconds=30))
    await client.get("/v1/api-keys", headers=bearer(key))
    async with database.sessionmaker() as session:
        assert await session.scalar(select(ApiKey.last_used_at)) == first_use
    later = clock.advance(timedelta(seconds=31))
    await client.get("/v1/api-keys", headers=bearer(key))
    async with database.sessionmaker() as session:
        assert await session.scalar(select(ApiKey.last_used_at)) == later


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-key",
        "Bearer ak_000000000000_" + "A" * 43,
    ],
)
async def test_missing_or_bad_key_is_401_problem(
    client: httpx.AsyncClient, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = await client.get("/v1/api-keys", headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["status"] == 401


@pytest.mark.parametrize("scheme", ["bearer", "BEARER"])
async def test_the_bearer_scheme_is_read_in_any_case(
    client: httpx.AsyncClient, admin_key: str, scheme: str
) -> None:
    response = await client.get("/v1/api-keys", headers={"Authorization": f"{scheme} {admin_key}"})
    assert response.status_code == 200


async def test_key_with_right_prefix_but_wrong_secret_is_401(
    client: httpx.AsyncClient, admin_key: str
) -> None:
    tampered = admin_key[:-1] + ("A" if admin_key[-1] != "A" else "B")
    response = await client.get("/v1/api-keys", headers=bearer(tampered))
    assert response.status_code == 401


async def test_wrong_scope_is_403(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    key = await make_key(Scope.TICKETS_READ, Scope.METRICS_READ)
    response = await client.get("/v1/api-keys", headers=bearer(key))
    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM
    assert "admin" in response.json()["detail"]


async def test_revoked_key_stops_working_and_revoking_again_is_harmless(
    client: httpx.AsyncClient, admin_headers: dict[str, str], make_key: MakeKey
) -> None:
    victim = await make_key(Scope.ADMIN, name="victim")
    listed = (await client.get("/v1/api-keys", headers=bearer(victim))).json()["items"]
    victim_id = next(item["id"] for item in listed if item["name"] == "victim")

    for _ in range(2):
        revoked = await client.delete(f"/v1/api-keys/{victim_id}", headers=admin_headers)
        assert revoked.status_code == 204
    response = await client.get("/v1/api-keys", headers=bearer(victim))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]

    active = (await client.get("/v1/api-keys", headers=admin_headers)).json()["items"]
    everything = (
        await client.get("/v1/api-keys?include_revoked=true", headers=admin_headers)
    ).json()["items"]
    assert victim_id not in [item["id"] for item in active]
    assert victim_id in [item["id"] for item in everything]


async def test_revoking_an_unknown_key_is_404(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.delete(
        "/v1/api-keys/00000000-0000-0000-0000-000000000000", headers=admin_headers
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"name": "x", "scopes": ["tickets:fly"]}, "/scopes/0"),
        ({"name": "", "scopes": ["admin"]}, "/name"),
        ({"name": "x" * 101, "scopes": ["admin"]}, "/name"),
        ({"name": "x", "scopes": []}, "/scopes"),
        ({"name": "x", "scopes": ["admin"], "owner": "me"}, "/owner"),
        ({"scopes": ["admin"]}, "/name"),
    ],
)
async def test_invalid_key_request_names_the_field(
    client: httpx.AsyncClient, admin_headers: dict[str, str], body: dict[str, object], pointer: str
) -> None:
    response = await client.post("/v1/api-keys", json=body, headers=admin_headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    errors = response.json()["errors"]
    assert {"pointer": pointer, "location": "body"}.items() <= errors[0].items()


async def test_malformed_json_is_400_problem(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.post(
        "/v1/api-keys", content=b'{"name": "x", "scopes": [',
        headers={**admin_headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["title"] == "Malformed JSON"
    assert response.json()["type"] == MalformedJSON.type_uri()


async def test_invalid_uuid_in_path_is_422_naming_the_parameter(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.delete("/v1/api-keys/not-a-uuid", headers=admin_headers)
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "pointer": "/key_id", "location": "path", "detail": response.json()["errors"][0]["detail"]
    }
