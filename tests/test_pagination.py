import httpx
import pytest

from app.auth.scopes import Scope
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
