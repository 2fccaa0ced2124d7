"""A customer answers a survey in a real browser: on a phone in German and on a desktop in
French, fixes a wrong answer, submits; every state passes the axe audit, screenshots are kept,
and the answers are in the metrics."""

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from app.auth.scopes import Scope
from app.kit.db import Database
from app.models import Customer
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot
from tests.conftest import MakeKey
from tests.factories import create_invitation
from tests.support.api import bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]


@pytest.fixture
async def survey_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.SURVEYS_READ, Scope.SURVEYS_WRITE))


async def _survey_path(
    client: httpx.AsyncClient, headers: Headers, database: Database, customer: Customer,
    locale: str | None,
) -> str:
    async with database.sessionmaker() as session, session.begin():
        await session.execute(
            update(Customer).where(Customer.id == customer.id).values(locale=locale)
        )
    url: str = (await create_invitation(client, headers))["public_url"]
    return url.removeprefix("http://127.0.0.1:8000")


async def _csat(
    client: httpx.AsyncClient, make_key: MakeKey, clock: MutableClock
) -> dict[str, Any]:
    clock.advance(timedelta(minutes=1))  # the default window ends now, and excludes it
    headers = bearer(await make_key(Scope.METRICS_READ))
    summary = await client.get("/v1/metrics/summary", headers=headers)
    assert summary.status_code == 200, summary.text
    csat: dict[str, Any] = summary.json()["csat"]
    return csat


async def test_on_a_phone_in_german_a_wrong_answer_is_fixed_and_the_survey_sent(
    client: httpx.AsyncClient, survey_headers: Headers, database: Database, customer: Customer,
    open_tab: Any, make_key: MakeKey, clock: MutableClock,
) -> None:
    path = await _survey_path(client, survey_headers, database, customer, "de-DE")
    visit = await open_tab(PHONE, locale="de-DE")
    page = visit.page
    await page.goto(visit.base_url + path)

    assert await page.get_attribute("html", "lang") == "de-DE"
    assert await page.inner_text("h1") == "Zufriedenheit nach dem Kauf"
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing scrolls sideways on a phone"
    await assert_accessible(page)
    await screenshot(page, "survey-phone-de")

    # Keyboard and labels: a choice is picked by its label; the yes/no answer is forgotten.
    await page.get_by_label("Eher zufrieden").check()
    await page.get_by_label("Was könnten wir Ihrer Meinung nach besser machen?").fill(
        "Schnellerer Versand"
    )
    async with page.expect_navigation():
        await page.get_by_role("button", name="Antworten senden").click()
    assert "Bitte prüfen Sie Ihre Antworten" in await page.inner_text("main")
    group = page.get_by_role("group", name="Haben wir Ihre Erwartungen")
    assert await group.get_attribute("aria-describedby") == "q-expectations_met-error"
    assert await page.get_by_label("Eher zufrieden").is_checked()  # kept
    assert await page.get_by_label("Was könnten wir").input_value() == "Schnellerer Versand"
    await assert_accessible(page)
    await screenshot(page, "survey-phone-de-error")

    await page.get_by_role("link", name="Bitte wählen Sie eine Antwort.").click()
    await page.get_by_label("Ja", exact=True).check()
    async with page.expect_navigation():
        await page.get_by_role("button", name="Antworten senden").click()
    assert await page.inner_text("h1") == "Vielen Dank!"
    await assert_accessible(page)
    await screenshot(page, "survey-phone-de-thanks")
    visit.assert_self_contained()

    csat = await _csat(client, make_key, clock)
    assert (csat["numerator"], csat["denominator"]) == (1, 1)  # "Eher zufrieden" is a 4


async def test_on_a_desktop_the_language_switch_and_the_keyboard_work(
    client: httpx.AsyncClient, survey_headers: Headers, database: Database, customer: Customer,
    open_tab: Any, make_key: MakeKey, clock: MutableClock,
) -> None:
    path = await _survey_path(client, survey_headers, database, customer, None)
    visit = await open_tab(DESKTOP)
    page = visit.page
    await page.goto(visit.base_url + path)
    assert await page.inner_text("h1") == "Post-purchase satisfaction"

    async with page.expect_navigation():
        await page.get_by_role("link", name="Français").click()
    assert await page.inner_text("h1") == "Satisfaction après achat"
    await assert_accessible(page)
    await screenshot(page, "survey-desktop-fr")

    # Only the keyboard: the first choice of the first question, then on to "Non".
    await page.get_by_label("Très insatisfait(e)").focus()
    await page.keyboard.press("Space")
    await page.get_by_label("Non", exact=True).focus()
    await page.keyboard.press("Space")
    await page.get_by_role("button", name="Envoyer mes réponses").focus()
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    assert await page.inner_text("h1") == "Merci\u00a0!"
    await screenshot(page, "survey-desktop-fr-thanks")
    visit.assert_self_contained()

    csat = await _csat(client, make_key, clock)
    assert (csat["numerator"], csat["denominator"]) == (0, 1)  # "Très insatisfait(e)" is a 1
