import os
import subprocess
import sys

import httpx

from app.kit.migrations import PROJECT_ROOT
from tests.support.api import bearer


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
