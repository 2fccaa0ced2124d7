"""Who gets into the dashboard: a key with metrics:read signing in, or a dashboard link; a
session ends when its key or link is revoked, when it expires, and on sign-out."""

from datetime import timedelta
from http.cookies import SimpleCookie

import httpx
import pytest

from app.auth.keys import KEY_PATTERN
from app.auth.scopes import Scope
from app.dashboard.errors import CrossSiteForm, DashboardLinkNotFound
from app.dashboard.page_router import COOKIE
from tests.conftest import MakeKey
from tests.dashboard.conftest import BROWSER, ORIGIN, sign_in
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock

BASE = "http://127.0.0.1:8000"


async def _opens_dashboard(client: httpx.AsyncClient) -> bool:
    response = await client.get("/dashboard", headers=BROWSER)
    if response.status_code == 303:
        assert response.headers["location"] == "/dashboard/sign-in"
        return False
    assert response.status_code == 200, response.text
    assert "<h1>Support dashboard</h1>" in response.text
    return True


def _set_cookie(response: httpx.Response) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])
    return cookie


async def test_without_a_session_the_dashboard_asks_to_sign_in(
    client: httpx.AsyncClient,
) -> None:
    assert not await _opens_dashboard(client)
    page = await client.get("/dashboard/sign-in", headers=BROWSER)
    assert page.status_code == 200
    assert 'type="password"' in page.text
    records = await client.get("/dashboard/records/csat", headers=BROWSER)
    assert records.status_code == 303


async def test_a_key_with_metrics_read_signs_in_and_the_cookie_is_not_the_key(
    client: httpx.AsyncClient, reader_key: str
) -> None:
    response = await sign_in(client, reader_key)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard"
    morsel = _set_cookie(response)[COOKIE]
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "strict"
    assert morsel["path"] == "/dashboard"
    assert not morsel["secure"], "plain http here; https sets Secure"
    assert not morsel["max-age"], "a browser-session cookie"
    assert not morsel["expires"]
    assert reader_key not in response.headers["set-cookie"]
    secret = KEY_PATTERN.fullmatch(reader_key)
    assert secret is not None
    assert secret["secret"] not in morsel.value
    assert await _opens_dashboard(client)


async def test_the_cookie_is_secure_when_the_service_is_reached_over_https(
    client: httpx.AsyncClient, reader_key: str
) -> None:
    client.base_url = httpx.URL("https://testserver")
    response = await client.post(
        "/dashboard/sign-in",
        data={"api_key": reader_key},
        headers={"Origin": "https://testserver", **BROWSER},
    )
    assert response.status_code == 303
    assert _set_cookie(response)[COOKIE]["secure"] is True


@pytest.mark.parametrize(
    ("scopes", "message"),
    [
        ((Scope.TICKETS_READ,), "This key lacks the metrics:read scope."),
        (None, "This is not a valid API key."),
    ],
)
async def test_a_key_without_metrics_read_or_no_key_is_refused_on_the_form(
    client: httpx.AsyncClient, make_key: MakeKey, scopes: tuple[Scope, ...] | None, message: str
) -> None:
    key = await make_key(*scopes) if scopes else "ak_000000000000_" + "x" * 43
    response = await sign_in(client, key)
    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert "set-cookie" not in response.headers
    assert not await _opens_dashboard(client)


async def test_an_admin_key_may_sign_in_too(client: httpx.AsyncClient, admin_key: str) -> None:
    assert (await sign_in(client, admin_key)).status_code == 303
    assert await _opens_dashboard(client)


async def test_forms_posted_from_another_site_are_refused(
    client: httpx.AsyncClient, reader_key: str
) -> None:
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {},
        {"Origin": "null"},
        {"Origin": "null", "Sec-Fetch-Site": "same-site"},
    ):
        response = await client.post(
            "/dashboard/sign-in",
            data={"api_key": reader_key},
            headers={**headers, "Accept": "application/json"},
        )
        assert_problem(response, 403, problem=CrossSiteForm)
    same_site = await client.post(
        "/dashboard/sign-in",
        data={"api_key": reader_key},
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    )
    assert same_site.status_code == 303
    forged_sign_out = await client.post(
        "/dashboard/sign-out", headers={"Origin": "https://evil.example", **BROWSER}
    )
    assert forged_sign_out.status_code == 403
    assert "This request could not be handled" in forged_sign_out.text
    assert await _opens_dashboard(client)


async def test_sign_out_ends_the_session_on_the_server_too(
    signed_in: httpx.AsyncClient,
) -> None:
    token = signed_in.cookies[COOKIE]
    response = await signed_in.post("/dashboard/sign-out", headers={**ORIGIN, **BROWSER})
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/sign-in"
    assert 'aftercare_dashboard=""' in response.headers["set-cookie"]
    signed_in.cookies.set(COOKIE, token, path="/dashboard")  # a copy kept of the cookie
    assert not await _opens_dashboard(signed_in)


async def test_revoking_the_key_ends_its_sessions(
    signed_in: httpx.AsyncClient, admin_headers: dict[str, str], reader_key: str
) -> None:
    keys = (await signed_in.get("/v1/api-keys", headers=admin_headers)).json()["items"]
    reader = next(key for key in keys if key["name"] == "dashboard reader")
    assert (
        await signed_in.delete(f"/v1/api-keys/{reader['id']}", headers=admin_headers)
    ).status_code == 204
    assert not await _opens_dashboard(signed_in)


async def test_a_session_expires_after_the_setting(
    signed_in: httpx.AsyncClient, clock: MutableClock
) -> None:
    clock.advance(timedelta(hours=11, minutes=59))
    assert await _opens_dashboard(signed_in)
    clock.advance(timedelta(minutes=2))
    assert not await _opens_dashboard(signed_in)


# --- dashboard links ------------------------------------------------------------------------


async def _new_link(client: httpx.AsyncClient, key: str, **body: object) -> dict[str, object]:
    response = await client.post(
        "/v1/dashboard-links", json={"name": "Wall screen", **body}, headers=bearer(key)
    )
    assert response.status_code == 201, response.text
    link: dict[str, object] = response.json()
    return link


async def test_a_link_opens_a_session_and_leaves_the_address_bar(
    client: httpx.AsyncClient, reader_key: str, clock: MutableClock
) -> None:
    link = await _new_link(client, reader_key, expires_in_hours=2)
    url = str(link["url"])
    assert url.startswith(f"{BASE}/dashboard/open/")
    assert link["expires_at"] == (clock.now() + timedelta(hours=2)).isoformat().replace(
        "+00:00", "Z"
    )
    mailed = url.removeprefix(BASE) + "?utm_source=newsletter"  # what a mailer appends
    response = await client.get(mailed, headers=BROWSER)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard"
    assert _set_cookie(response)[COOKIE]["httponly"] is True
    assert response.headers["referrer-policy"] == "no-referrer"
    assert await _opens_dashboard(client)
    clock.advance(timedelta(hours=2))
    assert not await _opens_dashboard(client), "the session ends with its link"


async def test_a_link_is_replayed_with_its_idempotency_key(
    client: httpx.AsyncClient, reader_key: str
) -> None:
    headers = {**bearer(reader_key), "Idempotency-Key": "link-1"}
    first = await client.post("/v1/dashboard-links", json={"name": "TV"}, headers=headers)
    again = await client.post("/v1/dashboard-links", json={"name": "TV"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    listed = await client.get("/v1/dashboard-links", headers=bearer(reader_key))
    assert [link["name"] for link in listed.json()["items"]] == ["TV"]
    assert "url" not in listed.json()["items"][0]


async def test_revoking_a_link_ends_its_sessions_and_it_opens_nothing_more(
    client: httpx.AsyncClient, reader_key: str
) -> None:
    link = await _new_link(client, reader_key)
    path = str(link["url"]).removeprefix(BASE)
    assert (await client.get(path)).status_code == 303
    assert await _opens_dashboard(client)
    revoked = await client.delete(f"/v1/dashboard-links/{link['id']}", headers=bearer(reader_key))
    assert revoked.status_code == 204
    assert not await _opens_dashboard(client)
    page = await client.get(path, headers=BROWSER)
    assert page.status_code == 404
    assert "This dashboard link does not work" in page.text
    listed = await client.get("/v1/dashboard-links", headers=bearer(reader_key))
    assert listed.json()["items"][0]["revoked_at"] is not None


async def test_a_link_stops_working_when_its_key_is_revoked(
    client: httpx.AsyncClient, reader_key: str, admin_headers: dict[str, str]
) -> None:
    link = await _new_link(client, reader_key)
    keys = (await client.get("/v1/api-keys", headers=admin_headers)).json()["items"]
    reader = next(key for key in keys if key["name"] == "dashboard reader")
    await client.delete(f"/v1/api-keys/{reader['id']}", headers=admin_headers)
    response = await client.get(str(link["url"]).removeprefix(BASE), headers=BROWSER)
    assert response.status_code == 404


async def test_keys_see_and_revoke_their_own_links_and_admins_every_link(
    client: httpx.AsyncClient, reader_key: str, make_key: MakeKey, admin_headers: dict[str, str]
) -> None:
    link = await _new_link(client, reader_key)
    other = await make_key(Scope.METRICS_READ, name="other")
    assert (await client.get("/v1/dashboard-links", headers=bearer(other))).json()["items"] == []
    refused = await client.delete(f"/v1/dashboard-links/{link['id']}", headers=bearer(other))
    assert_problem(refused, 404, problem=DashboardLinkNotFound)
    listed = await client.get("/v1/dashboard-links", headers=admin_headers)
    assert [item["id"] for item in listed.json()["items"]] == [link["id"]]
    revoked = await client.delete(f"/v1/dashboard-links/{link['id']}", headers=admin_headers)
    assert revoked.status_code == 204


async def test_links_need_metrics_read_and_a_valid_body(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    tickets_only = await make_key(Scope.TICKETS_READ)
    response = await client.post(
        "/v1/dashboard-links", json={"name": "x"}, headers=bearer(tickets_only)
    )
    assert response.status_code == 403
    reader = await make_key(Scope.METRICS_READ)
    for body in (
        {"name": ""},
        {"name": "x", "expires_in_hours": 0},
        {"name": "x", "expires_in_hours": 2161},
        {"name": "x", "token": "mine"},
    ):
        response = await client.post("/v1/dashboard-links", json=body, headers=bearer(reader))
        assert_problem(response, 422)


async def test_an_unknown_or_overlong_link_is_one_404(client: httpx.AsyncClient) -> None:
    for token in ("x" * 43, "y" * 500):
        response = await client.get(f"/dashboard/open/{token}?lang=fr", headers=BROWSER)
        assert response.status_code == 404
        assert "Ce lien de tableau de bord ne fonctionne pas" in response.text
