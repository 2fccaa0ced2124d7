"""Hostile request bodies: deep or huge JSON and Unicode edge cases are refused cleanly (a 4xx
problem naming the field) or stored exactly, never a 500."""

import json
from typing import Any

import httpx
import pytest

from app.auth.scopes import Scope
from app.config import Settings
from tests.conftest import MakeKey
from tests.factories import ticket_body
from tests.support.api import PROBLEM, bearer


@pytest.fixture
async def ticket_headers(make_key: MakeKey) -> dict[str, str]:
    key = await make_key(Scope.TICKETS_WRITE, Scope.TICKETS_READ, Scope.FEEDBACK_WRITE)
    return {**bearer(key), "Content-Type": "application/json"}


def assert_clean_refusal(response: httpx.Response, *statuses: int) -> dict[str, Any]:
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    assert response.headers["content-type"] == PROBLEM
    document: dict[str, Any] = response.json()
    assert document["status"] == response.status_code
    return document


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [1_000, 10_000, 100_000])
@pytest.mark.parametrize("where", ["top", "field", "deep in an object"])
async def test_deeply_nested_json_is_a_4xx_problem(
    client: httpx.AsyncClient, ticket_headers: dict[str, str], depth: int, where: str
) -> None:
    body = {
        "top": nested(depth),
        "field": json.dumps(ticket_body())[:-1] + f', "tags": {nested(depth)}}}',
        "deep in an object": '{"a":' * depth + "1" + "}" * depth,
    }[where]
    response = await client.post("/v1/tickets", content=body, headers=ticket_headers)
    assert_clean_refusal(response, 400, 422)


async def test_huge_json_under_the_size_limit_is_a_4xx_problem(
    client: httpx.AsyncClient, ticket_headers: dict[str, str], settings: Settings
) -> None:
    room = settings.max_request_body_bytes - 2048
    cases = {
        "a long string": ticket_body(subject="x" * room),
        "a long array": ticket_body(tags=["a"] * (room // 4)),
        "many unknown fields": {**ticket_body(), **{f"k{n}": 0 for n in range(room // 12)}},
    }
    for name, body in cases.items():
        response = await client.post("/v1/tickets", json=body, headers=ticket_headers)
        document = assert_clean_refusal(response, 413, 422)
        assert len(response.content) < 64 * 1024, f"{name}: a {len(response.content)} B answer"
        assert 0 < len(document["errors"]) <= 50, name
    huge_number = json.dumps(ticket_body())[:-1] + ', "priority": ' + "9" * 100_000 + "}"
    response = await client.post("/v1/tickets", content=huge_number, headers=ticket_headers)
    assert_clean_refusal(response, 400, 422)


async def test_a_body_over_the_limit_is_413_whatever_its_shape(
    client: httpx.AsyncClient, ticket_headers: dict[str, str], settings: Settings
) -> None:
    body = nested(settings.max_request_body_bytes)
    response = await client.post("/v1/tickets", content=body, headers=ticket_headers)
    assert_clean_refusal(response, 413)


STORED_EXACTLY = {
    "4-byte emoji": "Parcel 📦 lost 😡",
    "emoji sequence": "family 👩‍👩‍👧‍👦, flag 🇩🇪, skin tone 👍🏽",
    "combining characters": "Cafe\u0301 Zalgo z\u0351\u0358\u0360a\u0353",
    "RTL override": "invoice \u202etxt.exe\u202c",
    "bidi isolate": "\u2067\u05e9\u05dc\u05d5\u05dd\u2069 order",
    "zero width": "a\u200bb\u200cc\u200dd\ufeff",
    "noncharacters": "\ufffe\uffff\U0010ffff",
    "astral plane": "\U0001d54f\U00020000",
    "line separators": "one\u2028two\u2029three",
}


@pytest.mark.parametrize("text", STORED_EXACTLY.values(), ids=STORED_EXACTLY.keys())
async def test_unusual_but_valid_unicode_is_stored_exactly(
    client: httpx.AsyncClient, ticket_headers: dict[str, str], text: str
) -> None:
    body = ticket_body(subject=text, description=text)
    body["customer"] = {**body["customer"], "name": text}
    created = await client.post("/v1/tickets", json=body, headers=ticket_headers)
    assert created.status_code == 201, created.text
    ticket = (await client.get(f"/v1/tickets/{created.json()['id']}", headers=ticket_headers))
    assert ticket.json()["subject"] == text.strip()
    messages = await client.get(
        f"/v1/tickets/{created.json()['id']}/messages", headers=ticket_headers
    )
    assert [m["body"] for m in messages.json()["items"]] == [text]


REFUSED = {
    "lone high surrogate": '"\\ud800"',
    "lone low surrogate": '"x\\udfffy"',
    "reversed pair": '"\\udc00\\ud800"',
    "NUL": '"a\\u0000b"',
}


@pytest.mark.parametrize("literal", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("field", ["subject", "description", "customer/name", "tags/0"])
async def test_unstorable_strings_are_422_naming_the_field(
    client: httpx.AsyncClient, ticket_headers: dict[str, str], literal: str, field: str
) -> None:
    marker = "__MARKER__"
    body = ticket_body(tags=["ok"])
    if field == "customer/name":
        body["customer"] = {**body["customer"], "name": marker}
    elif field == "tags/0":
        body["tags"] = [marker]
    else:
        body[field] = marker
    raw = json.dumps(body).replace(f'"{marker}"', literal)
    response = await client.post("/v1/tickets", content=raw, headers=ticket_headers)
    document = assert_clean_refusal(response, 422)
    pointers = [error["pointer"] for error in document["errors"]]
    assert any(("/" + field).startswith(pointer) and pointer != "/" for pointer in pointers), (
        pointers
    )


@pytest.mark.parametrize("literal", ['"\\ud800"', '"\\u0000"', '"\\u202e"'])
async def test_odd_characters_in_unknown_field_names_are_a_clean_422(
    client: httpx.AsyncClient, ticket_headers: dict[str, str], literal: str
) -> None:
    raw = json.dumps(ticket_body())[:-1] + f", {literal}: 1}}"
    response = await client.post("/v1/tickets", content=raw, headers=ticket_headers)
    assert_clean_refusal(response, 422)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"subject": "\xff\xfe"}',  # not UTF-8
        b'{"subject": "\xed\xa0\x80"}',  # a surrogate encoded as UTF-8 (CESU)
        b"\xef\xbb\xbf{}",  # a byte order mark before the JSON
        b'{"subject": "a"',  # truncated
    ],
)
async def test_bytes_that_are_not_json_are_400(
    client: httpx.AsyncClient, ticket_headers: dict[str, str], raw: bytes
) -> None:
    response = await client.post("/v1/tickets", content=raw, headers=ticket_headers)
    assert_clean_refusal(response, 400, 422)
