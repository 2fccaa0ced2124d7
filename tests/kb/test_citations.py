"""Agent replies cite articles (`article_ids`): checked, written with the message, shown on
the messages, the timeline (ticket.message_created) and the customer's status page."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.auth.scopes import Scope
from app.kb.errors import ArticleNotCitable
from app.kit.db import Database
from app.kit.errors import RequestInvalid
from app.models import ArticleCitation, TicketMessage
from tests.conftest import MakeKey
from tests.factories import create_article, create_ticket, post_message
from tests.support.api import assert_problem, bearer

Headers = dict[str, str]


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE))


async def citations(database: Database) -> list[ArticleCitation]:
    async with database.sessionmaker() as session:
        return list((await session.scalars(select(ArticleCitation))).all())


async def message_count(database: Database) -> int:
    async with database.sessionmaker() as session:
        return len((await session.scalars(select(TicketMessage.id))).all())


async def test_an_agent_reply_cites_published_articles_in_its_order(
    client: httpx.AsyncClient, admin_headers: Headers, kb_headers: Headers, database: Database
) -> None:
    parcel = await create_article(client, kb_headers, status="published")
    returns = await create_article(
        client, kb_headers, status="published", locale="de", title="Rücksendung"
    )
    ticket = await create_ticket(client, admin_headers)

    response = await post_message(
        client, admin_headers, ticket, article_ids=[returns["id"], parcel["id"], returns["id"]]
    )

    assert response.status_code == 201, response.text
    message = response.json()
    assert message["cited_articles"] == [
        {
            "id": returns["id"],
            "locale": "de",
            "title": "Rücksendung",
            "url": f"/v1/public/articles/{returns['id']}",
        },
        {
            "id": parcel["id"],
            "locale": "en",
            "title": "Where is my parcel?",
            "url": f"/v1/public/articles/{parcel['id']}",
        },
    ]
    stored = await citations(database)
    assert {(str(c.article_id), str(c.message_id), str(c.ticket_id)) for c in stored} == {
        (returns["id"], message["id"], ticket["id"]),
        (parcel["id"], message["id"], ticket["id"]),
    }
    listed = await client.get(f"/v1/tickets/{ticket['id']}/messages", headers=admin_headers)
    by_id = {item["id"]: item for item in listed.json()["items"]}
    assert by_id[message["id"]]["cited_articles"] == message["cited_articles"]
    assert [m["cited_articles"] for m in by_id.values() if m["id"] != message["id"]] == [[]]
    timeline = await client.get(f"/v1/tickets/{ticket['id']}/events", headers=admin_headers)
    created = [e for e in timeline.json()["items"] if e["type"] == "ticket.message_created"]
    assert created[-1]["data"]["message"]["cited_articles"] == message["cited_articles"]


@pytest.mark.parametrize("status", ["draft", "archived", "unknown"])
async def test_an_unpublished_or_unknown_article_is_not_citable_and_nothing_is_written(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    kb_headers: Headers,
    database: Database,
    status: str,
) -> None:
    good = await create_article(client, kb_headers, status="published")
    if status == "unknown":
        bad_id = "0193a0e0-0000-7000-8000-000000000000"
    else:
        bad = await create_article(client, kb_headers, title="Not yet")
        if status == "archived":
            await client.patch(
                f"/v1/articles/{bad['id']}", json={"status": "published"}, headers=kb_headers
            )
            await client.patch(
                f"/v1/articles/{bad['id']}", json={"status": "archived"}, headers=kb_headers
            )
        bad_id = bad["id"]
    ticket = await create_ticket(client, admin_headers)
    before = await message_count(database)

    response = await post_message(client, admin_headers, ticket, article_ids=[good["id"], bad_id])

    assert_problem(response, 422, "/article_ids/1", problem=ArticleNotCitable)
    assert await message_count(database) == before
    assert await citations(database) == []


@pytest.mark.parametrize(
    "body",
    [
        {"author_type": "customer"},
        {"author_type": "agent", "public": False},
    ],
)
async def test_only_an_agents_public_reply_cites_articles(
    client: httpx.AsyncClient, admin_headers: Headers, kb_headers: Headers, body: dict[str, Any]
) -> None:
    article = await create_article(client, kb_headers, status="published")
    ticket = await create_ticket(client, admin_headers)

    response = await post_message(
        client, admin_headers, ticket, article_ids=[article["id"]], **body
    )

    assert_problem(response, 422, "/article_ids", problem=RequestInvalid)


async def test_the_status_page_links_the_cited_articles(
    client: httpx.AsyncClient, admin_headers: Headers, kb_headers: Headers
) -> None:
    article = await create_article(client, kb_headers, status="published")
    ticket = await create_ticket(client, admin_headers)
    await post_message(client, admin_headers, ticket, article_ids=[article["id"]])
    link = await client.post(f"/v1/tickets/{ticket['id']}/status-link", headers=admin_headers)
    path = link.json()["url"].removeprefix("http://127.0.0.1:8000")

    view = (await client.get(path, headers={"Accept": "application/json"})).json()
    page = await client.get(path, headers={"Accept": "text/html"})

    assert [m["cited_articles"] for m in view["messages"]] == [
        [],
        [
            {
                "id": article["id"],
                "locale": "en",
                "title": "Where is my parcel?",
                "url": f"/v1/public/articles/{article['id']}",
            }
        ],
    ]
    assert f'<a href="/v1/public/articles/{article["id"]}" lang="en">' in page.text
    assert "Articles mentioned:" in page.text
