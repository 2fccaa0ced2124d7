"""A customer opens their ticket's status page on a phone and on a desktop, in two languages,
writes a message, and meets an error; every state passes the axe audit."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot
from tests.factories import create_ticket, policy_target, post_message
from tests.support.clock import MutableClock

Headers = dict[str, str]
MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


async def _status_path(
    client: httpx.AsyncClient, headers: Headers, clock: MutableClock, customer: dict[str, Any]
) -> str:
    """A ticket with a reply promised in 4 business-free hours, one agent answer, and its
    status link's path."""
    clock.set(MONDAY_9)
    policy = {
        "name": "Standard",
        "targets": {"first_response": policy_target(240), "resolution": policy_target(2880)},
    }
    assert (await client.post("/v1/sla-policies", json=policy, headers=headers)).status_code == 201
    ticket = await create_ticket(client, headers, customer=customer)
    clock.advance(timedelta(minutes=40))
    await post_message(
        client, headers, ticket,
        body="Thank you for writing. Your parcel left our warehouse yesterday; we are asking the"
        " carrier where it is now.",
    )
    clock.advance(timedelta(minutes=5))
    await post_message(client, headers, ticket, body="Internal: carrier ticket 4471", public=False)
    response = await client.post(f"/v1/tickets/{ticket['id']}/status-link", headers=headers)
    url: str = response.json()["url"]
    return url.removeprefix("http://127.0.0.1:8000")


async def test_on_a_phone_in_german_the_customer_reads_the_promise_and_writes(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock, open_tab: Any
) -> None:
    customer = {"external_ref": "cust-1", "name": "Lena", "locale": "de-DE",
                "time_zone": "Europe/Berlin"}
    path = await _status_path(client, admin_headers, clock, customer)
    visit = await open_tab(PHONE, locale="de-DE")
    page = visit.page
    await page.goto(visit.base_url + path)

    assert await page.get_attribute("html", "lang") == "de-DE"
    assert await page.inner_text("h1") == "Where is my parcel?"
    assert "Wir möchten Ihr Anliegen bis Mittwoch, 2. Dezember, 10:00 lösen." in (
        await page.inner_text("main")
    )
    assert "carrier ticket 4471" not in await page.content()
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing scrolls sideways on a phone"
    await assert_accessible(page)
    await screenshot(page, "status-phone-de")

    await page.get_by_label("Ihre Nachricht").fill("Danke! Es ist immer noch nicht da.")
    await page.get_by_role("button", name="Nachricht senden").click()
    await page.wait_for_url("**/v1/public/tickets/*?sent=true#conversation")
    assert "Danke: Ihre Nachricht wurde gesendet." in await page.inner_text("main")
    messages = page.locator(".conversation li")
    assert await messages.count() == 3
    assert "immer noch nicht da" in await messages.last.inner_text()
    await assert_accessible(page)
    await screenshot(page, "status-phone-de-sent")
    visit.assert_self_contained()


async def test_on_a_desktop_the_language_switch_and_the_form_errors_work(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock, open_tab: Any
) -> None:
    customer = {"external_ref": "cust-1", "locale": "en-GB", "time_zone": "Europe/London"}
    path = await _status_path(client, admin_headers, clock, customer)
    visit = await open_tab(DESKTOP)
    page = visit.page
    await page.goto(visit.base_url + path)

    main = await page.inner_text("main")
    assert "We aim to resolve your request by Wednesday 2 December, 09:00." in main
    assert "We replied on Monday 30 November, 09:40." in main
    await assert_accessible(page)
    await screenshot(page, "status-desktop-en")

    await page.get_by_role("link", name="Français").click()
    await page.wait_for_url("**?lang=fr")
    assert await page.get_attribute("html", "lang") == "fr"
    assert await page.inner_text("h2 >> nth=0") == "À quoi vous attendre"

    await page.get_by_role("button", name="Envoyer le message").click()
    error = page.locator("#body-error")
    assert await error.inner_text() == "Veuillez écrire votre message."
    assert await page.get_attribute("#body", "aria-invalid") == "true"
    assert "lang=fr" in page.url
    await assert_accessible(page)
    await screenshot(page, "status-desktop-fr-error")
    visit.assert_self_contained()


async def test_an_unknown_link_shows_a_plain_page(open_tab: Any) -> None:
    visit = await open_tab(PHONE, locale="es-ES")
    page = visit.page
    response = await page.goto(visit.base_url + "/v1/public/tickets/not-a-token")
    assert response is not None
    assert response.status == 404
    assert await page.inner_text("h1") == "Este enlace no funciona"
    assert "Traceback" not in await page.content()
    await assert_accessible(page)
    await screenshot(page, "status-unknown-link-es")
    visit.assert_self_contained()
