"""How fast are the metrics at a million tickets, and how far from what PostgreSQL can do?

Seeds a scratch database with `aftercare demo --scale 1000000` (about 500,000 survey
responses), serves the app, and times through the real HTTP API (median of 5 after a warm-up):
the summary for 30 and 180 days, and 90-day daily series grouped by channel for
first_response_time and csat. Next to each: the same aggregate as one hand-written SQL query
run directly with asyncpg (the floor). Then prints the plans of the hand queries.

    .venv/bin/python -m bench.metrics_bench --server-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python -m bench.metrics_bench --reuse   # keep the seeded database of a previous run
"""

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg
import httpx

from app.kit.db import asyncpg_dsn, with_database
from bench._common import DEFAULT_SERVER_URL, run_cli, served_app
from tests.support.database import recreate_database

SCRATCH_DATABASE = "aftercare_bench_metrics"
RUNS = 5

# One statement for every headline figure of GET /v1/metrics/summary ($1 = from, $2 = to,
# $3 = now), with the definitions of app/metrics/repository.py.
SUMMARY_SQL = """
WITH answers AS (
    SELECT
        count(*) FILTER (WHERE counts_as = 'csat' AND numeric_value >= 4) AS csat_good,
        count(*) FILTER (WHERE counts_as = 'csat') AS csat_all,
        count(*) FILTER (WHERE counts_as = 'nps' AND numeric_value >= 9)
          - count(*) FILTER (WHERE counts_as = 'nps' AND numeric_value <= 6) AS nps_net,
        count(*) FILTER (WHERE counts_as = 'nps') AS nps_all,
        count(*) FILTER (WHERE counts_as = 'expectations_met' AND numeric_value = 1) AS exp_yes,
        count(*) FILTER (WHERE counts_as = 'expectations_met') AS exp_all
    FROM survey_answers
    WHERE counts_as IN ('csat', 'nps', 'expectations_met')
      AND answered_at >= $1 AND answered_at < $2
), solved AS (
    SELECT
        count(*) FILTER (WHERE replies_at_first_solve = 1 AND (first_reopened_at IS NULL
            OR first_reopened_at > first_solved_at + interval '7 days')) AS fcr,
        count(*) AS solved,
        count(*) FILTER (WHERE replies_at_first_solve = 0) AS zero_reply,
        percentile_cont(0.5) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_solved_at - created_at)) AS res_p50,
        percentile_cont(0.9) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_solved_at - created_at)) AS res_p90
    FROM tickets WHERE first_solved_at >= $1 AND first_solved_at < $2
), created AS (
    SELECT
        count(*) AS created,
        percentile_cont(0.5) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_responded_at - created_at)) AS frt_p50,
        percentile_cont(0.9) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_responded_at - created_at)) AS frt_p90,
        count(first_responded_at) AS frt_n
    FROM tickets WHERE created_at >= $1 AND created_at < $2
), invitations AS (
    SELECT count(*) FILTER (WHERE responded_at IS NOT NULL) AS answered, count(*) AS invited
    FROM survey_invitations WHERE created_at >= $1 AND created_at < $2
), buyers AS (
    SELECT DISTINCT customer_id FROM orders WHERE placed_at >= $1 - ($2 - $1) AND placed_at < $1
), retention AS (
    SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders o
        WHERE o.customer_id = buyers.customer_id
          AND o.placed_at >= $1 AND o.placed_at < $2)) AS retained,
        count(*) AS buyers
    FROM buyers
), delivery AS (
    SELECT count(*) FILTER (WHERE delivered_at <= promised_delivery_at) AS on_time,
        count(*) AS settled
    FROM orders WHERE promised_delivery_at >= $1 AND promised_delivery_at < $2
      AND (delivered_at IS NOT NULL OR promised_delivery_at < $3) AND status <> 'cancelled'
), backlog AS (
    SELECT status, count(*) AS open FROM tickets
    WHERE status IN ('new', 'open', 'pending', 'on_hold') GROUP BY status
)
SELECT answers.*, solved.*, created.*, invitations.*, retention.*, delivery.*,
    (SELECT json_object_agg(status, open) FROM backlog) AS backlog
FROM answers, solved, created, invitations, retention, delivery
"""

FRT_SERIES_SQL = """
SELECT date_trunc('day', created_at, 'UTC') AS bucket, channel,
    percentile_cont(0.5) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_responded_at - created_at)),
    percentile_cont(0.9) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_responded_at - created_at)),
    count(*)
FROM tickets
WHERE created_at >= $1 AND created_at < $2 AND first_responded_at IS NOT NULL
GROUP BY 1, 2
"""

CSAT_SERIES_SQL = """
SELECT date_trunc('day', a.answered_at, 'UTC') AS bucket, t.channel,
    count(*) FILTER (WHERE a.numeric_value >= 4), count(*)
FROM survey_answers a
JOIN survey_responses r ON r.id = a.response_id
LEFT JOIN tickets t ON t.id = r.ticket_id
WHERE a.counts_as = 'csat' AND a.answered_at >= $1 AND a.answered_at < $2
GROUP BY 1, 2
"""


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    path: str
    params: dict[str, str]
    sql: str
    args: tuple[object, ...]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--reuse", action="store_true",
        help=f"use the {SCRATCH_DATABASE} database of a previous run (seeding takes minutes)",
    )
    args = parser.parse_args()
    print(f"load average before: {_load()}")
    url = await _database(args.server_url, args.tickets, reuse=args.reuse)
    key = run_cli(url, "keys", "create", "--name", "metrics bench", "--scopes", "metrics:read")
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        now: datetime = await connection.fetchval("SELECT max(created_at) FROM tickets")
        counts = await connection.fetchrow(
            "SELECT (SELECT count(*) FROM tickets) AS tickets,"
            " (SELECT count(*) FROM survey_responses) AS responses,"
            " (SELECT count(*) FROM survey_answers) AS answers"
        )
        print(
            f"data: {counts['tickets']:,} tickets, {counts['responses']:,} survey responses, "
            f"{counts['answers']:,} answers; periods end at {now.isoformat()}"
        )
        cases = _cases(now)
        async with served_app(url, args.port, worker=False) as base_url, httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=120
        ) as client:
            results = [
                (case, await _api_median(client, case), await _sql_median(connection, case))
                for case in cases
            ]
        _table(results)
        print(f"load average after: {_load()}")
        for case in cases:
            print(f"\n--- EXPLAIN (ANALYZE, BUFFERS) of the hand query: {case.name}")
            plan = await connection.fetch(
                f"EXPLAIN (ANALYZE, BUFFERS) {case.sql}", *case.args
            )
            print("\n".join(row[0] for row in plan))
    finally:
        await connection.close()


async def _database(server_url: str, tickets: int, *, reuse: bool) -> str:
    if reuse:
        url = with_database(server_url, SCRATCH_DATABASE)
        try:
            connection = await asyncpg.connect(asyncpg_dsn(url))
        except asyncpg.InvalidCatalogNameError:
            print(f"no {SCRATCH_DATABASE} database yet: seeding one")
        else:
            try:
                if await connection.fetchval("SELECT count(*) FROM tickets") >= tickets:
                    print(f"reusing {SCRATCH_DATABASE}")
                    return url
            finally:
                await connection.close()
    url = await recreate_database(server_url, SCRATCH_DATABASE)
    run_cli(url, "migrate")
    started = time.perf_counter()
    output = await asyncio.to_thread(run_cli, url, "demo", "--scale", str(tickets))
    print(output)
    print(f"seeded {tickets:,} tickets in {time.perf_counter() - started:.1f} s "
          "(including process start and migrations check)")
    return url


def _cases(now: datetime) -> list[Case]:
    end = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    cases = []
    for days in (30, 180):
        start = end - timedelta(days=days)
        cases.append(Case(
            f"summary, {days} days", "/v1/metrics/summary",
            {"from": start.isoformat(), "to": end.isoformat()},
            SUMMARY_SQL, (start, end, now),
        ))
    start = end - timedelta(days=90)
    series_params = {
        "from": start.isoformat(), "to": end.isoformat(), "granularity": "day",
        "group_by": "channel",
    }
    cases.append(Case(
        "first_response_time, 90 d by day x channel", "/v1/metrics/first_response_time",
        series_params, FRT_SERIES_SQL, (start, end),
    ))
    cases.append(Case(
        "csat, 90 d by day x channel", "/v1/metrics/csat", series_params, CSAT_SERIES_SQL,
        (start, end),
    ))
    return cases


async def _median(call: Callable[[], Awaitable[object]]) -> float:
    await call()  # warm-up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        await call()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


async def _api_median(client: httpx.AsyncClient, case: Case) -> float:
    async def call() -> None:
        response = await client.get(case.path, params=case.params)
        response.raise_for_status()

    return await _median(call)


async def _sql_median(connection: asyncpg.Connection, case: Case) -> float:
    async def call() -> None:
        await connection.fetch(case.sql, *case.args)

    return await _median(call)


def _table(results: list[tuple[Case, float, float]]) -> None:
    print(f"\n{'request':<46} {'API (HTTP)':>12} {'hand SQL':>12} {'ratio':>7}")
    for case, api_ms, sql_ms in results:
        print(f"{case.name:<46} {api_ms:>9.1f} ms {sql_ms:>9.1f} ms {api_ms / sql_ms:>6.2f}x")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    asyncio.run(main())
