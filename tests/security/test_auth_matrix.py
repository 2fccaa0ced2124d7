"""Every protected route x every kind of bad credential.

The routes and the scope each needs are read from the application itself (its routes and the
`require(scope)` dependency they declare), so a route added tomorrow is checked too, and a /v1
route that declares no scope at all fails the test.
"""

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.auth.errors import InvalidApiKey, MissingApiKey, MissingScope, RevokedApiKey
from app.auth.scopes import Scope
from app.kit.errors import AppError
from tests.conftest import MakeKey
from tests.support.api import PROBLEM, bearer

PUBLIC_PREFIXES = ("/v1/public/",)
WITH_BODY = {"POST", "PUT", "PATCH"}
PATH_VALUES = {"name": "csat"}  # any other path parameter gets a UUID (also valid as a ref)


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str  # with concrete values for its parameters
    scope: Scope

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.scope})"


def _scopes(dependant: Dependant) -> set[Scope]:
    found = set()
    for sub in dependant.dependencies:
        scope = getattr(sub.call, "required_scope", None)
        if scope is not None:
            found.add(Scope(scope))
        found |= _scopes(sub)
    return found


def v1_routes(app: FastAPI) -> Iterator[tuple[str, set[str], Dependant]]:
    """(path, methods, dependant) of every API route under /v1, as the app serves them."""
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path and context.path.startswith("/v1/"):
            yield context.path, set(context.methods or ()), route.dependant


def protected_operations(app: FastAPI) -> list[Operation]:
    operations: list[Operation] = []
    for template, methods, dependant in v1_routes(app):
        if template.startswith(PUBLIC_PREFIXES):
            assert not _scopes(dependant), f"public route {template} asks for a key"
            continue
        scopes = _scopes(dependant)
        assert len(scopes) == 1, f"{template} must declare exactly one scope, has {scopes}"
        path = re.sub(
            r"\{([^}:]+)(?::[^}]*)?\}",
            lambda match: PATH_VALUES.get(match[1], str(uuid.uuid4())),
            template,
        )
        operations.extend(Operation(method, path, next(iter(scopes))) for method in methods)
    return operations


def test_the_matrix_covers_every_documented_operation(app: FastAPI) -> None:
    documented = {
        (method.upper(), path)
        for path, methods in app.openapi()["paths"].items()
        if path.startswith("/v1/") and not path.startswith(PUBLIC_PREFIXES)
        for method in methods
    }
    derived = {
        (method, re.sub(r"\{([^}:]+):[^}]*\}", r"{\1}", path))  # {id:uuid} is {id} in the document
        for path, methods, _ in v1_routes(app)
        if not path.startswith(PUBLIC_PREFIXES)
        for method in methods
    }
    assert derived == documented
    assert len(protected_operations(app)) == len(documented) > 40
    # The document says so too: every protected operation declares its bearer security.
    for path, methods in app.openapi()["paths"].items():
        if path.startswith("/v1/") and not path.startswith(PUBLIC_PREFIXES):
            for method, operation in methods.items():
                assert operation.get("security"), f"{method} {path}"
                assert {"401", "403"} <= set(operation["responses"]), f"{method} {path}"


@dataclass(frozen=True, slots=True)
class Credentials:
    name: str
    headers: Callable[[Operation], dict[str, str]]
    problem: type[AppError]


@pytest.fixture
async def credential_cases(
    client: httpx.AsyncClient, make_key: MakeKey, admin_headers: dict[str, str]
) -> list[Credentials]:
    valid = await make_key(Scope.ADMIN, name="valid")
    prefix = valid.split("_")[1]
    wrong_secret = f"ak_{prefix}_" + ("B" if valid[-1] != "B" else "C") * 43
    revoked = await make_key(Scope.ADMIN, name="revoked")
    listed = await client.get("/v1/api-keys", headers=admin_headers)
    revoked_id = next(item["id"] for item in listed.json()["items"] if item["name"] == "revoked")
    assert (await client.delete(f"/v1/api-keys/{revoked_id}", headers=admin_headers)).is_success
    # For each scope, a key holding every other scope (admin excepted).
    lacking = {
        scope: await make_key(*(other for other in Scope if other not in {scope, Scope.ADMIN}))
        for scope in Scope
    }
    return [
        Credentials("missing", lambda op: {}, MissingApiKey),
        Credentials("not bearer", lambda op: {"Authorization": f"Basic {valid}"}, MissingApiKey),
        Credentials("malformed", lambda op: bearer("ak_not-a-key"), InvalidApiKey),
        Credentials("empty", lambda op: {"Authorization": "Bearer "}, MissingApiKey),
        Credentials("wrong secret", lambda op: bearer(wrong_secret), InvalidApiKey),
        Credentials(
            "unknown prefix", lambda op: bearer("ak_000000000000_" + "A" * 43), InvalidApiKey
        ),
        Credentials("revoked", lambda op: bearer(revoked), RevokedApiKey),
        Credentials("lacks the scope", lambda op: bearer(lacking[op.scope]), MissingScope),
    ]


async def test_every_route_refuses_every_bad_credential(
    app: FastAPI, client: httpx.AsyncClient, credential_cases: list[Credentials]
) -> None:
    failures: list[str] = []
    operations = protected_operations(app)
    assert len(operations) > 40
    for operation in operations:
        for case in credential_cases:
            body: dict[str, Any] | None = {} if operation.method in WITH_BODY else None
            response = await client.request(
                operation.method, operation.path, json=body, headers=case.headers(operation)
            )
            problem = response.headers.get("content-type") == PROBLEM
            if response.status_code != case.problem.status or not problem:
                failures.append(f"{operation} with {case.name} key: {response.status_code}")
                continue
            if case.problem.status == 401:
                assert response.headers["www-authenticate"] == "Bearer"
            document = response.json()
            assert (document["status"], document["type"]) == (
                case.problem.status, case.problem.type_uri()
            )
            if case.problem.status == 403:
                assert operation.scope in document["detail"]
    assert failures == []
