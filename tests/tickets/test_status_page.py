"""The customer's status page of a ticket: its link, its JSON and HTML, and writing on it."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.config import Settings
from app.kit.db import Database
from app.kit.errors import MalformedJSON, RequestInvalid
from app.main import create_app
from app.tickets.errors import StatusLinkNotFound, TicketClosed, TicketNotFound
from tests.factories import create_ticket, policy_target, post_message
from tests.support.api import assert_problem
from tests.support.clock import MutableClock

Headers = dict[str, str]
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


async def status_link(client: httpx.AsyncClient, headers: Headers, ticket: dict[str, Any]) -> str:
    """The path of a new status link of the ticket."""
    response = await client.post(f"/v1/tickets/{ticket['id']}/status-link", headers=headers)
    assert response.status_code == 201, response.text
    url: str = response.json()["url"]
    return url.removeprefix("http://127.0.0.1:8000")


async def test_a_status_link_is_shown_once_and_opens_the_ticket_as_json(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    ticket = await create_ticket(client, admin_headers)
    response = await client.post(
        f"/v1/tickets/{ticket['number']}/status-link", headers=admin_headers
    )
    assert response.status_code == 201
    link = response.json()
    assert link["url"].startswith("http://127.0.0.1:8000/v1/public/tickets/")
    expires = datetime.fromisoformat(link["expires_at"])
    assert expires == clock.now() + timedelta(days=90)

    page = await client.get(link["url"].removeprefix("http://127.0.0.1:8000"), headers=JSON)
    assert page.status_code == 200, page.text
    view = page.json()
    assert view["number"] == ticket["number"]
    assert view["status"] == "new"
    assert view["status_text"] == "Received: waiting for our first reply"
    assert [m["author"] for m in view["messages"]] == ["you"]
    assert view["locale"] == "en"
    assert view["time_zone"] == "UTC"
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"


async def test_rotating_replaces_the_link_and_revoking_ends_it(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    first = await status_link(client, admin_headers, ticket)
    second = await status_link(client, admin_headers, ticket)
    assert_problem(await client.get(first, headers=JSON), 404, problem=StatusLinkNotFound)
    assert (await client.get(second, headers=JSON)).status_code == 200
    revoked = await client.delete(f"/v1/tickets/{ticket['id']}/status-link", headers=admin_headers)
    assert revoked.status_code == 204
    assert_problem(await client.get(second, headers=JSON), 404, problem=StatusLinkNotFound)


async def test_unknown_revoked_and_expired_links_get_the_same_answer(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    ticket = await create_ticket(client, admin_headers)
    revoked = await status_link(client, admin_headers, ticket)
    await client.delete(f"/v1/tickets/{ticket['id']}/status-link", headers=admin_headers)
    other = await create_ticket(client, admin_headers, subject="Other")
    expired = await status_link(client, admin_headers, other)
    clock.advance(timedelta(days=90))
    unknown = "/v1/public/tickets/" + "x" * 43
    answers = [await client.get(path, headers=JSON) for path in (unknown, revoked, expired)]
    bodies = [
        {k: v for k, v in answer.json().items() if k not in ("instance", "request_id")}
        for answer in answers
    ]
    assert {answer.status_code for answer in answers} == {404}
    assert bodies[0] == bodies[1] == bodies[2]


async def test_status_link_of_an_unknown_ticket_is_404(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    response = await client.post("/v1/tickets/999/status-link", headers=admin_headers)
    assert_problem(response, 404, problem=TicketNotFound)


async def test_the_page_speaks_the_customers_language_and_zone(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    clock.set(MONDAY_9)
    policy = {"name": "Reply in 2 h", "targets": {"first_response": policy_target(120)}}
    created = await client.post("/v1/sla-policies", json=policy, headers=admin_headers)
    assert created.status_code == 201
    customer = {"external_ref": "cust-1", "locale": "de-DE", "time_zone": "Europe/Berlin"}
    ticket = await create_ticket(client, admin_headers, customer=customer)
    path = await status_link(client, admin_headers, ticket)

    view = (await client.get(path, headers=JSON)).json()
    assert view["locale"] == "de-DE"
    assert view["summary"] == "Wir antworten bis Montag, 30. November, 12:00."
    assert view["on_track"] is True

    chosen = (await client.get(path, params={"lang": "fr"}, headers=JSON)).json()
    assert chosen["summary"] == "Nous vous répondrons d'ici le lundi 30 novembre, 12:00."

    page = await client.get(path, params={"lang": "es"}, headers=HTML)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="es">' in page.text
    assert "Le responderemos antes del lunes, 30 de noviembre, 12:00." in page.text


async def test_a_late_reply_is_admitted_and_internal_notes_stay_hidden(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    clock.set(MONDAY_9)
    policy = {"name": "Reply in 1 h", "targets": {"first_response": policy_target(60)}}
    await client.post("/v1/sla-policies", json=policy, headers=admin_headers)
    ticket = await create_ticket(client, admin_headers)
    await post_message(client, admin_headers, ticket, body="Secret note", public=False)
    path = await status_link(client, admin_headers, ticket)
    clock.advance(timedelta(hours=2))
    view = (await client.get(path, headers=JSON)).json()
    assert view["on_track"] is False
    assert view["summary"].startswith("Late, sorry: we promised to reply by")
    assert all("Secret" not in message["body"] for message in view["messages"])
    html = (await client.get(path, headers=HTML)).text
    assert "Secret note" not in html


async def test_a_message_from_the_page_reopens_a_solved_ticket(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    await post_message(client, admin_headers, ticket, body="Sent again today")
    solved = await client.patch(
        f"/v1/tickets/{ticket['id']}", json={"status": "solved"}, headers=admin_headers
    )
    assert solved.status_code == 200
    path = await status_link(client, admin_headers, ticket)

    form = await client.post(
        f"{path}/messages", data={"body": "Still nothing <b>here</b>"}, headers=HTML
    )
    assert form.status_code == 303
    assert form.headers["location"] == f"{path}?sent=true#conversation"

    detail = (await client.get(f"/v1/tickets/{ticket['id']}", headers=admin_headers)).json()
    assert detail["status"] == "open"
    assert detail["reopen_count"] == 1
    page = await client.get(f"{path}?sent=true", headers=HTML)
    assert "Still nothing &lt;b&gt;here&lt;/b&gt;" in page.text  # escaped
    assert "your message was sent" in page.text

    as_json = await client.post(f"{path}/messages", json={"body": "And again"}, headers=JSON)
    assert as_json.status_code == 201
    assert as_json.json()["author_type"] == "customer"


async def test_an_empty_message_shows_the_form_again_with_its_error(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    path = await status_link(client, admin_headers, ticket)
    page = await client.post(f"{path}/messages?lang=de", data={"body": ""}, headers=HTML)
    assert page.status_code == 422
    assert "Bitte schreiben Sie Ihre Nachricht." in page.text
    assert 'aria-invalid="true"' in page.text
    assert_problem(
        await client.post(f"{path}/messages", json={"body": ""}, headers=JSON),
        422,
        "/body",
        problem=RequestInvalid,
    )
    malformed = await client.post(
        f"{path}/messages", content=b"{", headers={**JSON, "Content-Type": "application/json"}
    )
    assert_problem(malformed, 400, problem=MalformedJSON)


async def test_a_closed_ticket_takes_no_message(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    for status in ("solved", "closed"):
        await client.patch(
            f"/v1/tickets/{ticket['id']}", json={"status": status}, headers=admin_headers
        )
    path = await status_link(client, admin_headers, ticket)
    view = (await client.get(path, headers=JSON)).json()
    assert view["can_reply"] is False
    assert "<form" not in (await client.get(path, headers=HTML)).text
    assert_problem(
        await client.post(f"{path}/messages", json={"body": "Hello?"}, headers=JSON),
        409,
        problem=TicketClosed,
    )


@pytest.mark.parametrize("accept", [HTML["Accept"], "text/html"])
async def test_a_browser_gets_error_pages_in_its_language(
    client: httpx.AsyncClient, accept: str
) -> None:
    response = await client.get(
        "/v1/public/tickets/nope",
        headers={"Accept": accept, "Accept-Language": "fr-CH, de;q=0.5"},
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Ce lien ne fonctionne pas" in response.text
    assert '<html lang="fr-CH">' in response.text
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_agent_names_show_only_when_the_setting_allows(
    settings: Settings, database: Database, clock: MutableClock, admin_headers: Headers
) -> None:
    for show, expected in ((False, "Support team"), (True, "Alex")):
        shown = settings.model_copy(update={"status_page_show_agent_names": show})
        app = create_app(shown, database=database, clock=clock)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            ticket = await create_ticket(client, admin_headers, assignee="Alex")
            await post_message(client, admin_headers, ticket, body="Hello from Alex")
            view = (
                await client.get(await status_link(client, admin_headers, ticket), headers=JSON)
            ).json()
        assert [m["author_name"] for m in view["messages"]] == [None, expected]


async def test_a_message_from_the_page_starts_a_next_response_promise(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    clock.set(MONDAY_9)
    policy = {
        "name": "Replies",
        "targets": {
            "first_response": policy_target(60),
            "next_response": policy_target(30),
        },
    }
    await client.post("/v1/sla-policies", json=policy, headers=admin_headers)
    ticket = await create_ticket(client, admin_headers)
    await post_message(client, admin_headers, ticket, body="We are looking into it")
    path = await status_link(client, admin_headers, ticket)
    clock.advance(timedelta(minutes=10))
    sent = await client.post(f"{path}/messages", json={"body": "Any news?"}, headers=JSON)
    assert sent.status_code == 201
    view = (await client.get(path, headers=JSON)).json()
    next_response = [p for p in view["promises"] if p["metric"] == "next_response"]
    assert next_response[0]["status"] == "on_track"
    assert next_response[0]["due_at"] == "2026-11-30T09:40:00Z"
    assert view["summary"] == "We'll reply by Monday, November 30, 9:40\u202fAM."


async def test_a_link_with_a_mailers_tracking_parameters_still_opens(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    ticket = await create_ticket(client, admin_headers)
    link = await status_link(client, admin_headers, ticket)

    page = await client.get(f"{link}?utm_source=mailer&utm_campaign=ack", headers=HTML)

    assert page.status_code == 200, page.text
    assert "text/html" in page.headers["content-type"]


async def test_an_api_route_still_refuses_an_unknown_query_parameter(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    response = await client.get("/v1/tickets?utm_source=mailer", headers=admin_headers)

    assert response.status_code == 422
    assert response.json()["type"].endswith("unknown-query-parameter")
