import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from app.auth.scopes import Scope
from app.customers.errors import InvalidLocale
from app.kb.errors import ArticleNotFound, ArticleTransitionNotAllowed, TranslationExists
from app.kit.db import Database
from app.kit.errors import RequestInvalid, UnknownReference
from app.models import Event
from tests.conftest import MakeKey
from tests.factories import article_body, create_article
from tests.support.api import assert_problem, bearer
from tests.support.clock import MutableClock

MINUTE = timedelta(minutes=1)


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> dict[str, str]:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE, name="help centre editor"))


async def patch(
    client: httpx.AsyncClient, headers: dict[str, str], article_id: str, **fields: Any
) -> httpx.Response:
    return await client.patch(f"/v1/articles/{article_id}", json=fields, headers=headers)


async def article_events(database: Database) -> list[Event]:
    async with database.sessionmaker() as session:
        statement = select(Event).where(Event.type.like("article.%")).order_by(Event.created_at)
        return list((await session.scalars(statement)).all())


async def versions(
    client: httpx.AsyncClient, headers: dict[str, str], article_id: str
) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/articles/{article_id}/versions", headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_draft_is_stored_rendered_and_records_no_event(
    client: httpx.AsyncClient, kb_headers: dict[str, str], database: Database
) -> None:
    created = await create_article(
        client,
        kb_headers,
        locale="de_ch",
        tags=["Shipping", "shipping", "returns"],
        summary="  Wo ist mein Paket?  ",
        category="Delivery",
        applies_to={"products": ["sku-1"], "service_levels": ["express"]},
    )

    assert (created["status"], created["version"], created["published_at"]) == ("draft", 0, None)
    assert created["locale"] == "de-CH"
    assert created["tags"] == ["shipping", "returns"]
    assert created["summary"] == "Wo ist mein Paket?"
    assert created["body_html"] == (
        "<p>Track it with the <strong>link</strong> in your shipping email.</p>\n"
    )
    assert created["applies_to"] == {"products": ["sku-1"], "service_levels": ["express"]}
    assert created["translation_group_id"] == created["id"]
    assert created["notice"] is None
    read = await client.get(f"/v1/articles/{created['id']}", headers=kb_headers)
    assert read.json() == created
    assert await article_events(database) == []
    assert await versions(client, kb_headers, created["id"]) == []


async def test_publishing_writes_version_one_and_records_article_published(
    client: httpx.AsyncClient,
    kb_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
) -> None:
    draft = await create_article(client, kb_headers)
    publish_time = clock.now()

    published = await patch(client, kb_headers, draft["id"], status="published")

    assert published.status_code == 200, published.text
    article = published.json()
    assert (article["status"], article["version"]) == ("published", 1)
    assert article["published_at"] == publish_time.isoformat().replace("+00:00", "Z")
    [version] = await versions(client, kb_headers, draft["id"])
    assert (version["version"], version["title"], version["body"]) == (
        1,
        draft["title"],
        draft["body"],
    )
    [event] = await article_events(database)
    assert event.type == "article.published"
    assert (event.data["version"], event.data["article"]["id"]) == (1, draft["id"])
    assert event.data["published_by"]["name"] == "help centre editor"


async def test_each_content_change_of_a_published_article_is_a_version(
    client: httpx.AsyncClient,
    kb_headers: dict[str, str],
    database: Database,
    clock: MutableClock,
) -> None:
    article = await create_article(client, kb_headers, status="published")
    clock.advance(MINUTE)
    changed = await patch(
        client, kb_headers, article["id"], title="Where is my order?", body="See *tracking*."
    )
    assert changed.status_code == 200, changed.text
    clock.advance(MINUTE)
    notice = {
        "starts_at": "2026-12-01T00:00:00Z",
        "ends_at": "2026-12-24T00:00:00Z",
        "order_refs": ["ord-1"],
        "products": [],
    }
    assert (await patch(client, kb_headers, article["id"], notice=notice)).status_code == 200
    unchanged = await patch(client, kb_headers, article["id"], title="Where is my order?")

    assert unchanged.json()["version"] == 2
    assert unchanged.json()["notice"] == notice
    assert [v["version"] for v in await versions(client, kb_headers, article["id"])] == [2, 1]
    [first, *_] = await versions(client, kb_headers, article["id"])
    assert (first["title"], first["body_html"]) == (
        "Where is my order?",
        "<p>See <em>tracking</em>.</p>\n",
    )
    events = await article_events(database)
    assert [e.type for e in events] == ["article.published", "article.updated", "article.updated"]
    assert (events[1].data["changes"], events[1].data["new_version"]) == (["title", "body"], 2)
    assert (events[2].data["changes"], events[2].data["new_version"]) == (["notice"], None)


async def test_archiving_and_republishing(
    client: httpx.AsyncClient, kb_headers: dict[str, str], database: Database
) -> None:
    article = await create_article(client, kb_headers, status="published")
    archived = (await patch(client, kb_headers, article["id"], status="archived")).json()
    assert (archived["status"], archived["version"]) == ("archived", 1)
    assert archived["archived_at"] is not None
    edited = await patch(client, kb_headers, article["id"], summary="Updated while archived")
    assert edited.json()["version"] == 1  # not published: no version
    back = await patch(client, kb_headers, article["id"], status="draft")
    assert_problem(back, 409, problem=ArticleTransitionNotAllowed)

    republished = (await patch(client, kb_headers, article["id"], status="published")).json()

    assert (republished["status"], republished["version"]) == ("published", 2)
    assert republished["archived_at"] is None
    assert republished["published_at"] == article["published_at"]  # first publication
    types = [event.type for event in await article_events(database)]
    assert types == [
        "article.published",
        "article.updated",
        "article.updated",
        "article.published",
    ]


async def test_a_draft_edited_and_archived_records_no_event(
    client: httpx.AsyncClient, kb_headers: dict[str, str], database: Database
) -> None:
    draft = await create_article(client, kb_headers)
    assert (await patch(client, kb_headers, draft["id"], tags=["x"])).status_code == 200
    assert (await patch(client, kb_headers, draft["id"], status="archived")).status_code == 200
    assert await article_events(database) == []


async def test_translations_share_a_group_one_per_locale(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    english = await create_article(client, kb_headers)
    german = await create_article(
        client, kb_headers, locale="de", title="Wo ist mein Paket?", translation_of=english["id"]
    )
    french = await create_article(
        client, kb_headers, locale="fr", title="Où est mon colis ?", translation_of=german["id"]
    )
    assert german["translation_group_id"] == french["translation_group_id"] == english["id"]

    listed = await client.get(f"/v1/articles/{french['id']}/translations", headers=kb_headers)
    assert [item["locale"] for item in listed.json()["items"]] == ["de", "en", "fr"]
    again = await client.post(
        "/v1/articles",
        json=article_body(locale="DE", translation_of=english["id"]),
        headers=kb_headers,
    )
    assert_problem(again, 409, "/locale", problem=TranslationExists)
    unknown = await client.post(
        "/v1/articles",
        json=article_body(translation_of="00000000-0000-0000-0000-000000000000"),
        headers=kb_headers,
    )
    assert_problem(unknown, 422, "/translation_of", problem=UnknownReference)


async def test_two_translations_into_one_locale_at_once_make_one(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    english = await create_article(client, kb_headers)
    body = article_body(locale="it", translation_of=english["id"])
    answers = await asyncio.gather(
        *(client.post("/v1/articles", json=body, headers=kb_headers) for _ in range(3))
    )
    assert sorted(answer.status_code for answer in answers) == [201, 409, 409]


async def test_lists_filter_and_paginate_without_bodies(
    client: httpx.AsyncClient, kb_headers: dict[str, str], clock: MutableClock
) -> None:
    for index in range(5):
        clock.advance(MINUTE)
        await create_article(
            client,
            kb_headers,
            title=f"Article {index}",
            tags=["returns"] if index % 2 else [],
            category="billing" if index < 2 else None,
            status="published" if index != 4 else "draft",
            locale="en" if index else "fr",
        )

    async def titles(**query: Any) -> list[str]:
        response = await client.get("/v1/articles", params=query, headers=kb_headers)
        assert response.status_code == 200, response.text
        assert all("body" not in item for item in response.json()["items"])
        return [item["title"] for item in response.json()["items"]]

    assert await titles(status="published") == ["Article 3", "Article 2", "Article 1", "Article 0"]
    assert await titles(tag="Returns") == ["Article 3", "Article 1"]
    assert await titles(category="billing", locale="en") == ["Article 1"]
    assert await titles(locale="FR") == ["Article 0"]
    first = (await client.get("/v1/articles?limit=3", headers=kb_headers)).json()
    rest = await client.get(
        "/v1/articles", params={"limit": 3, "cursor": first["next_cursor"]}, headers=kb_headers
    )
    assert [a["title"] for a in first["items"] + rest.json()["items"]] == [
        f"Article {index}" for index in (4, 3, 2, 1, 0)
    ]
    assert rest.json()["next_cursor"] is None


@pytest.mark.parametrize(
    ("fields", "pointer"),
    [
        ({"locale": "xx-nonsense-tag"}, "/locale"),
        ({"title": "   "}, "/title"),
        ({"body": ""}, "/body"),
        ({"status": "archived"}, "/status"),
        ({"tags": ["a"] * 21}, "/tags"),
        ({"applies_to": {"products": ["has space"]}}, "/applies_to/products/0"),
        (
            {
                "notice": {
                    "starts_at": "2026-12-02T00:00:00Z",
                    "ends_at": "2026-12-01T00:00:00Z",
                    "products": ["sku-1"],
                }
            },
            "/notice/ends_at",
        ),
        (
            {"notice": {"starts_at": "2026-12-01T00:00:00Z", "ends_at": "2026-12-02T00:00:00Z"}},
            "/notice",
        ),
        ({"version": 3}, "/version"),
    ],
)
async def test_bad_input_names_the_field(
    client: httpx.AsyncClient, kb_headers: dict[str, str], fields: dict[str, Any], pointer: str
) -> None:
    response = await client.post("/v1/articles", json=article_body(**fields), headers=kb_headers)
    assert_problem(response, 422, pointer)


async def test_an_unknown_locale_is_the_invalid_locale_problem(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    response = await client.post("/v1/articles", json=article_body(locale="zz"), headers=kb_headers)
    assert_problem(response, 422, "/locale", problem=InvalidLocale)
    listed = await client.get("/v1/articles?locale=qq", headers=kb_headers)
    assert_problem(listed, 422, "/locale", problem=InvalidLocale)


async def test_patch_refuses_null_title_and_unknown_articles(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    article = await create_article(client, kb_headers)
    assert_problem(await patch(client, kb_headers, article["id"], title=None), 422, "/title")
    assert_problem(await patch(client, kb_headers, article["id"]), 422, problem=RequestInvalid)
    assert_problem(await patch(client, kb_headers, article["id"], locale="de"), 422, "/locale")
    missing = "00000000-0000-0000-0000-000000000000"
    assert_problem(
        await patch(client, kb_headers, missing, title="x"), 404, problem=ArticleNotFound
    )
    for path in ("", "/versions", "/translations"):
        answer = await client.get(f"/v1/articles/{missing}{path}", headers=kb_headers)
        assert_problem(answer, 404, problem=ArticleNotFound)


async def test_null_clears_summary_category_and_notice(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    article = await create_article(
        client,
        kb_headers,
        summary="Short",
        category="Delivery",
        notice={
            "starts_at": "2026-12-01T00:00:00Z",
            "ends_at": "2026-12-02T00:00:00Z",
            "products": ["sku-1"],
        },
    )
    cleared = await patch(
        client, kb_headers, article["id"], summary=None, category=None, notice=None
    )
    assert (cleared.json()["summary"], cleared.json()["category"], cleared.json()["notice"]) == (
        None,
        None,
        None,
    )


async def test_scopes(client: httpx.AsyncClient, make_key: MakeKey) -> None:
    reader = bearer(await make_key(Scope.KB_READ))
    refused = await client.post("/v1/articles", json=article_body(), headers=reader)
    assert_problem(refused, 403)
    writer = bearer(await make_key(Scope.KB_WRITE))
    assert (
        await client.post("/v1/articles", json=article_body(), headers=writer)
    ).status_code == 201
    assert_problem(await client.get("/v1/articles", headers=writer), 403)


async def test_create_is_idempotent(
    client: httpx.AsyncClient, kb_headers: dict[str, str], database: Database
) -> None:
    headers = {**kb_headers, "Idempotency-Key": "article-1"}
    first = await client.post("/v1/articles", json=article_body(), headers=headers)
    again = await client.post("/v1/articles", json=article_body(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    async with database.sessionmaker() as session:
        assert await session.scalar(text("SELECT count(*) FROM articles")) == 1


async def test_the_search_vector_is_written_in_the_locales_language(
    client: httpx.AsyncClient, kb_headers: dict[str, str], database: Database
) -> None:
    german = await create_article(
        client, kb_headers, locale="de", title="Rückerstattungen", body="Die Zahlungen"
    )
    await patch(client, kb_headers, german["id"], summary="Schnell erstattet")
    async with database.sessionmaker() as session:
        vector = await session.scalar(
            text("SELECT search_vector::text FROM article_search WHERE article_id = :id"),
            {"id": german["id"]},
        )
    # german stems (ruckerstatt, zahlung), drops stop words (die) and weighs the title A
    assert vector == "'erstattet':3B 'ruckerstatt':1A 'schnell':2B 'zahlung':5C"


async def test_unsafe_markdown_is_stored_as_written_and_served_sanitised(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    source = 'Hello <img src=x onerror="alert(1)"><script>alert(2)</script> [x](javascript:y)'
    article = await create_article(client, kb_headers, body=source)
    assert article["body"] == source
    assert article["body_html"] == '<p>Hello <img src="x"> [x](javascript:y)</p>\n'
    changed = await patch(client, kb_headers, article["id"], body="<a href='vbscript:x'>a</a>")
    assert changed.json()["body_html"] == '<p><a rel="noopener noreferrer nofollow">a</a></p>\n'
