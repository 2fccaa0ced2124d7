"""Every enum of the OpenAPI document is named once: a component of its own, which every schema
and parameter using it refers to, so a generated client has one class per enum (not one per
field that uses it)."""

import json
from collections.abc import Iterator
from typing import Any

from app.cli import OPENAPI_PATH
from app.kit.migrations import PROJECT_ROOT

DOCUMENT = json.loads((PROJECT_ROOT / OPENAPI_PATH).read_text(encoding="utf-8"))


def _enums(node: object, where: str) -> Iterator[tuple[str, list[Any]]]:
    """(JSON pointer, values) of every schema with an `enum` under node."""
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield where, node["enum"]
        for key, value in node.items():
            yield from _enums(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums(value, f"{where}/{index}")


def _is_component(pointer: str) -> bool:
    return pointer.startswith("/components/schemas/") and pointer.count("/") == 3


def test_every_enum_is_a_named_component() -> None:
    inline = [pointer for pointer, _ in _enums(DOCUMENT, "") if not _is_component(pointer)]
    assert inline == [], "name these enums (app.kit.enums): " + ", ".join(inline)


def test_no_two_enum_components_have_the_same_values() -> None:
    by_values: dict[str, list[str]] = {}
    for pointer, values in _enums(DOCUMENT, ""):
        key = json.dumps(sorted(values, key=str))
        by_values.setdefault(key, []).append(pointer.rsplit("/", 1)[1])
    assert [names for names in by_values.values() if len(names) > 1] == []


def test_the_shared_enums_are_referred_to_from_schemas_and_parameters() -> None:
    schemas = DOCUMENT["components"]["schemas"]
    assert schemas["TicketStatus"]["enum"] == [
        "new", "open", "pending", "on_hold", "solved", "closed",
    ]
    ref = {"$ref": "#/components/schemas/TicketStatus"}
    assert schemas["TicketOut"]["properties"]["status"] == ref
    [status] = [p for p in DOCUMENT["paths"]["/v1/tickets"]["get"]["parameters"]
                if p["name"] == "status"]
    assert status["schema"]["items"] == ref
    [name] = DOCUMENT["paths"]["/v1/metrics/{name}"]["get"]["parameters"][:1]
    assert name["schema"] == {"$ref": "#/components/schemas/MetricName"}
