"""What does the dashboard page cost on top of the metrics API it charts?

Seeds a scratch database with `aftercare demo --scale N` (and `aftercare metrics rebuild`),
serves the app, signs in to the dashboard, and times (median of 5 after a warm-up, through
real HTTP) `GET /dashboard` for the last 30 and 180 days, daily and grouped by channel; next
to each, the anchor: the nine API
calls the page is made of (summary, the six charted series, SLA and delivery calibration) for
the same window, one after the other, as a frontend would make them. The ratio is the page's
own cost (SVG, tables, template) on top of the figures.

    .venv/bin/python -m bench.dashboard_bench --tickets 100000
    .venv/bin/python -m bench.dashboard_bench --reuse   # the seeded database of a previous run
"""

import argparse
import asyncio
import os
import re
import statistics
import time
from collections.abc import Awaitable, Callable
from html import unescape

import asyncpg
import httpx

from app.kit.db import asyncpg_dsn, with_database
from bench._common import DEFAULT_SERVER_URL, run_cli, served_app
from tests.support.database import recreate_database

SCRATCH_DATABASE = "aftercare_bench_dashboard"
RUNS = 5  # --runs
CHARTED = ("csat", "nps", "fcr", "sla_compliance", "first_response_time", "resolution_time")
CASES = (
    {"period": "30", "granularity": "day", "timezone": "Europe/Berlin"},
    {"period": "30", "granularity": "day", "timezone": "Europe/Berlin", "group_by": "channel"},
    {"period": "180", "granularity": "week", "timezone": "Europe/Berlin"},
)


async def _median(call: Callable[[], Awaitable[None]], runs: int = RUNS) -> float:
    await call()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _api_calls(page: str) -> list[tuple[str, dict[str, str]]]:
    """The API requests behind the page: its charts' series (from the page's own API paths,
    so the windows are the same) and the summary and calibrations for that window."""
    paths = [unescape(path) for path in re.findall(r"<code>GET ([^<]+)</code>", page)]
    series = [path.replace("/records?", "?") for path in paths]
    query = dict(httpx.URL(series[0]).params)
    window = {"from": query["from"], "to": query["to"]}
    calls = [(httpx.URL(path).path, dict(httpx.URL(path).params)) for path in series]
    return [
        *calls,
        ("/v1/metrics/summary", window),
        ("/v1/metrics/sla-calibration", window),
        ("/v1/metrics/delivery-calibration", window),
    ]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--reuse", action="store_true", help="reuse the seeded --database")
    parser.add_argument(
        "--database",
        default=SCRATCH_DATABASE,
        help="scratch database (e.g. aftercare_bench_metrics, the 1,000,000-ticket demo of"
        " bench/metrics_bench.py)",
    )
    parser.add_argument("--per-call", action="store_true", help="also print each API call's median")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs after the warm-up")
    args = parser.parse_args()
    print(f"load average before: {_load()}")
    url = await _database(args.server_url, args.database, args.tickets, reuse=args.reuse)
    key = run_cli(url, "keys", "create", "--name", "dashboard bench", "--scopes", "metrics:read")
    bearer = {"Authorization": f"Bearer {key}"}
    async with (
        served_app(url, args.port, worker=False) as base_url,
        httpx.AsyncClient(base_url=base_url, timeout=120) as browser,
        httpx.AsyncClient(base_url=base_url, timeout=120, headers=bearer) as api,
    ):
        signed_in = await browser.post(
            "/dashboard/sign-in", data={"api_key": key}, headers={"Origin": base_url}
        )
        assert signed_in.status_code == 303, signed_in.text
        print(f"{'case':<72} {'page':>9} {'9 API calls':>12} {'ratio':>6}")
        for case in CASES:
            await _case(browser, api, case, runs=args.runs, per_call=args.per_call)
    print(f"load average after: {_load()}")


async def _case(
    browser: httpx.AsyncClient,
    api: httpx.AsyncClient,
    case: dict[str, str],
    *,
    runs: int,
    per_call: bool,
) -> None:
    async def page() -> None:
        response = await browser.get("/dashboard", params=case)
        response.raise_for_status()

    first = await browser.get("/dashboard", params=case)
    calls = _api_calls(first.text)

    async def api_calls() -> None:
        for path, params in calls:
            (await api.get(path, params=params)).raise_for_status()

    page_seconds, api_seconds = await _median(page, runs), await _median(api_calls, runs)
    name = ", ".join(f"{key}={value}" for key, value in case.items())
    print(
        f"{name:<72} {page_seconds * 1000:>7.0f}ms {api_seconds * 1000:>10.0f}ms"
        f" {page_seconds / api_seconds:>6.2f}"
    )
    if per_call:
        for path, params in [*calls, *_records_calls(first.text)]:

            async def one(path: str = path, params: dict[str, str] = params) -> None:
                (await api.get(path, params=params)).raise_for_status()

            print(f"    {path:<68} {await _median(one, runs) * 1000:>7.0f}ms")


def _records_calls(page: str) -> list[tuple[str, dict[str, str]]]:
    """The drill-downs the page links (each chart's records, first page)."""
    paths = [unescape(path) for path in re.findall(r"<code>GET ([^<]+)</code>", page)]
    return [
        (httpx.URL(path).path, dict(httpx.URL(path).params)) for path in paths if "/records" in path
    ]


async def _database(server_url: str, database: str, tickets: int, *, reuse: bool) -> str:
    if reuse:
        url = with_database(server_url, database)
        try:
            connection = await asyncpg.connect(asyncpg_dsn(url))
        except asyncpg.InvalidCatalogNameError:
            print(f"no {database} database yet: seeding one")
        else:
            await connection.close()
            print(f"reusing {database}")
            return url
    url = await recreate_database(server_url, database)
    run_cli(url, "migrate")
    started = time.perf_counter()
    await asyncio.to_thread(run_cli, url, "demo", "--scale", str(tickets))
    await asyncio.to_thread(run_cli, url, "metrics", "rebuild")  # the rollups the API reads
    print(
        f"seeded {tickets:,} tickets and built the rollups in {time.perf_counter() - started:.1f} s"
    )
    return url


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    asyncio.run(main())
