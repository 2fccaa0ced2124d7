"""Speaking to the API in tests: credentials and the shape of a problem answer."""

import httpx

from app.kit.errors import AppError

PROBLEM = "application/problem+json"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


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
