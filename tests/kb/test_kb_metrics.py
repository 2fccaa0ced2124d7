"""GET /v1/metrics/knowledge-base: readings, helpful votes, tickets resolved with a cited article
and their first-contact resolution against the others (the metrics' own FCR split in two)."""

from datetime import timedelta
from typing import Any

import httpx
import pytest

from app.auth.scopes import Scope
from app.kit.errors import RequestInvalid
from tests.conftest import MakeKey
from tests.factories import create_article, create_ticket, post_message
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE))


@pytest.fixture
async def metrics_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.METRICS_READ))


async def resolved_ticket(
    client: httpx.AsyncClient, headers: Headers, replies: int, cited: list[str]
) -> dict[str, Any]:
    """A ticket solved after `replies` public agent replies, the first citing `cited`."""
    ticket = await create_ticket(client, headers)
    for reply in range(replies):
        response = await post_message(
            client, headers, ticket, article_ids=cited if reply == 0 else []
        )
        assert response.status_code == 201, response.text
    solved = await client.patch(
        f"/v1/tickets/{ticket['id']}", json={"status": "solved"}, headers=headers
    )
    assert solved.status_code == 200, solved.text
    return ticket


async def reopen(client: httpx.AsyncClient, headers: Headers, ticket: dict[str, Any]) -> None:
    response = await post_message(client, headers, ticket, author_type="customer", body="Again")
    assert response.status_code == 201, response.text


def figure(numerator: int, denominator: int, value: float | None) -> dict[str, Any]:
    return {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "sample_size": denominator,
    }


async def test_the_figures_count_views_votes_and_resolutions_with_and_without_citations(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    kb_headers: Headers,
    metrics_headers: Headers,
    clock: MutableClock,
) -> None:
    # One reply, reopened only after the 7 days: still a first-contact resolution.
    reopened_late = await resolved_ticket(client, admin_headers, 1, [])
    clock.advance(8 * DAY)
    await reopen(client, admin_headers, reopened_late)
    parcel = await create_article(client, kb_headers, status="published")
    returns = await create_article(client, kb_headers, status="published", title="Returns")
    for article, readings in ((parcel, 3), (returns, 1)):
        for _ in range(readings):
            assert (await client.get(f"/v1/public/articles/{article['id']}")).status_code == 200
    for article, helpful in ((parcel, True), (parcel, True), (parcel, False), (returns, False)):
        vote = await client.post(
            f"/v1/public/articles/{article['id']}/votes", json={"helpful": helpful}
        )
        assert vote.status_code == 201
    await resolved_ticket(client, admin_headers, 1, [parcel["id"]])  # cited, first contact
    await resolved_ticket(client, admin_headers, 2, [returns["id"]])  # cited, not
    reopened = await resolved_ticket(client, admin_headers, 1, [returns["id"]])
    await reopen(client, admin_headers, reopened)  # cited, not: reopened within 7 days
    await resolved_ticket(client, admin_headers, 1, [])  # first contact
    await resolved_ticket(client, admin_headers, 2, [])
    await resolved_ticket(client, admin_headers, 3, [])
    clock.advance(MINUTE)

    response = await client.get("/v1/metrics/knowledge-base", headers=metrics_headers)

    assert response.status_code == 200, response.text
    figures = response.json()
    assert (figures["views"], figures["articles_viewed"]) == (4, 2)
    assert figures["helpful_votes"] == figure(2, 4, 50.0)
    assert figures["tickets_resolved_with_cited_article"] == figure(3, 7, 42.86)
    fcr = figures["first_contact_resolution"]
    assert fcr["with_cited_article"] == figure(1, 3, 33.33)
    assert fcr["without_cited_article"] == figure(2, 4, 50.0)
    assert fcr["difference_points"] == -16.67
    assert [(a["title"], a["views"], a["helpful_votes"]) for a in figures["most_read"]] == [
        ("Where is my parcel?", 3, figure(2, 3, 66.67)),
        ("Returns", 1, figure(0, 1, 0.0)),
    ]
    # Together they are the metrics' own FCR (reopenings included).
    summary = await client.get("/v1/metrics/summary", headers=metrics_headers)
    overall = summary.json()["fcr"]
    split = (fcr["with_cited_article"], fcr["without_cited_article"])
    assert (overall["numerator"], overall["denominator"]) == (3, 7)
    assert sum(part["numerator"] for part in split) == overall["numerator"]
    assert sum(part["denominator"] for part in split) == overall["denominator"]

    before = await client.get(
        "/v1/metrics/knowledge-base",
        params={"to": (clock.now() - 2 * MINUTE).isoformat().replace("+00:00", "Z")},
        headers=metrics_headers,
    )
    assert before.json()["views"] == 0
    assert before.json()["helpful_votes"] == figure(0, 0, None)
    assert before.json()["first_contact_resolution"]["without_cited_article"] == figure(1, 1, 100.0)
    assert before.json()["first_contact_resolution"]["difference_points"] is None


async def test_a_reversed_period_is_refused_and_the_scope_is_metrics_read(
    client: httpx.AsyncClient, metrics_headers: Headers, kb_headers: Headers
) -> None:
    response = await client.get(
        "/v1/metrics/knowledge-base",
        params={"from": "2026-11-02T00:00:00Z", "to": "2026-11-01T00:00:00Z"},
        headers=metrics_headers,
    )
    assert_problem(response, 422, "/from", problem=RequestInvalid)
    refused = await client.get("/v1/metrics/knowledge-base", headers=kb_headers)
    assert refused.status_code == 403
