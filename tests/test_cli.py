import json
import os
import subprocess
import sys
import uuid

import httpx

from app.auth.errors import RevokedApiKey
from app.auth.scopes import Scope
from app.kit.migrations import PROJECT_ROOT
from tests.conftest import MakeKey
from tests.support.api import assert_problem, bearer


def _aftercare(
    database_url: str, *args: str, **variables: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AFTERCARE_DATABASE_URL": database_url, "AFTERCARE_LOG_FORMAT": "text"}
    env |= variables
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "app.cli", *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )


async def test_keys_create_prints_a_working_key_with_those_scopes(
    database_url: str, client: httpx.AsyncClient
) -> None:
    result = _aftercare(database_url, "keys", "create", "--name", "cli", "--scopes", "admin")
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    response = await client.get("/v1/api-keys", headers=bearer(key))
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["cli"]


def test_keys_create_refuses_an_unknown_scope(database_url: str) -> None:
    result = _aftercare(database_url, "keys", "create", "--name", "x", "--scopes", "root")
    assert result.returncode == 2
    assert "known scopes" in result.stderr


def test_a_misspelt_setting_stops_the_command_with_a_hint(database_url: str) -> None:
    result = _aftercare(database_url, "migrate", AFTERCARE_ENV="production")
    assert result.returncode == 2
    assert "AFTERCARE_ENV is not a setting; did you mean AFTERCARE_ENVIRONMENT?" in result.stderr


async def test_keys_list_shows_the_active_keys_and_with_a_flag_the_revoked_too(
    database_url: str, client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin = await make_key(Scope.ADMIN, name="ops admin")
    created = await client.post(
        "/v1/api-keys", json={"name": "old shop", "scopes": ["tickets:read"]}, headers=bearer(admin)
    )
    old_id = created.json()["id"]
    await client.delete(f"/v1/api-keys/{old_id}", headers=bearer(admin))

    table = _aftercare(database_url, "keys", "list")
    assert table.returncode == 0, table.stderr
    header, *rows = table.stdout.splitlines()
    assert header.split() == ["ID", "NAME", "SCOPES", "CREATED", "LAST", "USED", "REVOKED"]
    assert len(rows) == 1
    assert "ops admin" in rows[0]
    assert " admin " in rows[0]

    everything = _aftercare(database_url, "keys", "list", "--include-revoked", "--json")
    assert everything.returncode == 0, everything.stderr
    listed = {item["id"]: item for item in json.loads(everything.stdout)}
    assert listed[old_id]["name"] == "old shop"
    assert listed[old_id]["revoked_at"] is not None
    assert listed[old_id]["scopes"] == ["tickets:read"]
    assert len(listed) == 2


async def test_keys_revoke_stops_the_key_at_once_and_twice_is_harmless(
    database_url: str, client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    admin = await make_key(Scope.ADMIN)
    key = await make_key(Scope.ADMIN, name="leaked")
    key_id = next(
        item["id"]
        for item in (await client.get("/v1/api-keys", headers=bearer(admin))).json()["items"]
        if item["name"] == "leaked"
    )

    first = _aftercare(database_url, "keys", "revoke", key_id)
    assert first.returncode == 0, first.stderr
    assert f"Revoked API key {key_id} (leaked)." in first.stdout
    assert_problem(
        await client.get("/v1/api-keys", headers=bearer(key)), 401, problem=RevokedApiKey
    )

    again = _aftercare(database_url, "keys", "revoke", key_id)
    assert again.returncode == 0, again.stderr
    assert "already revoked" in again.stdout


def test_keys_revoke_of_an_unknown_or_malformed_id_exits_2_saying_so(
    database_url: str,
) -> None:
    unknown = _aftercare(database_url, "keys", "revoke", str(uuid.uuid4()))
    assert unknown.returncode == 2
    assert "No API key with id" in unknown.stderr

    malformed = _aftercare(database_url, "keys", "revoke", "not-a-key")
    assert malformed.returncode == 2
    assert "'not-a-key' is not an API key id" in malformed.stderr
