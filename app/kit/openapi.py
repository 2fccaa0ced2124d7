"""The OpenAPI document, with the problem+json error answers every operation can give and, in
`x-problem-types`, every problem type with its status, title and when it is raised."""

import json
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from app.kit.errors import PROBLEM_JSON, AppError

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An RFC 9457 problem document.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {
            "type": "string",
            "description": "What went wrong, as a URI; `x-problem-types` lists every one.",
        },
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["pointer", "detail"],
                "properties": {
                    "pointer": {"type": "string", "description": "JSON pointer into location"},
                    "location": {"$ref": "#/components/schemas/ProblemLocation"},
                    "detail": {"type": "string"},
                },
            },
        },
    },
}
PROBLEM_LOCATION: dict[str, Any] = {
    "type": "string",
    "enum": ["body", "query", "path", "header"],
    "description": "where the pointer points: the request's body, a query or path parameter,"
    " or a header",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}
DIGITS = {"type": "string", "pattern": "^[0-9]+$"}
HEADERS: dict[str, dict[str, Any]] = {
    "X-Request-ID": {
        "description": "this request's id (the one sent, or a new one); also in problem"
        " documents and log lines",
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the"
        " same Idempotency-Key",
        "schema": {"type": "string", "const": "true"},
    },
    "Retry-After": {"description": "seconds to wait before trying again", "schema": DIGITS},
    "ETag": {
        "description": "a weak tag of the figures; send it as If-None-Match to get 304 while"
        " they are unchanged",
        "schema": {"type": "string"},
    },
    "Cache-Control": {"schema": {"type": "string"}},
}
IF_NONE_MATCH: dict[str, Any] = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "the ETag of an earlier answer: 304 while the figures are unchanged",
    "schema": {"type": "string"},
}


def _error_codes(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    declared = [int(code) for code in operation.get("responses", {}) if code >= "400"]
    if not path.startswith("/v1/"):
        return declared
    codes = [*declared, 400, 422, 503]
    if operation.get("security"):
        codes += [401, 403]
    if "{" in path:
        codes.append(404)
    if method in WRITE_METHODS:
        codes.append(409)
    if "requestBody" in operation:
        codes.append(413)
    return sorted(set(codes))


def _problem_response(code: int) -> dict[str, Any]:
    return {
        "description": HTTPStatus(code).phrase,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def problem_types() -> list[dict[str, Any]]:
    """Every registered problem type (those of the domains the app imports), by status."""
    return [
        {
            "type": problem.type_uri(),
            "status": problem.status,
            "title": problem.title,
            "description": problem.description(),
        }
        for problem in sorted(AppError.registry.values(), key=lambda p: (p.status, p.slug))
    ]


def _drop_unreferenced_enums(document: dict[str, Any]) -> None:
    """FastAPI adds every enum class a field is annotated with as a component, also when the
    field shows its values inline (`app.kit.enums.NamedEnum`): drop those nothing refers to."""
    schemas = document.get("components", {}).get("schemas", {})
    text = json.dumps(document)
    for name in [name for name, schema in schemas.items() if "enum" in schema]:
        if f'"#/components/schemas/{name}"' not in text:
            del schemas[name]


def _document_headers(document: dict[str, Any]) -> None:
    """The response headers the middleware and the routes send, and the If-None-Match that
    the cached (metrics) routes read, on the operations that have them."""
    document["components"]["headers"] = HEADERS
    for operations in document["paths"].values():
        for operation in operations.values():
            responses: dict[str, dict[str, Any]] = operation["responses"]
            parameters = operation.get("parameters", [])
            idempotent = any(p["name"].lower() == "idempotency-key" for p in parameters)
            cached = "304" in responses
            if cached:
                operation["parameters"] = [*parameters, IF_NONE_MATCH]
            for code, response in responses.items():
                names = ["X-Request-ID"]
                if idempotent and code.startswith("2"):
                    names.append("Idempotent-Replayed")
                if code in ("429", "503"):
                    names.append("Retry-After")
                if cached and code in ("200", "304"):
                    names += ["ETag", "Cache-Control"]
                response["headers"] = {
                    name: {"$ref": f"#/components/headers/{name}"} for name in names
                }


def build_openapi(app: FastAPI, *, webhooks: dict[str, Any] | None = None) -> dict[str, Any]:
    """webhooks: the document's `webhooks` section, whose bodies refer to components the paths
    use."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes,
        servers=app.servers, license_info=app.license_info,
    )
    _drop_unreferenced_enums(document)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["ProblemLocation"] = PROBLEM_LOCATION
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            # an operation without a bearer dependency is public: say so rather than leave it out
            operation.setdefault("security", [])
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method, operation):
                existing = responses.get(str(code), {})
                responses[str(code)] = {**_problem_response(code), **(
                    {"description": existing["description"]} if "description" in existing else {}
                )}
    _document_headers(document)
    if webhooks:
        document["webhooks"] = webhooks
    document["x-problem-types"] = problem_types()
    app.openapi_schema = document
    return document


def operation_id(route: APIRoute) -> str:
    """The handler's name, in camelCase (`createTicket`): short and stable, so a generated
    client's methods do not change when a path does. A test keeps them unique."""
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)
