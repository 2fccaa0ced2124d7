"""What does the dashboard page cost on top of the metrics API it charts?

Seeds a scratch database with `aftercare demo --scale N` (and `aftercare metrics rebuild`),
serves the app, signs in to the dashboard, and times (p50 and p95 of 5 runs after a warm-up,
through real HTTP) `GET /dashboard` for the last 30 and 180 days, daily and grouped by
channel; next to each, the anchor: the nine API calls the page is made of (summary, the six
charted series, SLA and delivery calibration) for the same window, one after the other, as a
frontend would make them. The ratio is the page's own cost (SVG, tables, template) on top of
the figures. `--per-call`: each call and each chart's drill-down (first page of records) too,
and the SLA calibration's hand-written SQL over raw rows (the exact join and percentiles it
answered with before its rollups) side by side.

    .venv/bin/python -m bench.dashboard_bench --tickets 100000
    .venv/bin/python -m bench.dashboard_bench --reuse   # the seeded database of a previous run
"""

import argparse
import asyncio
import re
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from html import unescape

import asyncpg
import httpx

from app.kit.db import asyncpg_dsn, with_database
from bench._common import DEFAULT_SERVER_URL, load_average, run_cli, served_app
from tests.support.database import recreate_database

SCRATCH_DATABASE = "aftercare_bench_dashboard"
RUNS = 5  # --runs
CHARTED = ("csat", "nps", "fcr", "sla_compliance", "first_response_time", "resolution_time")
CASES = (
    {"period": "30", "granularity": "day", "timezone": "Europe/Berlin"},
    {"period": "30", "granularity": "day", "timezone": "Europe/Berlin", "group_by": "channel"},
    {"period": "180", "granularity": "week", "timezone": "Europe/Berlin"},
)


@dataclass(frozen=True, slots=True)
class Timed:
    p50: float
    p95: float

    def __str__(self) -> str:
        return f"{self.p50 * 1000:>7.0f} /{self.p95 * 1000:>6.0f}ms"


async def _timed(call: Callable[[], Awaitable[object]], runs: int = RUNS) -> Timed:
    await call()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if runs > 1 else times[0]
    return Timed(statistics.median(times), p95)


# The SLA calibration as one hand-written query per part over raw rows, exact: every settled
# target joined to its ticket; percentile_cont of the calendar times.
ANCHOR_LABEL = "  anchor: its hand-written SQL over raw rows (exact)"
DELIVERY_ANCHOR_LABEL = "  anchor: its hand-written SQL (percentile_disc, kept)"
HAND_TARGETS = """
SELECT t.priority, s.metric, mode() WITHIN GROUP (ORDER BY extract(epoch FROM s.target)),
       bool_or(s.business_hours), count(*) FILTER (WHERE s.status = 'met'), count(*)
FROM sla_targets s JOIN tickets t ON t.id = s.ticket_id
WHERE s.status IN ('met', 'breached') AND s.due_at >= $1 AND s.due_at < $2
GROUP BY 1, 2
"""
HAND_OBSERVED = """
SELECT priority, percentile_cont(ARRAY[0.5, 0.9, 0.95]::float8[])
       WITHIN GROUP (ORDER BY extract(epoch FROM {done} - created_at)), count(*)
FROM tickets WHERE created_at >= $1 AND created_at < $2 AND {done} IS NOT NULL
GROUP BY 1
"""


async def _hand_calibration(connection: asyncpg.Connection, start: str, end: str) -> None:
    bounds = (datetime.fromisoformat(start), datetime.fromisoformat(end))
    await connection.fetch(HAND_TARGETS, *bounds)
    for done in ("first_responded_at", "first_solved_at"):
        await connection.fetch(HAND_OBSERVED.format(done=done), *bounds)


# The delivery calibration as hand-written SQL over raw rows: the transit quantiles per lane
# (percentile_disc of the calendar time, as it answers for carriers without a shipping
# calendar) and the promises kept per lane, with the server's settings.
HAND_TRANSIT = """
SELECT carrier, service_level, destination_country, count(*),
       percentile_disc(ARRAY[0, 0.5, 0.8, 0.9, 0.95, 1]::float8[])
       WITHIN GROUP (ORDER BY greatest(extract(epoch FROM delivered_at - shipped_at), 0)::float8)
FROM orders
WHERE shipped_at IS NOT NULL AND delivered_at IS NOT NULL AND status IN ('delivered', 'returned')
  AND delivered_at >= $1 AND delivered_at < $2
GROUP BY 1, 2, 3
"""
HAND_KEPT = """
SELECT carrier, service_level, destination_country,
       count(*) FILTER (WHERE delivered_at <= promised_delivery_at), count(*)
FROM orders
WHERE status <> 'cancelled' AND promised_delivery_at >= $1 AND promised_delivery_at < $2
  AND (delivered_at IS NOT NULL OR promised_delivery_at < now())
GROUP BY 1, 2, 3
"""


async def _hand_delivery_calibration(connection: asyncpg.Connection, start: str, end: str) -> None:
    bounds = (datetime.fromisoformat(start), datetime.fromisoformat(end))
    await connection.fetch(HAND_TRANSIT, *bounds)
    await connection.fetch(HAND_KEPT, *bounds)


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
    print(f"load average before: {load_average()}")
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
        print(f"{'case':<62} {'page p50 / p95':>16} {'9 API calls p50 / p95':>22} {'ratio':>6}")
        hand = await asyncpg.connect(asyncpg_dsn(url))
        try:
            for case in CASES:
                await _case(browser, api, case, runs=args.runs, per_call=args.per_call, hand=hand)
        finally:
            await hand.close()
    print(f"load average after: {load_average()}")


async def _case(
    browser: httpx.AsyncClient,
    api: httpx.AsyncClient,
    case: dict[str, str],
    *,
    runs: int,
    per_call: bool,
    hand: asyncpg.Connection,
) -> None:
    async def page() -> None:
        response = await browser.get("/dashboard", params=case)
        response.raise_for_status()

    first = await browser.get("/dashboard", params=case)
    calls = _api_calls(first.text)

    async def api_calls() -> None:
        for path, params in calls:
            (await api.get(path, params=params)).raise_for_status()

    page_time, api_time = await _timed(page, runs), await _timed(api_calls, runs)
    name = ", ".join(f"{key}={value}" for key, value in case.items())
    print(f"{name:<62} {page_time!s:>16} {api_time!s:>22} {page_time.p50 / api_time.p50:>6.2f}")
    if per_call:
        for path, params in [*calls, *_records_calls(first.text)]:

            async def one(path: str = path, params: dict[str, str] = params) -> None:
                (await api.get(path, params=params)).raise_for_status()

            print(f"    {path:<58} {await _timed(one, runs)!s:>16}")
            for ending, (label, hand_sql) in _ANCHORS.items():
                if not path.endswith(ending):
                    continue

                window = (params["from"], params["to"])

                async def anchored(
                    query: HandSql = hand_sql, bounds: tuple[str, str] = window
                ) -> None:
                    await query(hand, *bounds)

                print(f"    {label:<58} {await _timed(anchored, runs)!s:>16}")


HandSql = Callable[[asyncpg.Connection, str, str], Awaitable[None]]
# The calls timed next to an anchor (by how their path ends): its label and hand-written SQL.
_ANCHORS: dict[str, tuple[str, HandSql]] = {
    "/sla-calibration": (ANCHOR_LABEL, _hand_calibration),
    "/delivery-calibration": (DELIVERY_ANCHOR_LABEL, _hand_delivery_calibration),
}


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


if __name__ == "__main__":
    asyncio.run(main())
