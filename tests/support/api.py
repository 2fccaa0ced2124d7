"""Small request builders shared by the endpoint tests."""

from typing import Any

import httpx

from app.kit.errors import AppError

PROBLEM = "application/problem+json"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def ticket_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "subject": "Where is my parcel?",
        "description": "I ordered a week ago and nothing arrived.",
        "channel": "email",
        "customer": {"external_ref": "cust-1", "email": "ada@example.com", "name": "Ada"},
    }
    body.update(overrides)
    return body


def order_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "customer": {"external_ref": "cust-1", "email": "ada@example.com", "name": "Ada"},
        "placed_at": "2026-11-01T10:00:00Z",
        "amount": "49.90",
        "currency": "EUR",
        "promised_delivery_at": "2026-11-05T18:00:00Z",
    }
    body.update(overrides)
    return body


async def create_ticket(
    client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    response = await client.post("/v1/tickets", json=ticket_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def assert_problem(
    response: httpx.Response,
    status: int,
    pointer: str | None = None,
    *,
    problem: type[AppError] | None = None,
) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    if problem is not None:
        assert response.json()["type"] == problem.type_uri(), response.text
    if pointer is not None:
        pointers = [error["pointer"] for error in response.json()["errors"]]
        assert pointer in pointers, pointers
