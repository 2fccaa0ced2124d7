"""A support lead signs in to the dashboard on a laptop, reads the figures (the API's), changes
the pickers and opens the records behind a point; a colleague opens a dashboard link on a
tablet, in German. No console error, no foreign request, every state passes the axe audit."""

from datetime import datetime
from typing import Any

import httpx
import pytest
from playwright.async_api import Page

from app.auth.scopes import Scope
from app.kit.db import Database
from tests.browser.conftest import LAPTOP, TABLET, assert_accessible, screenshot
from tests.conftest import MakeKey
from tests.dashboard.conftest import seed_small_demo
from tests.support.api import bearer
from tests.support.clock import MutableClock

Headers = dict[str, str]


@pytest.fixture
async def demo(database_url: str, database: Database, clock: MutableClock) -> datetime:
    return await seed_small_demo(database_url, database, clock)


@pytest.fixture
async def reader_key(make_key: MakeKey) -> str:
    return await make_key(Scope.METRICS_READ, name="dashboard reader")


async def _headline_values(page: Page) -> dict[str, str]:
    values: dict[str, str] = await page.eval_on_selector_all(
        ".headline",
        "nodes => Object.fromEntries(nodes.map(n => [n.dataset.metric, n.dataset.value]))",
    )
    return values


async def _api_path(page: Page, metric: str) -> str:
    code = await page.text_content(f"section[data-metric={metric}] code", timeout=2000)
    assert code is not None
    return code.removeprefix("GET ")


async def _table_values(page: Page, metric: str) -> list[str]:
    values: list[str] = await page.eval_on_selector_all(
        f"section[data-metric={metric}] td", "cells => cells.map(c => c.dataset.value)"
    )
    return values


def _api_values(series: dict[str, Any]) -> list[str]:
    return [
        "" if point["value"] is None else str(float(point["value"]))
        for index in range(len(series["series"][0]["points"]))
        for group in series["series"][:8]
        for point in [group["points"][index]]
    ]


async def test_on_a_laptop_the_lead_signs_in_reads_the_api_figures_and_changes_the_pickers(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    reader_key: str,
    demo: datetime,
    open_tab: Any,
) -> None:
    visit = await open_tab(LAPTOP)
    page = visit.page
    await page.goto(visit.base_url + "/dashboard")
    assert page.url.endswith("/dashboard/sign-in")
    await assert_accessible(page)
    await page.get_by_label("API key").fill(reader_key)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/dashboard")
    assert await page.inner_text("h1") == "Support dashboard"

    api_path = await _api_path(page, "csat")
    window = httpx.URL(api_path).params
    summary = (
        await client.get(
            "/v1/metrics/summary",
            params={"from": window["from"], "to": window["to"]},
            headers=admin_headers,
        )
    ).json()
    shown = await _headline_values(page)
    assert float(shown["csat"]) == summary["csat"]["value"]
    assert float(shown["nps"]) == summary["nps"]["value"]
    assert float(shown["fcr"]) == summary["fcr"]["value"]
    assert float(shown["resolution_time"]) == summary["resolution_time"]["median_seconds"]
    series = (await client.get(api_path.replace("/records?", "?"), headers=admin_headers)).json()
    assert await _table_values(page, "csat") == _api_values(series)
    assert await page.locator("svg.chart").count() == 7
    assert await page.locator("section[data-metric=csat] circle").count() == sum(
        point["value"] is not None for point in series["series"][0]["points"]
    )
    await assert_accessible(page)
    await screenshot(page, "dashboard-laptop-en")

    daily_labels = await page.text_content("section[data-metric=sla_compliance] thead")
    await page.get_by_label("Each point is a").select_option("week")
    await page.get_by_label("Group by").select_option("channel")
    await page.get_by_label("Time zone").select_option("Europe/Berlin")
    await page.get_by_role("button", name="Show").click()
    await page.wait_for_url("**/dashboard?*granularity=week*")
    weekly_labels = await page.text_content("section[data-metric=sla_compliance] thead")
    assert weekly_labels is not None
    assert weekly_labels != daily_labels
    assert "email" in weekly_labels
    api_path = await _api_path(page, "sla_compliance")
    assert "group_by=channel" in api_path
    assert "timezone=Europe%2FBerlin" in api_path
    series = (await client.get(api_path.replace("/records?", "?"), headers=admin_headers)).json()
    assert await _table_values(page, "sla_compliance") == _api_values(series)
    assert len(series["series"][0]["points"]) == 5
    await assert_accessible(page)
    await screenshot(page, "dashboard-laptop-en-weekly-by-channel")

    await page.locator("section[data-metric=sla_compliance] summary").click()
    await page.locator("section[data-metric=sla_compliance] td a").first.click()
    await page.wait_for_url("**/dashboard/records/sla_compliance?*bucket=*")
    assert (await page.inner_text("h1")).startswith("Records: SLA compliance")
    assert await page.locator("tbody tr").count() > 0
    await assert_accessible(page)
    visit.assert_self_contained()
    assert visit.console_errors == []


async def test_on_a_tablet_a_dashboard_link_opens_the_page_in_german(
    client: httpx.AsyncClient,
    reader_key: str,
    demo: datetime,
    open_tab: Any,
) -> None:
    created = await client.post(
        "/v1/dashboard-links", json={"name": "Tablet"}, headers=bearer(reader_key)
    )
    path = created.json()["url"].removeprefix("http://127.0.0.1:8000")
    visit = await open_tab(TABLET, locale="de-DE")
    page = visit.page
    await page.goto(visit.base_url + path)
    await page.wait_for_url("**/dashboard")
    assert "/open/" not in page.url
    assert await page.get_attribute("html", "lang") == "de-DE"
    assert await page.inner_text("h1") == "Support-Dashboard"
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= TABLET["width"], "nothing scrolls sideways on a tablet"
    cards = await page.eval_on_selector_all(
        ".charts > .card", "cards => cards.map(c => c.getBoundingClientRect().width)"
    )
    assert min(cards) > TABLET["width"] * 0.8, "one chart per row, as wide as the tablet"
    await assert_accessible(page)
    await screenshot(page, "dashboard-tablet-de")

    await page.get_by_role("button", name="Abmelden").click()
    await page.wait_for_url("**/dashboard/sign-in")
    await page.goto(visit.base_url + "/dashboard")
    assert page.url.endswith("/dashboard/sign-in"), "signed out: the session is over"
    visit.assert_self_contained()
    assert visit.console_errors == []
