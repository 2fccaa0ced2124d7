"""What every customer page gets: security headers, its own assets, and errors as pages."""

import re

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.kit.db import Database
from app.main import create_app
from app.tickets import service as tickets
from app.web.middleware import CONTENT_SECURITY_POLICY
from tests.support.api import PROBLEM
from tests.support.clock import MutableClock

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
UNKNOWN_LINK = "/v1/public/tickets/" + "x" * 43


async def test_public_answers_carry_the_security_headers_json_too(
    client: httpx.AsyncClient,
) -> None:
    for headers in (BROWSER, {"Accept": "application/json"}):
        response = await client.get(UNKNOWN_LINK, headers=headers)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
    api = await client.get("/v1/tickets")
    assert "content-security-policy" not in api.headers


def test_the_policy_allows_no_script_and_no_inline_style() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["default-src"] == "'none'"
    assert "script-src" not in directives
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


async def test_an_api_client_keeps_the_problem_document(client: httpx.AsyncClient) -> None:
    for accept in ("application/json", "*/*"):
        response = await client.get(UNKNOWN_LINK, headers={"Accept": accept})
        assert response.status_code == 404
        assert response.headers["content-type"] == PROBLEM


async def test_assets_are_served_by_the_app_with_a_content_hash(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get(UNKNOWN_LINK, headers=BROWSER)
    stylesheet = re.search(r'href="(/static/aftercare\.css\?v=[0-9a-f]{12})"', page.text)
    assert stylesheet is not None, page.text
    css = await client.get(stylesheet.group(1))
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert css.headers["x-content-type-options"] == "nosniff"
    assert "max-age" in css.headers["cache-control"]
    assert "http" not in css.text  # nothing fetched from elsewhere


async def test_an_unknown_public_path_is_a_page_for_a_browser(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/public/nothing/here?lang=de", headers=BROWSER)
    assert response.status_code == 404
    assert "Dieser Link funktioniert nicht" in response.text


async def test_a_crash_is_a_page_with_a_reference_never_a_trace(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(tickets, "status_page", crash)
    response = await client.get(UNKNOWN_LINK, headers={**BROWSER, "X-Request-ID": "req-42"})
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "Something went wrong on our side" in response.text
    assert "req-42" in response.text
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["cache-control"] == "no-store"


async def test_too_many_requests_is_a_page_that_keeps_retry_after(
    settings: Settings, database: Database, clock: MutableClock
) -> None:
    limited = settings.model_copy(update={"public_rate_limit_requests": 1})
    app: FastAPI = create_app(limited, database=database, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await client.get(UNKNOWN_LINK, headers=BROWSER)
        response = await client.get(UNKNOWN_LINK, headers={**BROWSER, "Accept-Language": "es"})
    assert response.status_code == 429
    assert "Demasiadas solicitudes" in response.text
    assert int(response.headers["retry-after"]) > 0
