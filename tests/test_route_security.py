"""Every /v1 route refuses a request without an API key: no route forgot its scope."""

import re

import httpx
from fastapi import FastAPI

PUBLIC_PREFIX = "/v1/public/"
SAMPLE_PATH_VALUE = "00000000-0000-0000-0000-000000000000"


def protected_operations(app: FastAPI) -> list[tuple[str, str]]:
    operations: list[tuple[str, str]] = []
    for path, methods in app.openapi()["paths"].items():
        if not path.startswith("/v1/") or path.startswith(PUBLIC_PREFIX):
            continue
        concrete = re.sub(r"\{[^}]+\}", SAMPLE_PATH_VALUE, path)
        operations.extend((method.upper(), concrete) for method in methods)
    return operations


async def test_every_v1_route_requires_a_key(app: FastAPI, client: httpx.AsyncClient) -> None:
    operations = protected_operations(app)
    assert ("GET", "/v1/api-keys") in operations
    for method, path in operations:
        response = await client.request(method, path, json={})
        assert response.status_code == 401, f"{method} {path} answered {response.status_code}"
