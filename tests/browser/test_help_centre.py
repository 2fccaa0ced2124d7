"""A reader uses the help centre in a real browser: on a phone in German (index, a search
with a typo, article, a "no" vote with a comment that becomes feedback) and on a desktop in
English then French (the article's language switch, a "yes" vote by keyboard); every state
passes the axe audit, asks no other host for anything, and screenshots are kept."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.auth.scopes import Scope
from app.feedback.types import FeedbackSource
from app.kit.db import Database
from app.models import ArticleView, ArticleVote, Feedback
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot
from tests.conftest import MakeKey
from tests.factories import create_article
from tests.support.api import bearer

Headers = dict[str, str]
GUIDE = """Most parcels arrive within **three working days**.

1. Open the email *Your order has shipped*.
2. Follow the tracking link.

| Carrier | Tracking |
|---|---|
| DHL | dhl.de |
"""
GUIDE_DE = """Die meisten Pakete kommen innerhalb von **drei Werktagen** an.

1. Öffnen Sie die E-Mail *Ihre Bestellung ist unterwegs*.
2. Folgen Sie dem Link zur Sendungsverfolgung.

| Versanddienst | Sendungsverfolgung |
|---|---|
| DHL | dhl.de |
"""


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE))


async def _help_centre(client: httpx.AsyncClient, headers: Headers) -> dict[str, str]:
    """A small help centre: one article in three languages, two more in English and German."""
    english = await create_article(
        client,
        headers,
        status="published",
        title="Where is my parcel?",
        category="Delivery",
        summary="How to follow your parcel.",
        body=GUIDE,
    )
    german = await create_article(
        client,
        headers,
        status="published",
        locale="de",
        title="Wo ist mein Paket?",
        category="Versand",
        summary="So verfolgen Sie Ihr Paket.",
        translation_of=english["id"],
        body=GUIDE_DE,
    )
    french = await create_article(
        client,
        headers,
        status="published",
        locale="fr",
        title="Où est mon colis ?",
        category="Livraison",
        translation_of=english["id"],
        body="Suivez le **lien**.",
    )
    for locale, title, category in (
        ("en", "Returning an item", "Returns"),
        ("de", "Artikel zurücksenden", "Rücksendungen"),
    ):
        await create_article(
            client, headers, status="published", locale=locale, title=title, category=category
        )
    return {"en": english["id"], "de": german["id"], "fr": french["id"]}


async def test_on_a_phone_in_german_a_reader_finds_an_article_and_says_it_did_not_help(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database, open_tab: Any
) -> None:
    articles = await _help_centre(client, kb_headers)
    visit = await open_tab(PHONE, locale="de-DE")
    page = visit.page
    await page.goto(visit.base_url + "/v1/public/articles")

    assert await page.inner_text("h1") == "Hilfe-Center"
    assert await page.get_attribute("html", "lang") == "de-DE"
    headings = await page.locator("main h2").all_inner_texts()
    assert headings == ["Rücksendungen", "Versand"]
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    await assert_accessible(page)
    await screenshot(page, "help-centre-phone-de")

    await page.get_by_role("searchbox", name="Im Hilfe-Center suchen").fill("Pakte")  # a typo
    async with page.expect_navigation():
        await page.get_by_role("button", name="Suchen").click()
    results = page.get_by_role("region", name="Ergebnisse für „Pakte“")
    assert await results.locator("li a").all_inner_texts() == ["Wo ist mein Paket?"]
    await assert_accessible(page)
    await screenshot(page, "help-search-phone-de")

    async with page.expect_navigation():
        await results.get_by_role("link", name="Wo ist mein Paket?").click()
    assert page.url.endswith(f"/v1/public/articles/{articles['de']}")
    assert await page.inner_text("h1") == "Wo ist mein Paket?"
    assert await page.locator("article table").count() == 1
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    await assert_accessible(page)
    await screenshot(page, "help-article-phone-de")

    await page.get_by_label("Sollen wir etwas ergänzen? (optional)").fill(
        "Was ist mit Packstationen?"
    )
    async with page.expect_navigation():
        await page.get_by_role("button", name="Nein", exact=True).click()
    status = page.get_by_role("status")
    assert await status.inner_text() == (
        "Vielen Dank. Ihre Antwort hilft uns, diesen Artikel zu verbessern."
    )
    await assert_accessible(page)
    await screenshot(page, "help-article-phone-de-voted")
    visit.assert_self_contained()

    async with database.sessionmaker() as session:
        [vote] = (await session.scalars(select(ArticleVote))).all()
        feedback = await session.get(Feedback, vote.feedback_id)
        viewed = (await session.scalars(select(ArticleView.article_id))).all()
    assert (vote.helpful, vote.locale) == (False, "de")
    assert feedback is not None
    assert feedback.source == FeedbackSource.KNOWLEDGE_BASE
    assert [str(article_id) for article_id in viewed] == [articles["de"]]  # not the thanks page


async def test_on_a_desktop_the_articles_language_switch_and_a_keyboard_vote_work(
    client: httpx.AsyncClient, kb_headers: Headers, database: Database, open_tab: Any
) -> None:
    articles = await _help_centre(client, kb_headers)
    visit = await open_tab(DESKTOP)
    page = visit.page
    await page.goto(visit.base_url + f"/v1/public/articles/{articles['en']}")

    assert await page.inner_text("h1") == "Where is my parcel?"
    switch = page.get_by_role("navigation", name="Language")
    assert await switch.get_by_role("link").all_inner_texts() == [
        "Deutsch",
        "English",
        "Français",
    ]
    await assert_accessible(page)
    await screenshot(page, "help-article-desktop-en")

    async with page.expect_navigation():
        await switch.get_by_role("link", name="Français").click()
    assert page.url.endswith(f"/v1/public/articles/{articles['fr']}")
    assert await page.inner_text("h1") == "Où est mon colis ?"
    assert await page.get_attribute("html", "lang") == "fr"
    await assert_accessible(page)
    await screenshot(page, "help-article-desktop-fr")

    await page.get_by_role("button", name="Oui", exact=True).focus()
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    assert await page.get_by_role("status").inner_text() == "Merci pour votre réponse."
    visit.assert_self_contained()

    async with database.sessionmaker() as session:
        [vote] = (await session.scalars(select(ArticleVote))).all()
    assert (str(vote.article_id), vote.helpful, vote.feedback_id) == (articles["fr"], True, None)
