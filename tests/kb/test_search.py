from typing import Any

import httpx
import pytest

from app.auth.scopes import Scope
from app.customers.errors import InvalidLocale
from app.kb.errors import EmptySearchQuery
from app.kb.service import search_articles
from app.kit.db import Database
from app.kit.errors import RequestInvalid
from tests.conftest import MakeKey
from tests.factories import create_article
from tests.support.api import assert_problem, bearer


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> dict[str, str]:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE))


async def search(
    client: httpx.AsyncClient, headers: dict[str, str], q: str, locale: str = "en", **more: Any
) -> dict[str, Any]:
    response = await client.get(
        "/v1/articles/search", params={"q": q, "locale": locale, **more}, headers=headers
    )
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def titles(found: dict[str, Any]) -> list[str]:
    return [hit["article"]["title"] for hit in found["items"]]


async def test_words_are_stemmed_in_the_articles_language(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    await create_article(
        client,
        kb_headers,
        locale="de",
        title="Rückerstattungen",
        body="Erstattungen dauern fünf Werktage.",
        status="published",
    )
    await create_article(
        client,
        kb_headers,
        locale="en",
        title="Refunds",
        body="Refunds take five days.",
        status="published",
    )

    assert titles(await search(client, kb_headers, "Rückerstattung", "de-CH")) == [
        "Rückerstattungen"
    ]
    assert titles(await search(client, kb_headers, "refunded", "en-GB")) == ["Refunds"]
    assert titles(await search(client, kb_headers, "Rückerstattung", "en")) == []
    # a stop word alone finds nothing, and is no error
    assert titles(await search(client, kb_headers, "the", "en")) == []


async def test_a_title_match_ranks_above_a_body_match_and_every_word_is_required(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    for title, body in (
        ("Paying by invoice", "Invoices are sent by email after delivery."),
        ("Changing your delivery address", "Write to us before the parcel ships."),
        ("Delivery times", "Most parcels arrive in two days."),
    ):
        await create_article(client, kb_headers, title=title, body=body, status="published")

    found = await search(client, kb_headers, "delivery")
    assert titles(found) == [
        "Delivery times",
        "Changing your delivery address",
        "Paying by invoice",
    ]
    assert found["items"][0]["rank"] > found["items"][2]["rank"]
    assert titles(await search(client, kb_headers, "delivery invoice")) == ["Paying by invoice"]
    assert titles(await search(client, kb_headers, "delivery", limit=1)) == ["Delivery times"]


async def test_small_typos_are_corrected_to_words_articles_use(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    await create_article(
        client,
        kb_headers,
        title="Returning a parcel",
        body="Print the return label and drop the parcel at a post office.",
        status="published",
    )

    found = await search(client, kb_headers, "retrun lable")

    assert titles(found) == ["Returning a parcel"]
    assert found["corrections"] == [
        {"word": "retrun", "correction": "return"},
        {"word": "lable", "correction": "label"},
    ]
    exact = await search(client, kb_headers, "return label")
    assert exact["corrections"] == []
    assert titles(await search(client, kb_headers, "xylophone")) == []


async def test_excerpts_are_escaped_text_with_marked_matches(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    await create_article(
        client,
        kb_headers,
        title="Embedding the widget",
        status="published",
        body="A widget in code: `<img src=x onerror=alert(1)>` (2 < 3 & 4 > 1). Widgets show"
        " the parcel status.",
    )

    [hit] = (await search(client, kb_headers, "widget"))["items"]

    assert hit["excerpt"] == (
        "<mark>widget</mark> in code: &lt;img src=x onerror=alert(1)&gt; (2 &lt; 3 &amp; 4 &gt;"
        " 1). <mark>Widgets</mark> show the parcel status"
    )


async def test_only_published_articles_unless_another_status_is_asked(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    await create_article(client, kb_headers, title="Gift cards", body="Soon.")
    assert titles(await search(client, kb_headers, "gift")) == []
    assert titles(await search(client, kb_headers, "gift", status="draft")) == ["Gift cards"]


async def test_a_change_is_searchable_at_once(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    article = await create_article(client, kb_headers, title="Vouchers", status="published")
    changed = await client.patch(
        f"/v1/articles/{article['id']}", json={"title": "Coupons"}, headers=kb_headers
    )
    assert changed.status_code == 200
    assert titles(await search(client, kb_headers, "coupons")) == ["Coupons"]
    assert titles(await search(client, kb_headers, "vouchers")) == []


@pytest.mark.parametrize(
    ("query", "problem", "pointer"),
    [
        ({"q": "", "locale": "en"}, EmptySearchQuery, "/q"),
        ({"q": "   ", "locale": "en"}, EmptySearchQuery, "/q"),
        ({"locale": "en"}, RequestInvalid, "/q"),
        ({"q": "refund"}, RequestInvalid, "/locale"),
        ({"q": "refund", "locale": "zz"}, InvalidLocale, "/locale"),
        ({"q": "refund", "locale": "en", "limit": 51}, RequestInvalid, "/limit"),
    ],
)
async def test_bad_searches_name_the_field(
    client: httpx.AsyncClient,
    kb_headers: dict[str, str],
    query: dict[str, Any],
    problem: type[RequestInvalid],
    pointer: str,
) -> None:
    response = await client.get("/v1/articles/search", params=query, headers=kb_headers)
    assert_problem(response, 422, pointer, problem=problem)


async def test_any_word_mode_ranks_articles_matching_more_words_first(
    client: httpx.AsyncClient, kb_headers: dict[str, str], database: Database
) -> None:
    """What suggestions from a ticket's text use: any word may match."""
    for title in ("Parcel damaged in transit", "Parcel tracking", "Changing your password"):
        await create_article(client, kb_headers, title=title, body="Details.", status="published")

    async with database.sessionmaker() as session:
        result = await search_articles(
            session, "my parcel arrived damaged", locale="en", match_all=False
        )

    assert [hit.article.title for hit in result.hits] == [
        "Parcel damaged in transit",
        "Parcel tracking",
    ]


async def test_search_is_no_article_id(
    client: httpx.AsyncClient, kb_headers: dict[str, str]
) -> None:
    patched = await client.patch(
        "/v1/articles/search", params={"q": "x"}, json={"title": "x"}, headers=kb_headers
    )
    assert patched.status_code == 405, patched.text
    assert patched.headers["allow"] == "GET"
