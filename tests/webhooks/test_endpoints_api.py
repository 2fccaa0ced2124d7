"""The webhook-endpoint routes: CRUD, validation, idempotency, SSRF refusals at creation."""

import base64
import socket
from collections.abc import Iterable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.auth.scopes import Scope
from app.events.types import EventType
from tests.conftest import MakeKey
from tests.factories import create_endpoint, receiver_endpoint
from tests.support.api import bearer
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver, Reply, free_port

Headers = dict[str, str]
URL = "http://127.0.0.1:9/hook"  # allowed by the test settings; never called by these tests


async def _create(client: httpx.AsyncClient, headers: Headers, **body: Any) -> httpx.Response:
    return await client.post("/v1/webhook-endpoints", headers=headers, json={"url": URL, **body})


def _problem_pointers(response: httpx.Response) -> list[str]:
    assert response.headers["content-type"] == "application/problem+json"
    return [error["pointer"] for error in response.json()["errors"]]


async def test_create_shows_the_secret_once_and_crud_works(
    client: httpx.AsyncClient, manage_headers: Headers, clock: MutableClock
) -> None:
    response = await _create(
        client, manage_headers, description="shop", event_types=["sla.breached", "sla.warning"]
    )
    assert response.status_code == 201
    created = response.json()
    assert created["secret"].startswith("whsec_")
    assert len(base64.b64decode(created["secret"].removeprefix("whsec_"))) == 32
    assert created["event_types"] == ["sla.breached", "sla.warning"]
    assert created["enabled"] is True
    path = f"/v1/webhook-endpoints/{created['id']}"

    shown = (await client.get(path, headers=manage_headers)).json()
    assert "secret" not in shown
    assert shown["description"] == "shop"
    listed = (await client.get("/v1/webhook-endpoints", headers=manage_headers)).json()
    assert [item["id"] for item in listed["items"]] == [created["id"]]
    assert "secret" not in listed["items"][0]

    response = await client.patch(
        path, headers=manage_headers, json={"event_types": None, "enabled": False}
    )
    assert response.status_code == 200
    assert response.json()["event_types"] is None
    assert response.json()["enabled"] is False
    assert response.json()["disabled_reason"] == "disabled through the API"
    assert response.json()["description"] == "shop"  # untouched
    response = await client.patch(path, headers=manage_headers, json={"enabled": True})
    assert (response.json()["enabled"], response.json()["disabled_at"]) == (True, None)

    assert (await client.delete(path, headers=manage_headers)).status_code == 204
    assert (await client.get(path, headers=manage_headers)).status_code == 404


async def test_an_idempotent_create_replays_the_same_endpoint_and_secret(
    client: httpx.AsyncClient, manage_headers: Headers
) -> None:
    headers = {**manage_headers, "Idempotency-Key": "endpoint-1"}
    first = await _create(client, headers)
    second = await _create(client, headers)

    assert second.status_code == 201
    assert second.headers["idempotent-replayed"] == "true"
    assert second.json() == first.json()
    listed = (await client.get("/v1/webhook-endpoints", headers=manage_headers)).json()
    assert len(listed["items"]) == 1


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"event_types": ["ticket.deleted"]}, "/event_types/0"),
        ({"event_types": ["sla.breached", "webhook.test"]}, "/event_types/1"),
        ({"event_types": []}, "/event_types"),
        ({"description": "x" * 501}, "/description"),
        ({"secret": "whsec_mine"}, "/secret"),
        ({"url": ""}, "/url"),
    ],
)
async def test_invalid_endpoint_fields_are_422_naming_the_field(
    client: httpx.AsyncClient, manage_headers: Headers, body: dict[str, Any], pointer: str
) -> None:
    response = await _create(client, manage_headers, **body)

    assert response.status_code == 422
    assert _problem_pointers(response) == [pointer]


async def test_every_known_event_type_can_be_subscribed(
    client: httpx.AsyncClient, manage_headers: Headers
) -> None:
    response = await _create(client, manage_headers, event_types=[str(t) for t in EventType])

    assert response.status_code == 201
    assert len(response.json()["event_types"]) == len(EventType) == 17


async def test_patch_refuses_null_for_required_fields(
    client: httpx.AsyncClient, manage_headers: Headers
) -> None:
    endpoint = (await _create(client, manage_headers)).json()
    path = f"/v1/webhook-endpoints/{endpoint['id']}"

    for field in ("url", "enabled", "description"):
        response = await client.patch(path, headers=manage_headers, json={field: None})
        assert response.status_code == 422
        assert _problem_pointers(response) == [f"/{field}"]


async def test_the_routes_need_the_webhooks_manage_scope(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    headers = bearer(await make_key(Scope.TICKETS_WRITE))

    assert (await _create(client, headers)).status_code == 403
    assert (await client.get("/v1/events", headers=headers)).status_code == 403


async def test_unknown_endpoints_and_deliveries_are_404(
    client: httpx.AsyncClient, manage_headers: Headers
) -> None:
    missing = "01900000-0000-7000-8000-000000000000"
    for method, path in [
        ("PATCH", f"/v1/webhook-endpoints/{missing}"),
        ("DELETE", f"/v1/webhook-endpoints/{missing}"),
        ("POST", f"/v1/webhook-endpoints/{missing}/rotate-secret"),
        ("POST", f"/v1/webhook-endpoints/{missing}/test"),
        ("GET", f"/v1/webhook-endpoints/{missing}/deliveries"),
        ("POST", f"/v1/webhook-deliveries/{missing}/redeliver"),
    ]:
        response = await client.request(method, path, headers=manage_headers, json={})
        assert response.status_code == 404, f"{method} {path}"
    response = await client.post(
        f"/v1/webhook-endpoints/{missing}/recover", headers=manage_headers,
        json={"since": "2026-01-01T00:00:00Z"},
    )
    assert response.status_code == 404


# --- SSRF: refused at creation ------------------------------------------------------------------


async def _resolver(host: str, port: int) -> Iterable[str]:
    answers = {
        "public.example.com": ["93.184.216.34"],
        "internal.example.com": ["10.1.2.3"],
        "mixed.example.com": ["93.184.216.34", "127.0.0.1"],
        "metadata.example.com": ["169.254.169.254"],
        "v6-private.example.com": ["fd12::1"],
    }
    if host not in answers:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return answers[host]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/hook", "loopback"),
        ("http://localhost:8000/hook", "loopback"),
        ("http://10.0.0.5/hook", "private"),
        ("http://172.16.0.1/hook", "private"),
        ("http://192.168.1.1/hook", "private"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://169.254.1.1/", "link-local"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[::1]/hook", "loopback"),
        ("http://[fe80::1]/hook", "link-local"),
        ("http://[fc00::1]/hook", "unique local"),
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://[ff02::1]/", "multicast"),
        ("http://[::ffff:127.0.0.1]/hook", "IPv4-mapped"),
        ("http://[::ffff:a9fe:a9fe]/hook", "IPv4-mapped"),
        ("http://2130706433/hook", "loopback"),  # decimal
        ("http://0x7f000001/hook", "loopback"),  # hexadecimal
        ("http://0177.0.0.1/hook", "loopback"),  # octal
        ("http://127.1/hook", "loopback"),  # shortened
        ("http://internal.example.com/hook", "resolves to 10.1.2.3"),
        ("http://mixed.example.com/hook", "resolves to 127.0.0.1"),
        ("http://metadata.example.com/hook", "metadata"),
        ("http://v6-private.example.com/hook", "unique local"),
        ("http://nowhere.example.com/hook", "could not resolve"),
        ("ftp://public.example.com/hook", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("http://user:pass@public.example.com/hook", "credentials"),
        ("not a url", "spaces"),
    ],
)
async def test_unsafe_urls_are_refused_at_creation_with_a_clear_422(
    strict_app: FastAPI,
    strict_client: httpx.AsyncClient,
    manage_headers: Headers,
    url: str,
    reason: str,
) -> None:
    strict_app.state.webhook_resolver = _resolver
    response = await strict_client.post(
        "/v1/webhook-endpoints", headers=manage_headers, json={"url": url}
    )

    assert response.status_code == 422
    assert _problem_pointers(response) == ["/url"]
    assert reason in response.json()["errors"][0]["detail"]


async def test_a_public_url_is_accepted_and_a_patch_to_a_private_one_refused(
    strict_app: FastAPI, strict_client: httpx.AsyncClient, manage_headers: Headers
) -> None:
    strict_app.state.webhook_resolver = _resolver
    response = await strict_client.post(
        "/v1/webhook-endpoints", headers=manage_headers,
        json={"url": "https://public.example.com/hooks?shop=1"},
    )
    assert response.status_code == 201
    path = f"/v1/webhook-endpoints/{response.json()['id']}"

    response = await strict_client.patch(
        path, headers=manage_headers, json={"url": "http://[::ffff:10.0.0.1]/"}
    )
    assert response.status_code == 422
    assert _problem_pointers(response) == ["/url"]
    shown = await strict_client.get(path, headers=manage_headers)
    assert shown.json()["url"] == "https://public.example.com/hooks?shop=1"


# --- test messages ------------------------------------------------------------------------------


async def test_the_test_route_sends_a_signed_webhook_test_at_once(
    client: httpx.AsyncClient, manage_headers: Headers, receiver: Receiver
) -> None:
    endpoint = await receiver_endpoint(client, manage_headers, receiver, "/t")
    path = f"/v1/webhook-endpoints/{endpoint['id']}"

    response = await client.post(f"{path}/test", headers=manage_headers)
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is True
    assert result["attempt"]["status_code"] == 200
    [request] = receiver.requests("/t")
    assert request.verified_by == [endpoint["secret"]]
    assert request.headers["webhook-id"] == result["message_id"]
    assert request.payload["type"] == "webhook.test"
    assert request.payload["data"] == {"endpoint_id": endpoint["id"]}

    receiver.route("/t").default = Reply(status=500, body=b"nope")
    failed = (await client.post(f"{path}/test", headers=manage_headers)).json()
    assert failed["success"] is False
    assert (failed["attempt"]["status_code"], failed["attempt"]["response_body"]) == (500, "nope")

    listed = (await client.get(f"{path}/deliveries", headers=manage_headers)).json()["items"]
    assert [(d["event_type"], d["status"]) for d in listed] == [
        ("webhook.test", "failed"), ("webhook.test", "succeeded"),
    ]
    assert listed[0]["next_attempt_at"] is None  # a test is never retried


async def test_the_test_route_reports_an_unreachable_endpoint(
    client: httpx.AsyncClient, manage_headers: Headers
) -> None:
    endpoint = await create_endpoint(client, manage_headers, f"http://127.0.0.1:{free_port()}/")
    path = f"/v1/webhook-endpoints/{endpoint['id']}/test"

    result = (await client.post(path, headers=manage_headers)).json()

    assert result["success"] is False
    assert result["attempt"]["status_code"] is None
    assert "ConnectError" in result["attempt"]["error"]
