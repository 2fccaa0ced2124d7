"""How fast are the metrics at a million tickets, from the rollups and from raw rows?

Seeds a scratch database with `aftercare demo --scale 1000000` (about 500,000 survey
responses; the demo ends with `aftercare metrics rebuild`), then serves the app twice: with the
rollups (the default) and with AFTERCARE_METRICS_ROLLUPS=false (today's raw aggregation on
every request). Times through the real HTTP API, after a warm-up: the summary for 30 and 180
days, and series over windows up to the 732-day cap in several zones (DST, half- and
quarter-hour offsets) and groupings. Next to each: the same aggregate as one hand-written SQL
query over raw rows, run directly with asyncpg. Prints p50 and p95 of each and the ratios
(retention's API "rollups" are the orders' next-order links), the summary's retention alone
(links against today's DISTINCT query) and the backlog, then the plans of the hand queries.

    .venv/bin/python -m bench.metrics_bench --server-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python -m bench.metrics_bench --reuse   # keep the seeded database of a previous run
    .venv/bin/python -m bench.metrics_bench --reuse --database aftercare_bench_mine  # a copy
"""

import argparse
import asyncio
import math
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg
import httpx

from app.kit.db import asyncpg_dsn, with_database
from bench._common import DEFAULT_SERVER_URL, load_average, run_cli, served_app
from tests.support.database import recreate_database

SCRATCH_DATABASE = "aftercare_bench_metrics"
RUNS = 20  # per case from the rollups
RAW_RUNS = 5  # per case from raw rows (seconds each at a million tickets)

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
    SELECT DISTINCT customer_id FROM orders
    WHERE placed_at >= $1::timestamptz - ($2::timestamptz - $1::timestamptz) AND placed_at < $1
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

FCR_SERIES_SQL = """
SELECT date_trunc('day', first_solved_at, $3) AS bucket, assignee,
    count(*) FILTER (WHERE replies_at_first_solve = 1 AND (first_reopened_at IS NULL
        OR first_reopened_at > first_solved_at + interval '7 days')), count(*)
FROM tickets WHERE first_solved_at >= $1 AND first_solved_at < $2
GROUP BY 1, 2
"""

RESOLUTION_SERIES_SQL = """
SELECT date_trunc('day', first_solved_at, $3) AS bucket,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(resolution_seconds,
        extract(epoch FROM first_solved_at - created_at))),
    percentile_cont(0.9) WITHIN GROUP (ORDER BY coalesce(resolution_seconds,
        extract(epoch FROM first_solved_at - created_at))),
    count(*)
FROM tickets WHERE first_solved_at >= $1 AND first_solved_at < $2
GROUP BY 1
"""

SLA_SERIES_SQL = """
SELECT date_trunc('week', s.due_at, $3) AS bucket, t.team,
    count(*) FILTER (WHERE s.status = 'met'), count(*)
FROM sla_targets s LEFT JOIN tickets t ON t.id = s.ticket_id
WHERE s.status IN ('met', 'breached') AND s.due_at >= $1 AND s.due_at < $2
GROUP BY 1, 2
"""

CHANNEL_CREATED_SQL = """
SELECT date_trunc('day', created_at, $3) AS bucket, channel, count(*)
FROM tickets WHERE created_at >= $1 AND created_at < $2
GROUP BY 1, 2
"""

ZONED_FRT_SQL = """
SELECT date_trunc('day', created_at, $3) AS bucket,
    percentile_cont(0.5) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_responded_at - created_at)),
    percentile_cont(0.9) WITHIN GROUP
            (ORDER BY extract(epoch FROM first_responded_at - created_at)),
    count(*)
FROM tickets
WHERE created_at >= $1 AND created_at < $2 AND first_responded_at IS NOT NULL
GROUP BY 1
"""

MONTHLY_CSAT_SQL = """
SELECT date_trunc('month', a.answered_at, $3) AS bucket, t.assignee,
    count(*) FILTER (WHERE a.numeric_value >= 4), count(*)
FROM survey_answers a
JOIN survey_responses r ON r.id = a.response_id
LEFT JOIN tickets t ON t.id = r.ticket_id
WHERE a.counts_as = 'csat' AND a.answered_at >= $1 AND a.answered_at < $2
GROUP BY 1, 2
"""

CREATED_SERIES_SQL = """
SELECT date_trunc('day', created_at, $3) AS bucket, assignee, count(*)
FROM tickets WHERE created_at >= $1 AND created_at < $2
GROUP BY 1, 2
"""

# Retention per local bucket (each bucket's customers: those of the bucket before it), as
# app/metrics/repository.py's `retention` computes it ($4: the granularity).
RETENTION_SERIES_SQL = """
WITH buyers AS (
    SELECT DISTINCT customer_id,
        date_trunc($4, placed_at, $3) AS earlier
    FROM orders
    WHERE placed_at >= timezone($3, timezone($3, date_trunc($4, $1::timestamptz, $3))
            - ('1 ' || $4)::interval)
      AND placed_at < $2
)
SELECT bucket, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders o
    WHERE o.customer_id = b.customer_id AND o.placed_at >= b.bucket AND o.placed_at < b.until)),
    count(*)
FROM (
    SELECT customer_id,
        timezone($3, timezone($3, earlier) + ('1 ' || $4)::interval) AS bucket,
        timezone($3, timezone($3, earlier) + ('2 ' || $4)::interval) AS until
    FROM buyers
) AS b
WHERE bucket < $2
GROUP BY bucket
"""

# The summary's retention: today's query (DISTINCT customers of the earlier period, a look-up
# per customer) and the one over the next-order links (what the API now runs); and the backlog.
RETENTION_SQL = """
WITH buyers AS (
    SELECT DISTINCT customer_id FROM orders
    WHERE placed_at >= $1::timestamptz - ($2::timestamptz - $1::timestamptz) AND placed_at < $1
)
SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders o
    WHERE o.customer_id = buyers.customer_id AND o.placed_at >= $1 AND o.placed_at < $2)),
    count(*)
FROM buyers
"""
LINKED_RETENTION_SQL = """
SELECT count(*) FILTER (WHERE next_placed_at < $2), count(*)
FROM orders
WHERE placed_at >= $1::timestamptz - ($2::timestamptz - $1::timestamptz) AND placed_at < $1
  AND (next_placed_at IS NULL OR next_placed_at >= $1)
"""
BACKLOG_SQL = """
SELECT status, count(*) FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold')
GROUP BY status
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
        "--reuse",
        action="store_true",
        help="use the database of a previous run (seeding takes minutes)",
    )
    parser.add_argument(
        "--database",
        default=SCRATCH_DATABASE,
        help=f"the scratch database (default {SCRATCH_DATABASE}; seeded unless --reuse finds it)",
    )
    args = parser.parse_args()
    print(f"load average before: {load_average()}")
    url = await _database(args.server_url, args.database, args.tickets, reuse=args.reuse)
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
        rolled = await _api_timings(url, args.port, key, cases, rollups=True)
        raw = await _api_timings(url, args.port, key, cases, rollups=False)
        hand = [await _timings(_sql_call(connection, case), RAW_RUNS) for case in cases]
        _table(cases, rolled, raw, hand)
        await _raw_parts(connection, now)
        print(f"load average after: {load_average()}")
        for case in cases:
            print(f"\n--- EXPLAIN (ANALYZE, BUFFERS) of the hand query: {case.name}")
            plan = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {case.sql}", *case.args)
            print("\n".join(row[0] for row in plan))
    finally:
        await connection.close()


async def _database(server_url: str, database: str, tickets: int, *, reuse: bool) -> str:
    if reuse:
        url = with_database(server_url, database)
        try:
            connection = await asyncpg.connect(asyncpg_dsn(url))
        except asyncpg.InvalidCatalogNameError:
            print(f"no {database} database yet: seeding one")
        else:
            try:
                if await connection.fetchval("SELECT count(*) FROM tickets") >= tickets:
                    print(f"reusing {database}")
                    return url
            finally:
                await connection.close()
    url = await recreate_database(server_url, database)
    run_cli(url, "migrate")
    started = time.perf_counter()
    output = await asyncio.to_thread(run_cli, url, "demo", "--scale", str(tickets))
    print(output)
    # Warm, as a running database is: visibility maps set (index-only scans), statistics fresh.
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    print(
        f"seeded {tickets:,} tickets in {time.perf_counter() - started:.1f} s "
        "(including process start and migrations check)"
    )
    return url


def _cases(now: datetime) -> list[Case]:
    end = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    cases = []
    for days in (30, 180):
        start = end - timedelta(days=days)
        cases.append(
            Case(
                f"summary, {days} d",
                "/v1/metrics/summary",
                {"from": start.isoformat(), "to": end.isoformat()},
                SUMMARY_SQL,
                (start, end, now),
            )
        )
    start = end - timedelta(days=90)
    series_params = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "granularity": "day",
        "group_by": "channel",
    }
    cases.append(
        Case(
            "first_response_time 90 d, day x channel",
            "/v1/metrics/first_response_time",
            series_params,
            FRT_SERIES_SQL,
            (start, end),
        )
    )
    cases.append(
        Case(
            "csat 90 d, day x channel",
            "/v1/metrics/csat",
            series_params,
            CSAT_SERIES_SQL,
            (start, end),
        )
    )
    cases.append(
        _zoned(
            "fcr 180 d, day x assignee, Berlin",
            "fcr",
            end,
            180,
            "day",
            "Europe/Berlin",
            "assignee",
            FCR_SERIES_SQL,
        )
    )
    cases.append(
        _zoned(
            "resolution_time 180 d, day, Kathmandu",
            "resolution_time",
            end,
            180,
            "day",
            "Asia/Kathmandu",
            None,
            RESOLUTION_SERIES_SQL,
        )
    )
    cases.append(
        _zoned(
            "sla_compliance 732 d, week x team, Kolkata",
            "sla_compliance",
            end,
            732,
            "week",
            "Asia/Kolkata",
            "team",
            SLA_SERIES_SQL,
        )
    )
    cases.append(
        _zoned(
            "tickets_created 180 d, day x channel, Chatham",
            "tickets_created",
            end,
            180,
            "day",
            "Pacific/Chatham",
            "channel",
            CHANNEL_CREATED_SQL,
        )
    )
    cases.append(
        _zoned(
            "first_response_time 180 d, day, Lord Howe",
            "first_response_time",
            end,
            180,
            "day",
            "Australia/Lord_Howe",
            None,
            ZONED_FRT_SQL,
        )
    )
    cases.append(
        _zoned(
            "csat 732 d, month x assignee, Kathmandu",
            "csat",
            end,
            732,
            "month",
            "Asia/Kathmandu",
            "assignee",
            MONTHLY_CSAT_SQL,
        )
    )
    # Retention, alone: from the next-order links (API "rollups") against today's DISTINCT
    # customers and a look-up per customer (API raw, hand SQL).
    cases.append(
        _zoned(
            "retention 90 d, day, Berlin",
            "retention",
            end,
            90,
            "day",
            "Europe/Berlin",
            None,
            RETENTION_SERIES_SQL,
        )
    )
    cases.append(
        _zoned(
            "retention 732 d, month, New York",
            "retention",
            end,
            732,
            "month",
            "America/New_York",
            None,
            RETENTION_SERIES_SQL,
        )
    )
    # A window ending now, as a dashboard asks: ragged edges from raw rows.
    cases.append(
        _zoned(
            "tickets_created 30 d to now, day x assignee, NY",
            "tickets_created",
            now,
            30,
            "day",
            "America/New_York",
            "assignee",
            CREATED_SERIES_SQL,
        )
    )
    return cases


def _zoned(
    name: str,
    metric: str,
    end: datetime,
    days: int,
    granularity: str,
    zone: str,
    group_by: str | None,
    sql: str,
) -> Case:
    start = end - timedelta(days=days)
    params = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "granularity": granularity,
        "timezone": zone,
    }
    if group_by is not None:
        params["group_by"] = group_by
    args: tuple[object, ...] = (start, end, zone)
    if "$4" in sql:
        args = (*args, granularity)
    return Case(name, f"/v1/metrics/{metric}", params, sql, args)


@dataclass(frozen=True, slots=True)
class Timings:
    p50: float
    p95: float


async def _timings(call: Callable[[], Awaitable[object]], runs: int) -> Timings:
    await call()  # warm-up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return Timings(statistics.median(timings), timings[math.ceil(0.95 * len(timings)) - 1])


async def _api_timings(
    url: str, port: int, key: str, cases: list[Case], *, rollups: bool
) -> list[Timings]:
    environment = {"AFTERCARE_METRICS_ROLLUPS": "true" if rollups else "false"}
    async with (
        served_app(url, port, worker=False, environment=environment) as base_url,
        (
            httpx.AsyncClient(
                base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=300
            )
        ) as client,
    ):
        found = []
        for case in cases:
            found.append(
                await _timings(_api_call(client, case, rollups), RUNS if rollups else RAW_RUNS)
            )
        return found


def _api_call(
    client: httpx.AsyncClient, case: Case, rollups: bool
) -> Callable[[], Awaitable[None]]:
    async def call() -> None:
        response = await client.get(case.path, params=case.params)
        response.raise_for_status()
        declared = response.json().get("percentile_relative_error")
        assert (declared is not None) == (rollups and "time" in case.path), declared

    return call


def _sql_call(connection: asyncpg.Connection, case: Case) -> Callable[[], Awaitable[None]]:
    async def call() -> None:
        await connection.fetch(case.sql, *case.args)

    return call


def _table(
    cases: list[Case], rolled: list[Timings], raw: list[Timings], hand: list[Timings]
) -> None:
    print(
        f"\n{'request (p50 / p95, ms)':<50} {'API rollups':>17} {'API raw':>17}"
        f" {'hand SQL (raw)':>17} {'raw/rollups':>11} {'SQL/rollups':>11}"
    )
    for case, mine, theirs, floor in zip(cases, rolled, raw, hand, strict=True):
        print(
            f"{case.name:<50} {_pair(mine):>17} {_pair(theirs):>17} {_pair(floor):>17}"
            f" {theirs.p50 / mine.p50:>10.1f}x {floor.p50 / mine.p50:>10.1f}x"
        )


def _pair(timings: Timings) -> str:
    return f"{timings.p50:.1f} / {timings.p95:.1f}"


async def _raw_parts(connection: asyncpg.Connection, now: datetime) -> None:
    """The summary's parts that are not additive, as the hand SQL computes them: retention
    the old way and from the next-order links (the same figures, checked), and the backlog."""
    end = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    print()
    for days in (30, 180):
        start = end - timedelta(days=days)
        old = await connection.fetchrow(RETENTION_SQL, start, end)
        new = await connection.fetchrow(LINKED_RETENTION_SQL, start, end)
        assert tuple(old) == tuple(new), (old, new)
        distinct = await _timings(_fetch(connection, RETENTION_SQL, start, end), RUNS)
        linked = await _timings(_fetch(connection, LINKED_RETENTION_SQL, start, end), RUNS)
        print(
            f"part: retention {days} d ({new[0]:,} of {new[1]:,} customers):"
            f" links {_pair(linked)} ms, DISTINCT + look-ups {_pair(distinct)} ms (p50 / p95),"
            f" {distinct.p50 / linked.p50:.1f}x; load {load_average()}"
        )
    backlog = await _timings(_fetch(connection, BACKLOG_SQL), RUNS)
    print(f"part: backlog {_pair(backlog)} ms (p50 / p95); load {load_average()}")


def _fetch(
    connection: asyncpg.Connection, sql: str, *args: object
) -> Callable[[], Awaitable[object]]:
    async def call() -> object:
        return await connection.fetch(sql, *args)

    return call


if __name__ == "__main__":
    asyncio.run(main())
