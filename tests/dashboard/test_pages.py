"""The dashboard page shows the metrics API's figures for the same window, zone, buckets and
groups; its pickers are checked; each chart's records page lists what the API lists."""

import csv
import io
import re
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from app.dashboard.pickers import Pickers, window_of
from app.kit.db import Database
from app.metrics.schemas import Window
from app.metrics.service import rebuild_rollups, summary
from app.models import metric_rollups
from app.web.middleware import CONTENT_SECURITY_POLICY
from tests.dashboard.conftest import BROWSER
from tests.support.api import bearer

CHARTED = ("csat", "nps", "fcr", "sla_compliance", "first_response_time", "resolution_time")


class Figures(HTMLParser):
    """The data attributes the page writes beside each figure it shows."""

    def __init__(self) -> None:
        super().__init__()
        self.headlines: dict[str, str] = {}
        self.cells: dict[str, list[tuple[str, str]]] = {}  # chart -> (bucket, value) in order
        self.api_paths: dict[str, str] = {}
        self.links: list[str] = []  # of the table cells, to their records
        self._chart: str | None = None
        self._bucket: str | None = None
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if "headline" in found.get("class", "").split():
            self.headlines[found["data-metric"]] = found["data-value"]
        if tag == "section":
            self._chart, self._bucket = found.get("data-metric"), None
            if self._chart:
                self.cells[self._chart] = []
        if tag == "tr" and "data-bucket" in found:
            self._bucket = found["data-bucket"]
        if tag == "td" and self._chart and self._bucket:
            self.cells[self._chart].append((self._bucket, found["data-value"]))
        if tag == "a" and self._chart and self._bucket:
            self.links.append(found["href"])
        self._in_code = tag == "code"

    def handle_data(self, data: str) -> None:
        if self._in_code and self._chart and data.startswith("GET "):
            self.api_paths[self._chart] = data.removeprefix("GET ")


def _figures(html: str) -> Figures:
    parser = Figures()
    parser.feed(html)
    return parser


def _shown(value: str) -> float | None:
    return None if value == "" else float(value)


def _api_cells(series: dict[str, Any], shown_groups: int = 8) -> list[tuple[str, float | None]]:
    """The API's figures in the page's table order: a row per bucket, a column per group
    (a duration's median and p90 side by side)."""
    duration = series["kind"] == "duration"
    cells: list[tuple[str, float | None]] = []
    for index, point in enumerate(series["series"][0]["points"]):
        bucket = datetime.fromisoformat(point["bucket_start"]).isoformat()
        for group in series["series"][:shown_groups]:
            at = group["points"][index]
            values = (at["median_seconds"], at["p90_seconds"]) if duration else (at["value"],)
            cells.extend((bucket, value) for value in values)
    return cells


async def _page(client: httpx.AsyncClient, **query: str) -> httpx.Response:
    response = await client.get("/dashboard", params=query, headers=BROWSER)
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"period": "90", "granularity": "week", "timezone": "Europe/Berlin", "group_by": "channel"},
    ],
)
async def test_the_page_shows_the_api_figures_for_the_same_filters(
    signed_in: httpx.AsyncClient,
    demo: datetime,
    admin_headers: dict[str, str],
    query: dict[str, str],
) -> None:
    page = await _page(signed_in, **query)
    figures = _figures(page.text)
    for metric in CHARTED:
        api_path = figures.api_paths[metric]
        window = dict(re.findall(r"([a-z_]+)=([^&]+)", api_path.split("?", 1)[1]))
        series_path = api_path.replace("/records?", "?")
        series = (await signed_in.get(series_path, headers=admin_headers)).json()
        assert series["timezone"] == query.get("timezone", "UTC")
        assert series["group_by"] == query.get("group_by")
        shown = [(bucket, _shown(value)) for bucket, value in figures.cells[metric]]
        assert shown == _api_cells(series), metric
        assert any(value is not None for _, value in shown), f"{metric} shows nothing"
        assert window["granularity"] == query.get("granularity", "day")
    summary = (
        await signed_in.get(
            "/v1/metrics/summary",
            params={"from": series["from"], "to": series["to"]},
            headers=admin_headers,
        )
    ).json()
    expected = {
        "csat": summary["csat"]["value"],
        "nps": summary["nps"]["value"],
        "fcr": summary["fcr"]["value"],
        "sla_first_response": summary["sla_compliance"]["first_response"]["value"],
        "sla_resolution": summary["sla_compliance"]["resolution"]["value"],
        "first_response_time": summary["first_response_time"]["median_seconds"],
        "resolution_time": summary["resolution_time"]["median_seconds"],
        "backlog": summary["backlog"]["total"],
    }
    assert {name: _shown(value) for name, value in figures.headlines.items()} == expected
    assert summary["as_of"] == "2026-11-20T15:30:00Z"
    as_of = re.search(r'id="period-text">[^<]*Figures as of ([^<]*)\.</p>', page.text)
    assert as_of is not None
    assert as_of.group(1).startswith("11/20/26, 4:30" if "timezone" in query else "11/20/26, 3:30")


async def test_a_picker_change_shows_other_buckets_and_groups(
    signed_in: httpx.AsyncClient, demo: datetime
) -> None:
    daily = _figures((await _page(signed_in)).text)
    weekly = _figures((await _page(signed_in, granularity="week", group_by="priority")).text)
    assert len({bucket for bucket, _ in daily.cells["csat"]}) == 30
    assert len({bucket for bucket, _ in weekly.cells["csat"]}) == 5
    page = (await _page(signed_in, group_by="priority")).text
    assert 'data-metric="csat"' in page
    assert re.search(r"<th scope=\"col\">urgent</th>", page)


async def test_buckets_follow_the_chosen_time_zone(
    signed_in: httpx.AsyncClient, demo: datetime
) -> None:
    berlin = _figures((await _page(signed_in, timezone="Europe/Berlin", period="7")).text)
    buckets = sorted({bucket for bucket, _ in berlin.cells["csat"]})
    assert buckets[0] == "2026-11-14T00:00:00+01:00"  # local midnight, 7 days back
    assert buckets[-1] == "2026-11-20T00:00:00+01:00"  # today in Berlin


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"period": "45"}, "period", "Choose a period from the list."),
        ({"granularity": "hour"}, "granularity", "Choose day, week or month."),
        ({"timezone": "Mars/Olympus"}, "timezone", "Choose a time zone from the list."),
        ({"group_by": "customer"}, "group_by", "Choose a grouping from the list."),
    ],
)
async def test_a_bad_picker_is_named_beside_it(
    signed_in: httpx.AsyncClient, query: dict[str, str], field: str, message: str
) -> None:
    response = await signed_in.get("/dashboard", params=query, headers=BROWSER)
    assert response.status_code == 422
    assert f'id="{field}-error">{message}</p>' in response.text
    assert f'<a href="#{field}">{message}</a>' in response.text
    assert 'class="chart"' not in response.text


async def test_an_unknown_parameter_is_refused_like_the_api(
    signed_in: httpx.AsyncClient,
) -> None:
    response = await signed_in.get("/dashboard?perod=7", headers=BROWSER)
    assert response.status_code == 422
    assert "This request could not be handled" in response.text


async def test_pages_carry_the_security_headers_and_no_script(
    signed_in: httpx.AsyncClient, demo: datetime
) -> None:
    for path in ("/dashboard", "/dashboard/sign-in", "/dashboard/records/csat"):
        response = await signed_in.get(path, headers=BROWSER, follow_redirects=True)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["x-frame-options"] == "DENY"
        assert "<script" not in response.text
        assert "style=" not in response.text


async def test_the_records_page_lists_what_the_api_lists(
    signed_in: httpx.AsyncClient, demo: datetime, admin_headers: dict[str, str]
) -> None:
    figures = _figures((await _page(signed_in, group_by="channel")).text)
    link = next(url for url in figures.links if url.startswith("/dashboard/records/csat?"))
    records_page = await signed_in.get(link, headers=BROWSER)
    assert records_page.status_code == 200
    api_path = re.search(r"<code>GET ([^<]+)</code>", records_page.text)
    assert api_path is not None
    api = await signed_in.get(api_path.group(1).replace("&amp;", "&"), headers=admin_headers)
    items = api.json()["items"]
    assert items, "the point has records"
    shown_rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th>", records_page.text)
    assert shown_rows == [
        f"#{item['ticket_number']}" if item["ticket_number"] is not None else "\N{EN DASH}"
        for item in items
    ]
    group = re.search(r"group=([a-z]+)", link)
    assert group is not None
    assert {item["channel"] for item in items} == {group.group(1)}


async def test_the_records_csv_is_the_api_csv(
    signed_in: httpx.AsyncClient, demo: datetime, admin_headers: dict[str, str]
) -> None:
    page = await signed_in.get("/dashboard/records/nps/csv?period=30", headers=BROWSER)
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/csv; charset=utf-8"
    api_path = _figures((await _page(signed_in)).text).api_paths["nps"]
    api = await signed_in.get(api_path, headers={**admin_headers, "Accept": "text/csv"})
    assert page.text == api.text
    rows = list(csv.reader(io.StringIO(page.text)))
    assert rows[0][0] == "record_type"
    assert len(rows) > 1


async def test_a_narrowed_records_csv_is_the_api_csv_for_the_same_point(
    signed_in: httpx.AsyncClient, demo: datetime, admin_headers: dict[str, str]
) -> None:
    figures = _figures((await _page(signed_in, group_by="channel")).text)
    link = next(url for url in figures.links if url.startswith("/dashboard/records/csat?"))
    records_page = (await signed_in.get(link, headers=BROWSER)).text
    csv_url = re.search(r'<a href="([^"]+)">Download them as CSV</a>', records_page)
    api_path = re.search(r"<code>GET ([^<]+)</code>", records_page)
    assert csv_url is not None
    assert api_path is not None
    narrowed = csv_url.group(1).replace("&amp;", "&")
    assert "bucket=" in narrowed
    assert "group=" in narrowed
    page = await signed_in.get(narrowed, headers=BROWSER)
    api = await signed_in.get(
        api_path.group(1).replace("&amp;", "&"), headers={**admin_headers, "Accept": "text/csv"}
    )
    assert page.status_code == 200
    assert page.text == api.text
    whole = await signed_in.get("/dashboard/records/csat/csv?period=30", headers=BROWSER)
    assert len(page.text.splitlines()) < len(whole.text.splitlines())  # the point, not all


async def test_a_bucket_outside_the_window_is_the_api_problem_as_a_page(
    signed_in: httpx.AsyncClient,
) -> None:
    response = await signed_in.get(
        "/dashboard/records/csat", params={"bucket": "2020-01-01T00:00:00Z"}, headers=BROWSER
    )
    assert response.status_code == 422
    assert "This request could not be handled" in response.text


async def test_the_page_speaks_german(signed_in: httpx.AsyncClient, demo: datetime) -> None:
    response = await signed_in.get("/dashboard?lang=de", headers=BROWSER)
    assert "<h1>Support-Dashboard</h1>" in response.text
    assert 'name="lang" value="de"' in response.text
    assert "Kundenzufriedenheit (CSAT)" in response.text


def test_the_dashboard_is_not_in_the_openapi_document_but_its_links_are(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    assert not [path for path in paths if path.startswith("/dashboard")]
    assert set(paths["/v1/dashboard-links"]) == {"get", "post"}


async def test_without_data_the_page_shows_empty_charts(
    signed_in: httpx.AsyncClient, make_key: Any
) -> None:
    response = await _page(signed_in)
    assert response.text.count('class="chart"') == 7
    assert "No SLA targets in this period." in response.text
    _ = bearer  # the API answers the same nulls (tested in tests/metrics)


def _ticket_cells(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td>([^<]+)</td>", html)


async def test_the_records_pages_follow_the_api_cursor(
    signed_in: httpx.AsyncClient, demo: datetime, admin_headers: dict[str, str]
) -> None:
    first = await signed_in.get("/dashboard/records/fcr?limit=5", headers=BROWSER)
    link = re.search(r'<a href="([^"]+)" rel="next">', first.text)
    assert link is not None
    second = await signed_in.get(link.group(1).replace("&amp;", "&"), headers=BROWSER)
    api_path = re.search(r"<code>GET ([^<]+)</code>", first.text)
    assert api_path is not None
    api = await signed_in.get(
        api_path.group(1).replace("&amp;", "&"), params={"limit": "10"}, headers=admin_headers
    )
    numbers = [f"#{item['ticket_number']}" for item in api.json()["items"]]
    assert [number for number, _ in _ticket_cells(first.text)] == numbers[:5]
    assert [number for number, _ in _ticket_cells(second.text)] == numbers[5:10]


async def test_with_rollups_off_the_page_counts_raw_rows_as_the_api_does(
    signed_in: httpx.AsyncClient, demo: datetime, app: FastAPI, database: Database
) -> None:
    """AFTERCARE_METRICS_ROLLUPS=false: the page, like the API, reads no rollup. Rollups
    falsified on purpose (every numerator zero) show whether the page read them."""
    async with database.sessionmaker() as session, session.begin():
        await rebuild_rollups(session, demo)
    async with database.sessionmaker() as session, session.begin():
        await session.execute(update(metric_rollups).values(numerator=0))
        window = window_of(Pickers(), demo)
        raw = await summary(session, Window(window.start, window.end), demo, rollups=False)
    assert raw.csat.value
    rolled = _figures((await _page(signed_in)).text)
    assert _shown(rolled.headlines["csat"]) == 0  # the falsified rollups answered
    app.state.settings = app.state.settings.model_copy(update={"metrics_rollups": False})
    page = _figures((await _page(signed_in)).text)
    assert _shown(page.headlines["csat"]) == raw.csat.value
    assert _shown(page.headlines["fcr"]) == raw.fcr.value
    assert any(_shown(value) for _, value in page.cells["csat"])
