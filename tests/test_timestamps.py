"""Every timestamp a client sends is bounded in one place (app.kit.inputs.Timestamp): one written
with a year before 1900 or after 2999 (so also one whose offset moves it past year 9999 or before
year 1, or that window arithmetic would carry off the calendar) is a 422 naming the field, never a
500; the OpenAPI document shows the bound as a pattern."""

import re
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.kit.inputs import TIMESTAMP_PATTERN
from tests.factories import order_body
from tests.support.api import assert_problem

EXTREMES = [
    "9999-12-31T23:59:59-23:59",  # past year 9999 in UTC
    "0001-01-01T00:00:00+23:59",  # before year 1 in UTC
    "9999-12-31T23:59:59Z",  # on the calendar, but a window from it is not
    "1899-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
]


def _is_timestamp(schema: dict[str, Any]) -> bool:
    options = schema.get("anyOf", [schema])
    return any(option.get("format") == "date-time" for option in options)


def _timestamp_query_parameters(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and _is_timestamp(parameter["schema"]):
                    found.append((f"{method.upper()} {path}", parameter["name"]))
    return found


async def test_every_timestamp_query_parameter_refuses_instants_off_the_calendar(
    app: FastAPI, client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    parameters = _timestamp_query_parameters(app)
    assert len(parameters) >= 10  # metrics (x3 routes), tickets, orders, events, surveys, ...
    for operation, name in parameters:
        method, template = operation.split(" ")
        path = template.replace("{name}", "csat").replace("{external_ref}", "ref")
        path = path.replace("{id}", str(uuid.uuid4())).replace("{endpoint_id}", str(uuid.uuid4()))
        for value in EXTREMES:
            response = await client.request(
                method, path, params={name: value}, headers=admin_headers
            )
            assert_problem(response, 422, f"/{name}")


@pytest.mark.parametrize("value", EXTREMES)
@pytest.mark.parametrize("field", ["placed_at", "promised_delivery_at"])
async def test_order_timestamps_off_the_calendar_are_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str], field: str, value: str
) -> None:
    response = await client.put(
        "/v1/orders/o-1", json=order_body(**{field: value}), headers=admin_headers
    )
    assert_problem(response, 422, f"/{field}")


async def test_the_recover_since_off_the_calendar_is_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    for value in EXTREMES:
        response = await client.post(
            f"/v1/webhook-endpoints/{uuid.uuid4()}/recover", json={"since": value},
            headers=admin_headers,
        )
        assert_problem(response, 422, "/since")


async def test_the_ends_of_the_supported_range_are_accepted(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    window = {"from": "1900-01-01T00:00:00+23:59", "to": "1901-01-01T00:00:00Z"}
    early = await client.get("/v1/metrics/summary", params=window, headers=admin_headers)
    assert early.status_code == 200, early.text
    late = {"from": "2999-01-01T00:00:00Z", "to": "2999-12-31T23:59:59-23:59"}
    response = await client.get("/v1/metrics/retention", params=late, headers=admin_headers)
    assert response.status_code == 200, response.text


def _date_times(node: object, document: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [found for item in node for found in _date_times(item, document)]
    if not isinstance(node, dict):
        return []
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _date_times(document["components"]["schemas"][name], document)
    found = [node] if node.get("format") == "date-time" else []
    return found + [item for child in node.values() for item in _date_times(child, document)]


def test_every_timestamp_a_client_sends_shows_the_year_bound(app: FastAPI) -> None:
    document = app.openapi()
    inputs = [
        [operation.get("parameters", []), operation.get("requestBody", {})]
        for operations in document["paths"].values()
        for operation in operations.values()
    ]
    timestamps = _date_times(inputs, document)
    assert len(timestamps) >= 15
    assert all(schema.get("pattern") == TIMESTAMP_PATTERN for schema in timestamps)
    assert re.match(TIMESTAMP_PATTERN, "1900-01-01T00:00:00Z")
    assert re.match(TIMESTAMP_PATTERN, "2999-12-31T23:59:59Z")
    assert not any(re.match(TIMESTAMP_PATTERN, value) for value in EXTREMES)
