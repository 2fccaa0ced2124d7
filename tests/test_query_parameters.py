"""Every API route refuses query parameters it does not declare: a mistyped filter is a 422 naming
it, never an answer as if no filter had been sent. The customers' links (status page, survey)
ignore them: a mailer may append its tracking parameters."""

import re
import uuid

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from app.kit.inputs import PUBLIC_LINK_PREFIX, QueryCheckedRoute
from tests.support.api import assert_problem

MISTYPED = "definitely_not_a_parameter"


def _operations(app: FastAPI) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    ]


def _concrete(path: str) -> str:
    ids = {"{name}": "csat", "{external_ref}": "ref", "{token}": "t" * 43, "{number}": "1"}
    for template, value in ids.items():
        path = path.replace(template, value)
    return re.sub(r"\{\w*id\}", lambda _: str(uuid.uuid4()), path)


async def test_every_operation_refuses_an_undeclared_query_parameter(
    app: FastAPI, client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    operations = [op for op in _operations(app) if not op[1].startswith(PUBLIC_LINK_PREFIX)]
    assert len(operations) > 40
    for method, template in operations:
        response = await client.request(
            method, _concrete(template), params={MISTYPED: "1"}, headers=admin_headers
        )
        assert_problem(response, 422, f"/{MISTYPED}")
        assert response.json()["type"].endswith(":unknown-query-parameter"), (method, template)


async def test_a_mistyped_filter_names_itself_and_the_real_ones(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    response = await client.get(
        "/v1/survey-invitations?order_external_ref=o-1", headers=admin_headers
    )
    assert_problem(response, 422, "/order_external_ref")
    detail = response.json()["detail"]
    assert detail.startswith("unknown query parameter 'order_external_ref'; this route takes: ")
    assert "cursor" in detail


@pytest.mark.parametrize("query", ["limit=5", "limit=5&cursor=", ""])
async def test_declared_parameters_still_pass(
    client: httpx.AsyncClient, admin_headers: dict[str, str], query: str
) -> None:
    response = await client.get(f"/v1/tickets?{query}", headers=admin_headers)
    assert response.status_code == 200, response.text


def _api_routes(app: FastAPI) -> list[APIRoute]:
    """Every route of every included router (FastAPI keeps included routers whole)."""
    routes: list[BaseRoute] = []
    for route in app.routes:
        original = getattr(route, "original_router", None)
        routes.extend(original.routes if original is not None else [route])
    return [route for route in routes if isinstance(route, APIRoute)]


def test_every_api_route_checks_its_query_parameters(app: FastAPI) -> None:
    """The check lives in the route class: a router created without it would answer a
    mistyped filter as if it had not been sent (the dashboard's pages are not in the OpenAPI
    document the test above walks)."""
    routes = _api_routes(app)
    assert any(route.path.startswith("/dashboard") for route in routes)
    unchecked = [route.path for route in routes if not isinstance(route, QueryCheckedRoute)]
    assert unchecked == []
