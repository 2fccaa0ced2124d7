"""Browser tests: the app served by uvicorn on 127.0.0.1 in the test's event loop, opened by
Debian's headless Chromium (/usr/bin/chromium) through Playwright (which never downloads a
browser here), audited with axe-core (the copy axe-playwright-python pins), screenshots kept
in artifacts/screenshots/.

Install the browser with `apt-get install chromium chromium-driver` (.ci/run does it when it is
missing); deselect these tests with `-m "not browser"`.
"""

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from axe_playwright_python.async_playwright import Axe
from fastapi import FastAPI
from playwright.async_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    async_playwright,
)

from app.kit.migrations import PROJECT_ROOT

CHROMIUM = os.environ.get("AFTERCARE_TEST_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LAPTOP = {"width": 1366, "height": 768}
TABLET = {"width": 820, "height": 1180}
BLOCKING_IMPACTS = ("serious", "critical")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
async def live_server(app: FastAPI) -> AsyncIterator[str]:
    """The app on a free port of 127.0.0.1; its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium chromium-driver")
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        await chromium.close()


@dataclass
class Visit:
    """A browser tab that records what a page must not do: ask another host for anything, miss
one of its own assets, or break the Content-Security-Policy."""

    page: Page
    base_url: str
    foreign_requests: list[str] = field(default_factory=list)
    failed_assets: list[str] = field(default_factory=list)
    refused_by_policy: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def assert_self_contained(self) -> None:
        assert self.foreign_requests == [], self.foreign_requests
        assert self.failed_assets == [], self.failed_assets
        assert self.refused_by_policy == [], self.refused_by_policy

    def watch(self) -> None:
        self.page.on("request", self._on_request)
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)

    def _on_request(self, request: Request) -> None:
        if not request.url.startswith(self.base_url):
            self.foreign_requests.append(request.url)

    def _on_response(self, response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.failed_assets.append(f"{response.status} {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.refused_by_policy.append(message.text)
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
async def open_tab(
    browser: Browser, live_server: str
) -> AsyncIterator[Any]:
    contexts: list[BrowserContext] = []

    async def open_tab(viewport: dict[str, int], locale: str = "en-US") -> Visit:
        context = await browser.new_context(viewport=viewport, locale=locale)  # type: ignore[arg-type]
        contexts.append(context)
        page = await context.new_page()
        visit = Visit(page, live_server)
        visit.watch()
        return visit

    yield open_tab
    for context in contexts:
        await context.close()


async def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical violation on the page as it is now."""
    results = await Axe().run(page)
    blocking = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], blocking


async def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path
