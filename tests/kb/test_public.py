"""The help centre without a key: the index, an article (JSON and page), views and votes."""

import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from app.auth.scopes import Scope
from app.feedback.types import FeedbackSource, Sentiment
from app.kb.errors import ArticleNotFound
from app.kit.db import Database
from app.kit.errors import MalformedJSON, RequestInvalid
from app.models import ArticleView, ArticleVote, Event, Feedback
from tests.conftest import MakeKey
from tests.factories import create_article
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
FORM = {**HTML, "Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE, name="help centre editor"))


async def published(client: httpx.AsyncClient, headers: Headers, **fields: Any) -> dict[str, Any]:
    return await create_article(client, headers, status="published", **fields)


async def views(database: Database, article_id: str) -> list[ArticleView]:
    async with database.sessionmaker() as session:
        statement = select(ArticleView).where(ArticleView.article_id == article_id)
        return list((await session.scalars(statement)).all())


async def votes(database: Database) -> list[ArticleVote]:
    async with database.sessionmaker() as session:
        return list((await session.scalars(select(ArticleVote))).all())


async def test_the_index_lists_published_articles_of_the_language_by_category(
    client: httpx.AsyncClient, kb_headers: Headers
) -> None:
    await published(client, kb_headers, title="Returns", category="Returns")
    await published(client, kb_headers, title="Where is my parcel?", category="Delivery")
    await published(client, kb_headers, title="Change my address", category="Delivery")
    await published(client, kb_headers, title="Gift cards")  # no category: listed last
    await create_article(client, kb_headers, title="A draft", category="Delivery")
    await published(client, kb_headers, locale="de", title="Wo ist mein Paket?")

    response = await client.get("/v1/public/articles", headers=JSON)

    assert response.status_code == 200, response.text
    centre = response.json()
    assert centre["language"] == "en"
    assert centre["truncated"] is False
    listed = [
        (group["name"], [article["title"] for article in group["articles"]])
        for group in centre["categories"]
    ]
    assert listed == [
        ("Delivery", ["Change my address", "Where is my parcel?"]),
        ("Returns", ["Returns"]),
        (None, ["Gift cards"]),
    ]
    german = (await client.get("/v1/public/articles?lang=de", headers=JSON)).json()
    assert [a["title"] for g in german["categories"] for a in g["articles"]] == [
        "Wo ist mein Paket?"
    ]
    only = (await client.get("/v1/public/articles?category=Returns", headers=JSON)).json()
    assert [g["name"] for g in only["categories"]] == ["Returns"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


async def test_the_index_page_is_in_the_readers_language_and_escapes_titles(
    client: httpx.AsyncClient, kb_headers: Headers
) -> None:
    article = await published(
        client, kb_headers, locale="fr", title="<b>Retours</b>", category="Retours"
    )

    page = await client.get("/v1/public/articles", headers={**HTML, "Accept-Language": "fr"})

    assert page.status_code == 200
    assert page.headers["content-language"] == "fr"
    assert "<h1>Centre d\u2019aide</h1>" in page.text
    assert "&lt;b&gt;Retours&lt;/b&gt;" in page.text
    assert "<b>Retours" not in page.text
    assert f'href="/v1/public/articles/{article["id"]}"' in page.text
    empty = await client.get("/v1/public/articles?lang=es", headers=HTML)
    assert "Todavía no hay artículos en este idioma." in empty.text


async def test_a_published_article_is_read_as_json_and_each_reading_is_a_view(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database, clock: MutableClock
) -> None:
    english = await published(client, kb_headers, body="Track it <script>x()</script>**now**")
    german = await published(
        client, kb_headers, locale="de", title="Wo ist mein Paket?", translation_of=english["id"]
    )
    await create_article(client, kb_headers, locale="fr", translation_of=english["id"])  # draft

    first = await client.get(f"/v1/public/articles/{english['id']}", headers=JSON)
    clock.advance(timedelta(minutes=1))
    await client.get(f"/v1/public/articles/{english['id']}")

    assert first.status_code == 200, first.text
    article = first.json()
    assert "<script>" not in article["body_html"]
    assert "<strong>now</strong>" in article["body_html"]
    assert article["translations"] == [
        {
            "id": german["id"],
            "locale": "de",
            "title": "Wo ist mein Paket?",
            "url": f"/v1/public/articles/{german['id']}",
        }
    ]
    assert article["votes_url"] == f"/v1/public/articles/{english['id']}/votes"
    recorded = await views(database, english["id"])
    assert [(view.channel, view.viewed_at) for view in recorded] == [
        ("public", clock.now() - timedelta(minutes=1)),
        ("public", clock.now()),
    ]


@pytest.mark.parametrize("status", ["draft", "archived"])
async def test_drafts_archived_and_unknown_articles_are_not_found_and_not_counted(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database, status: str
) -> None:
    article = await create_article(client, kb_headers, status="published")
    if status == "archived":
        patched = await client.patch(
            f"/v1/articles/{article['id']}", json={"status": "archived"}, headers=kb_headers
        )
        assert patched.status_code == 200
    else:
        article = await create_article(client, kb_headers)
    path = f"/v1/public/articles/{article['id']}"

    assert_problem(await client.get(path, headers=JSON), 404, problem=ArticleNotFound)
    page = await client.get(path, headers=HTML)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    vote = await client.post(f"{path}/votes", json={"helpful": True})
    assert_problem(vote, 404, problem=ArticleNotFound)
    assert await views(database, article["id"]) == []


async def test_the_article_page_is_in_the_articles_language_with_a_switch_to_its_translations(
    client: httpx.AsyncClient, kb_headers: Headers
) -> None:
    english = await published(client, kb_headers, category="Delivery")
    german = await published(
        client,
        kb_headers,
        locale="de-CH",
        title="Wo ist mein Paket?",
        body="Mit dem **Link**.",
        translation_of=english["id"],
    )

    page = await client.get(
        f"/v1/public/articles/{german['id']}", headers={**HTML, "Accept-Language": "en"}
    )

    assert page.status_code == 200
    assert page.headers["content-language"] == "de-CH"
    assert "Hat dieser Artikel Ihre Frage beantwortet?" in page.text
    assert "Mit dem <strong>Link</strong>." in page.text
    switch = re.findall(r'<a href="([^"]+)" lang="([^"]+)"[^>]*>([^<]+)</a>', page.text)
    assert (f"/v1/public/articles/{english['id']}", "en", "English") in switch
    assert (f"/v1/public/articles/{german['id']}", "de-CH", "Deutsch (Schweiz)") in switch
    assert 'action="/v1/public/articles/' + german["id"] + '/votes"' in page.text

    # ?lang= asks for the translation in that language: a browser is sent there
    moved = await client.get(f"/v1/public/articles/{german['id']}?lang=en", headers=HTML)
    assert moved.status_code == 303
    assert moved.headers["location"] == f"/v1/public/articles/{english['id']}"
    stays = await client.get(f"/v1/public/articles/{german['id']}?lang=fr", headers=HTML)
    assert stays.status_code == 200
    assert stays.headers["content-language"] == "fr"


async def test_a_helpful_vote_is_stored_and_no_feedback_is_made(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database, clock: MutableClock
) -> None:
    article = await published(client, kb_headers)

    response = await client.post(
        f"/v1/public/articles/{article['id']}/votes?lang=en-GB",
        json={"helpful": True, "comment": "  Clear, thanks  "},
    )

    assert response.status_code == 201, response.text
    receipt = response.json()
    assert receipt["helpful"] is True
    assert receipt["feedback_id"] is None
    [vote] = await votes(database)
    assert (vote.helpful, vote.comment, vote.locale, vote.feedback_id, vote.created_at) == (
        True,
        "Clear, thanks",
        "en-GB",
        None,
        clock.now(),
    )
    async with database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Feedback)) == 0


async def test_a_negative_vote_with_a_comment_becomes_knowledge_base_feedback(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database
) -> None:
    article = await published(client, kb_headers)
    path = f"/v1/public/articles/{article['id']}/votes"

    silent = await client.post(path, json={"helpful": False, "comment": "   "})
    commented = await client.post(
        path, json={"helpful": False, "comment": "It says nothing about pick-up points."}
    )

    assert silent.json()["feedback_id"] is None
    feedback_id = commented.json()["feedback_id"]
    async with database.sessionmaker() as session:
        feedback = await session.get(Feedback, feedback_id)
        assert feedback is not None
        assert (feedback.source, feedback.sentiment) == (
            FeedbackSource.KNOWLEDGE_BASE,
            Sentiment.NEGATIVE,
        )
        assert feedback.text.startswith("It says nothing about pick-up points.")
        assert f"/v1/public/articles/{article['id']}" in feedback.text
        created = await session.scalar(select(Event).where(Event.type == "feedback.created"))
        assert created is not None
        assert created.subject_id == feedback.id
    stored = {vote.comment: vote.feedback_id for vote in await votes(database)}
    assert stored == {None: None, "It says nothing about pick-up points.": feedback.id}


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({}, "/helpful"),
        ({"helpful": "maybe"}, "/helpful"),
        ({"helpful": False, "comment": "x" * 2001}, "/comment"),
        ({"helpful": True, "stars": 5}, "/stars"),
    ],
)
async def test_an_invalid_vote_is_a_problem_naming_the_field(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database, body: Any, pointer: str
) -> None:
    article = await published(client, kb_headers)

    response = await client.post(f"/v1/public/articles/{article['id']}/votes", json=body)

    assert_problem(response, 422, pointer, problem=RequestInvalid)
    assert await votes(database) == []


async def test_a_vote_that_is_not_json_is_malformed(
    client: httpx.AsyncClient, kb_headers: Headers
) -> None:
    article = await published(client, kb_headers)
    response = await client.post(
        f"/v1/public/articles/{article['id']}/votes",
        content=b"yes",
        headers={"Content-Type": "application/json"},
    )
    assert_problem(response, 400, problem=MalformedJSON)


async def test_the_form_votes_and_returns_to_the_article_thanked_without_a_new_view(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database
) -> None:
    article = await published(client, kb_headers, locale="es", title="¿Dónde está mi paquete?")
    path = f"/v1/public/articles/{article['id']}"

    posted = await client.post(
        f"{path}/votes", content="helpful=no&comment=Falta+el+plazo", headers=FORM
    )

    assert posted.status_code == 303
    assert posted.headers["location"] == f"{path}?voted=no#vote"
    back = await client.get(f"{path}?voted=no", headers=HTML)
    assert "Gracias. Su respuesta nos ayuda a mejorar este artículo." in back.text
    assert "<form" not in back.text
    [vote] = await votes(database)
    assert (vote.helpful, vote.comment, vote.locale) == (False, "Falta el plazo", "es")
    assert vote.feedback_id is not None
    assert await views(database, article["id"]) == []


async def test_the_form_without_an_answer_shows_the_error_and_keeps_the_comment(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database
) -> None:
    article = await published(client, kb_headers, locale="de", title="Rücksendung")

    page = await client.post(
        f"/v1/public/articles/{article['id']}/votes",
        content="comment=%3Cb%3EHallo%3C%2Fb%3E",
        headers=FORM,
    )

    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "Bitte wählen Sie Ja oder Nein." in page.text
    assert 'aria-invalid="true"' in page.text
    assert "&lt;b&gt;Hallo&lt;/b&gt;</textarea>" in page.text
    too_long = await client.post(
        f"/v1/public/articles/{article['id']}/votes",
        content="helpful=yes&comment=" + "x" * 2001,
        headers=FORM,
    )
    assert "Ihr Kommentar ist zu lang" in too_long.text
    json_client = await client.post(
        f"/v1/public/articles/{article['id']}/votes",
        content="helpful=perhaps",
        headers={"Content-Type": FORM["Content-Type"]},
    )
    assert_problem(json_client, 422, "/helpful", problem=RequestInvalid)
    assert await votes(database) == []


async def test_votes_and_readings_are_rate_limited_per_client_address(
    app: FastAPI, kb_headers: Headers, clock: MutableClock
) -> None:
    limit = app.state.settings.public_rate_limit_requests
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        article = await published(client, kb_headers)
        path = f"/v1/public/articles/{article['id']}"
        for _ in range(limit - 1):
            assert (await client.get(path)).status_code == 200
        assert (await client.post(f"{path}/votes", json={"helpful": True})).status_code == 201

        refused = await client.post(f"{path}/votes", json={"helpful": True})

        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        clock.advance(timedelta(seconds=app.state.settings.public_rate_limit_window_seconds))
        assert (await client.post(f"{path}/votes", json={"helpful": True})).status_code == 201


async def test_the_help_centre_searches_the_readers_language_with_highlighted_excerpts(
    client: httpx.AsyncClient, kb_headers: Headers
) -> None:
    parcel = await published(client, kb_headers, body="Follow the tracking link to your parcel.")
    await published(client, kb_headers, title="Returns", body="Print the label.")
    await published(client, kb_headers, locale="de", title="Paket", body="Tracking auf Deutsch")

    found = await client.get("/v1/public/articles?q=trakcing", headers=JSON)
    page = await client.get("/v1/public/articles", params={"q": "<i>tracking</i>"}, headers=HTML)
    nothing = await client.get("/v1/public/articles?q=invoice&lang=fr", headers=HTML)
    blank = await client.get("/v1/public/articles?q=+", headers=JSON)

    centre = found.json()
    assert centre["query"] == "trakcing"
    assert centre["categories"] == []
    assert [hit["id"] for hit in centre["results"]] == [parcel["id"]]
    assert "<mark>tracking</mark>" in centre["results"][0]["excerpt"]
    assert "Results for “&lt;i&gt;tracking&lt;/i&gt;”" in page.text
    assert 'value="&lt;i&gt;tracking&lt;/i&gt;"' in page.text
    assert "<mark>tracking</mark>" in page.text
    assert "Aucun article ne correspond à votre recherche." in nothing.text
    assert 'name="lang" value="fr"' in nothing.text
    assert blank.json()["results"] is None
    assert len(blank.json()["categories"]) == 1
    too_long = await client.get("/v1/public/articles", params={"q": "x" * 201}, headers=JSON)
    assert_problem(too_long, 422, "/q", problem=RequestInvalid)
