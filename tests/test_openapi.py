import json
import re
from typing import Any

import pytest

from app.cli import OPENAPI_PATH, openapi_document
from app.config import Settings
from app.kit.migrations import PROJECT_ROOT


def test_committed_openapi_document_matches_the_app(settings: Settings) -> None:
    committed = (PROJECT_ROOT / OPENAPI_PATH).read_text(encoding="utf-8")
    assert committed == openapi_document(settings), (
        "openapi/openapi.json is stale: run `make openapi` and commit the result"
    )


def test_every_operation_declares_its_security(settings: Settings) -> None:
    """Bearer auth on every /v1 route but the public ones; those, and the health checks, say
    `security: []` (an operation without the field would inherit a global requirement)."""
    document = json.loads(openapi_document(settings))
    public = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path.startswith("/v1/") and not path.startswith("/v1/public/"):
                assert operation.get("security") == [{"HTTPBearer": []}], f"{method} {path}"
            else:
                assert operation.get("security") == [], f"{method} {path}"
                public.append(f"{method.upper()} {path}")
    assert "GET /healthz" in public
    assert "POST /v1/public/surveys/{token}/responses" in public


def _unbounded_integers(node: object, document: dict[str, Any], where: str) -> list[str]:
    """Integer schemas under node (refs followed) without a maximum: a value past what the
    database column holds would reach the driver and fail there as a 500."""
    if isinstance(node, list):
        return [
            found for n, item in enumerate(node)
            for found in _unbounded_integers(item, document, f"{where}[{n}]")
        ]
    if not isinstance(node, dict):
        return []
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _unbounded_integers(document["components"]["schemas"][name], document, name)
    bounded = {"maximum", "enum", "const"} & node.keys()
    found = [where] if node.get("type") == "integer" and not bounded else []
    for key, child in node.items():
        found += _unbounded_integers(child, document, f"{where}.{key}")
    return found


def test_every_integer_a_client_sends_has_a_maximum(settings: Settings) -> None:
    document = json.loads(openapi_document(settings))
    unbounded = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            inputs = [operation.get("parameters", []), operation.get("requestBody", {})]
            unbounded += _unbounded_integers(inputs, document, f"{method.upper()} {path}")
    assert unbounded == []


# Fields of partial updates where null means something: no calendar (24x7).
NULL_MEANS_SOMETHING = {"PolicyUpdate": {"calendar_id"}}


@pytest.mark.parametrize("name", ["FeedbackUpdate", "PolicyUpdate", "CalendarUpdate"])
def test_partial_updates_show_null_only_where_it_is_accepted(
    settings: Settings, name: str
) -> None:
    """A PATCH field that refuses null (app.kit.inputs.Omittable) does not offer it."""
    schema = json.loads(openapi_document(settings))["components"]["schemas"][name]
    nullable = {
        field for field, property_schema in schema["properties"].items()
        if {"type": "null"} in property_schema.get("anyOf", [])
    }
    assert nullable == NULL_MEANS_SOMETHING.get(name, set())


VERBS = (
    "get", "list", "create", "update", "upsert", "delete", "revoke", "check", "escalate",
    "answer", "rotate", "end", "send", "recover", "redeliver", "search",
)


def test_every_operation_has_a_short_unique_camel_case_id_starting_with_a_verb(
    settings: Settings,
) -> None:
    document = json.loads(openapi_document(settings))
    ids = [
        operation["operationId"]
        for operations in document["paths"].values()
        for operation in operations.values()
    ]
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        assert re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", operation_id), operation_id
        assert re.match(f"({'|'.join(VERBS)})([A-Z]|$)", operation_id), operation_id
    assert {"createTicket", "listTickets", "getTicket", "updateOrder"} <= set(ids)


def test_response_headers_and_if_none_match_are_documented(settings: Settings) -> None:
    document = json.loads(openapi_document(settings))
    paths = document["paths"]

    def headers(path: str, method: str, code: str) -> set[str]:
        return set(paths[path][method]["responses"][code]["headers"])

    for operations in paths.values():
        for operation in operations.values():
            for response in operation["responses"].values():
                assert "X-Request-ID" in response["headers"]
    assert "Idempotent-Replayed" in headers("/v1/tickets", "post", "201")
    assert "Idempotent-Replayed" not in headers("/v1/tickets", "get", "200")
    assert {"ETag", "Cache-Control"} <= headers("/v1/metrics/summary", "get", "200")
    assert "Retry-After" in headers("/v1/public/surveys/{token}", "get", "429")
    assert "Retry-After" in headers("/v1/tickets", "post", "503")
    summary_parameters = paths["/v1/metrics/summary"]["get"]["parameters"]
    assert {"name": "If-None-Match", "in": "header"}.items() <= summary_parameters[-1].items()
