from typing import Any

import httpx
import pytest

from app.auth.scopes import Scope
from app.kit.db import Database
from app.models import Customer
from tests.conftest import MakeKey
from tests.support.shop import add_customer


@pytest.fixture
async def survey_headers(make_key: MakeKey) -> dict[str, str]:
    key = await make_key(Scope.SURVEYS_READ, Scope.SURVEYS_WRITE, name="surveys")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
async def customer(database: Database) -> Customer:
    return await add_customer(database, "cust-1")


async def invite(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    template: str = "post-purchase",
    **fields: Any,
) -> dict[str, Any]:
    body = {"template": template, "customer_external_ref": "cust-1", **fields}
    response = await client.post("/v1/survey-invitations", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def answer(
    client: httpx.AsyncClient, token: str, answers: dict[str, Any]
) -> httpx.Response:
    return await client.post(f"/v1/public/surveys/{token}/responses", json={"answers": answers})
