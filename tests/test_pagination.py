import json
import re

import httpx
import pytest
from fastapi import FastAPI

from app.auth.scopes import Scope
from app.kit.pagination import CURSOR_PATTERN
from tests.conftest import MakeKey


async def test_cursor_walks_every_key_once_newest_first(
    client: httpx.AsyncClient, make_key: MakeKey, admin_headers: dict[str, str]
) -> None:
    for number in range(6):
        await make_key(Scope.TICKETS_READ, name=f"key-{number}")
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params = {"limit": "3", **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/api-keys", params=params, headers=admin_headers)).json()
        seen += [item["name"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3  # 7 keys (6 + the admin key) in pages of 3
    assert seen == [f"key-{number}" for number in reversed(range(6))] + ["admin"]


async def test_last_full_page_has_no_next_cursor(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    page = (await client.get("/v1/api-keys?limit=1", headers=admin_headers)).json()
    assert len(page["items"]) == 1
    assert page["next_cursor"] is None


@pytest.mark.parametrize("cursor", ["garbage", "bm90IGpzb24", "WzEsIDJd"])
async def test_bad_cursor_is_400_problem(
    client: httpx.AsyncClient, admin_headers: dict[str, str], cursor: str
) -> None:
    response = await client.get("/v1/api-keys", params={"cursor": cursor}, headers=admin_headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "/cursor"


@pytest.mark.parametrize("limit", ["0", "201", "ten"])
async def test_limit_out_of_range_is_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str], limit: str
) -> None:
    response = await client.get("/v1/api-keys", params={"limit": limit}, headers=admin_headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/limit"
    assert response.json()["errors"][0]["location"] == "query"


def test_every_cursor_parameter_carries_the_pattern_the_server_accepts(app: FastAPI) -> None:
    cursors = [
        parameter["schema"]
        for operations in app.openapi()["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "cursor"
    ]
    assert len(cursors) >= 10
    assert all(CURSOR_PATTERN in json.dumps(schema) for schema in cursors)


@pytest.mark.parametrize("cursor", ["0" * 49, "9" * 17 + "f" * 32, "00012345678901234" + "a1" * 16])
async def test_any_cursor_matching_the_documented_pattern_is_a_position(
    client: httpx.AsyncClient, admin_headers: dict[str, str], cursor: str
) -> None:
    assert re.fullmatch(CURSOR_PATTERN, cursor)
    response = await client.get("/v1/api-keys", params={"cursor": cursor}, headers=admin_headers)
    assert response.status_code == 200, response.text
