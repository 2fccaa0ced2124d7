from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.kit.db import Database
from tests.factories import add_customer, add_order, add_ticket
from tests.support.api import assert_problem
from tests.support.clock import MutableClock

Headers = dict[str, str]
T0 = datetime(2026, 10, 1, tzinfo=UTC)
H, DAY = timedelta(hours=1), timedelta(days=1)
PERIOD = {"from": "2026-10-01T00:00:00Z", "to": "2026-11-01T00:00:00Z"}


async def _summary(client: httpx.AsyncClient, headers: Headers, **params: str) -> dict[str, Any]:
    response = await client.get("/v1/metrics/summary", params={**PERIOD, **params}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_empty_period_reports_null_not_zero(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    summary = await _summary(client, admin_headers)
    assert summary["fcr"] == {
        "value": None,
        "numerator": 0,
        "denominator": 0,
        "sample_size": 0,
        "zero_reply_resolutions": 0,
    }
    assert summary["first_response_time"]["median_seconds"] is None
    assert summary["retention"]["value"] is None
    assert summary["backlog"] == {
        "total": 0,
        "by_status": {},
        "by_age": {"under_1d": 0, "1d_to_3d": 0, "3d_to_7d": 0, "over_7d": 0},
    }


async def test_fcr_counts_one_reply_resolutions_without_early_reopen(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        solved: dict[str, Any] = {"status": "solved", "first_solved_at": T0 + DAY}
        # 1. one reply, never reopened: FCR
        await add_ticket(session, ada, T0, replies_at_first_solve=1, **solved)
        # 2. one reply, reopened after 3 days: not FCR
        await add_ticket(
            session, ada, T0, replies_at_first_solve=1, first_reopened_at=T0 + 4 * DAY, **solved
        )
        # 3. one reply, reopened after 8 days: still FCR (outside the 7-day window)
        await add_ticket(
            session, ada, T0, replies_at_first_solve=1, first_reopened_at=T0 + 9 * DAY, **solved
        )
        # 4. two replies: not FCR
        await add_ticket(session, ada, T0, replies_at_first_solve=2, **solved)
        # 5. zero replies: not FCR, reported apart
        await add_ticket(session, ada, T0, replies_at_first_solve=0, **solved)
        # 6. solved outside the period: not counted at all
        await add_ticket(
            session,
            ada,
            T0,
            replies_at_first_solve=1,
            status="solved",
            first_solved_at=T0 + 40 * DAY,
        )
    fcr = (await _summary(client, admin_headers))["fcr"]
    assert fcr == {
        "value": 40.0,
        "numerator": 2,
        "denominator": 5,
        "sample_size": 5,
        "zero_reply_resolutions": 1,
    }


async def test_response_and_resolution_times_median_and_p90(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        for n, response_hours in enumerate([1, 2, 3, 4, 10]):
            await add_ticket(
                session,
                ada,
                T0 + n * H,
                first_responded_at=T0 + (n + response_hours) * H,
                first_solved_at=T0 + (n + 2 * response_hours) * H,
                status="solved",
            )
        await add_ticket(session, ada, T0 + 9 * H)  # unanswered: not in either sample
    summary = await _summary(client, admin_headers)
    # Response hours 1,2,3,4,10 -> median 3 h; p90 (linear) = 4 + 0.6 * (10 - 4) = 7.6 h.
    assert summary["first_response_time"] == {
        "median_seconds": 3 * 3600.0,
        "p90_seconds": 7.6 * 3600,
        "sample_size": 5,
        "time_basis": "policy",
        "relative_error": None,  # exact: the rollups are not built, raw rows answer
    }
    assert summary["resolution_time"]["median_seconds"] == 6 * 3600.0
    assert summary["resolution_time"]["sample_size"] == 5
    assert (summary["tickets_created"], summary["tickets_solved"]) == (6, 5)


async def test_tied_durations_give_that_duration(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        for n in range(4):
            await add_ticket(session, ada, T0 + n * H, first_responded_at=T0 + (n + 2) * H)
    figure = (await _summary(client, admin_headers))["first_response_time"]
    assert (figure["median_seconds"], figure["p90_seconds"]) == (7200.0, 7200.0)


async def test_tickets_spanning_the_period_boundary_count_where_they_were_solved(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        # created in September, solved in October: counts for October's resolution only
        await add_ticket(
            session,
            ada,
            T0 - 2 * DAY,
            status="solved",
            first_solved_at=T0 + DAY,
            replies_at_first_solve=1,
            first_responded_at=T0 - DAY,
        )
    summary = await _summary(client, admin_headers)
    assert summary["resolution_time"] == {
        "median_seconds": 3 * 86400.0,
        "p90_seconds": 3 * 86400.0,
        "sample_size": 1,
        "time_basis": "policy",
        "relative_error": None,
    }
    assert summary["first_response_time"]["sample_size"] == 0
    assert summary["tickets_created"] == 0
    assert summary["fcr"]["denominator"] == 1


async def test_retention_counts_customers_of_the_earlier_period_who_ordered_again_in_it(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    # The window is October (31 days); the earlier period is the 31 days before it.
    async with database.sessionmaker() as session, session.begin():
        loyal, once, late, new = [await add_customer(session, ref) for ref in ("a", "b", "c", "d")]
        await add_order(session, loyal, "a1", T0 - 28 * DAY)
        await add_order(session, loyal, "a2", T0 - 26 * DAY)  # two earlier orders: one customer
        await add_order(session, loyal, "a3", T0 + 9 * DAY)  # ordered again within the window
        await add_order(session, once, "b1", T0 - 21 * DAY)
        await add_order(session, late, "c1", T0 - 11 * DAY)
        await add_order(session, late, "c2", T0 + 39 * DAY)  # after the window
        await add_order(session, new, "d1", T0 + 4 * DAY)  # not an earlier-period customer
        await add_order(session, new, "d0", T0 - 40 * DAY)  # before the earlier period
    retention = (await _summary(client, admin_headers))["retention"]
    assert retention == {"value": 33.33, "numerator": 1, "denominator": 3, "sample_size": 3}


async def test_retention_of_the_default_window_ending_now_is_measured(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, clock: MutableClock
) -> None:
    clock.set(T0 + 60 * DAY)
    async with database.sessionmaker() as session, session.begin():
        back, gone = await add_customer(session, "back"), await add_customer(session, "gone")
        await add_order(session, back, "b1", T0 + 15 * DAY)
        await add_order(session, back, "b2", T0 + 59 * DAY)
        await add_order(session, gone, "g1", T0 + 20 * DAY)
    response = await client.get("/v1/metrics/summary", headers=admin_headers)
    retention = response.json()["retention"]
    assert retention == {"value": 50.0, "numerator": 1, "denominator": 2, "sample_size": 2}


async def test_retention_series_measures_each_bucket_against_the_one_before(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada, bob = await add_customer(session, "ada"), await add_customer(session, "bob")
        await add_order(session, ada, "a-sep", T0 - 3 * DAY)  # September: the base of October
        await add_order(session, ada, "a-oct", T0 + 2 * DAY)
        await add_order(session, bob, "b-oct", T0 + 5 * DAY)  # ada and bob: the base of November
        await add_order(session, bob, "b-nov", T0 + 40 * DAY)
    params = {"from": "2026-10-01T00:00:00Z", "to": "2026-12-01T00:00:00Z",
              "granularity": "month"}
    response = await client.get("/v1/metrics/retention", params=params, headers=admin_headers)
    assert response.status_code == 200, response.text
    points = response.json()["series"][0]["points"]
    assert [(point["numerator"], point["denominator"]) for point in points] == [(1, 1), (1, 2)]


async def test_delivery_on_time_counts_settled_promises(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, clock: MutableClock
) -> None:
    clock.set(T0 + 20 * DAY)
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        promised = T0 + 5 * DAY
        await add_order(
            session,
            ada,
            "on-time",
            T0,
            promised_delivery_at=promised,
            delivered_at=promised - 3 * H,
        )
        await add_order(
            session,
            ada,
            "late",
            T0,
            promised_delivery_at=promised,
            delivered_at=promised + 3 * H,
        )
        await add_order(session, ada, "overdue", T0, promised_delivery_at=promised)
        await add_order(
            session, ada, "cancelled", T0, status="cancelled", promised_delivery_at=promised
        )
        await add_order(session, ada, "not-yet-due", T0, promised_delivery_at=T0 + 25 * DAY)
        await add_order(session, ada, "no-promise", T0)
    figure = (await _summary(client, admin_headers))["delivery_on_time"]
    assert figure == {"value": 33.33, "numerator": 1, "denominator": 3, "sample_size": 3}


async def test_backlog_by_status_and_age(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database, clock: MutableClock
) -> None:
    now = T0 + 10 * DAY
    clock.set(now)
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        await add_ticket(session, ada, now - 2 * H, status="new")
        await add_ticket(session, ada, now - 2 * DAY, status="open")
        await add_ticket(session, ada, now - 5 * DAY, status="pending")
        await add_ticket(session, ada, now - 9 * DAY, status="open")
        await add_ticket(session, ada, now - 9 * DAY, status="solved")
        await add_ticket(session, ada, now - 9 * DAY, status="closed")
    backlog = (await _summary(client, admin_headers))["backlog"]
    assert backlog == {
        "total": 4,
        "by_status": {"new": 1, "open": 2, "pending": 1},
        "by_age": {"under_1d": 1, "1d_to_3d": 1, "3d_to_7d": 1, "over_7d": 1},
    }


async def test_series_has_every_bucket_and_groups(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        await add_ticket(session, ada, T0 + H, channel="email")
        await add_ticket(session, ada, T0 + 2 * H, channel="chat")
        await add_ticket(session, ada, T0 + 2 * DAY, channel="chat")
    response = await client.get(
        "/v1/metrics/tickets_created",
        params={
            "from": "2026-10-01T00:00:00Z",
            "to": "2026-10-04T00:00:00Z",
            "group_by": "channel",
        },
        headers=admin_headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["kind"], body["group_by"]) == ("count", "channel")
    counts = {s["group"]: [p["value"] for p in s["points"]] for s in body["series"]}
    assert counts == {"chat": [1, 0, 1], "email": [1, 0, 0]}


async def test_series_buckets_follow_the_requested_time_zone(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        # 23:30 UTC on Oct 1 is already Oct 2 in Berlin (CEST, UTC+2).
        await add_ticket(session, ada, datetime.fromisoformat("2026-10-01T23:30:00+00:00"))
    params = {
        "from": "2026-09-30T22:00:00Z",
        "to": "2026-10-02T22:00:00Z",
        "timezone": "Europe/Berlin",
    }
    response = await client.get("/v1/metrics/tickets_created", params=params, headers=admin_headers)
    points = response.json()["series"][0]["points"]
    assert [(p["bucket_start"], p["value"]) for p in points] == [
        ("2026-10-01T00:00:00+02:00", 0),
        ("2026-10-02T00:00:00+02:00", 1),
    ]


async def test_empty_ratio_buckets_are_null(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    response = await client.get(
        "/v1/metrics/fcr",
        params={"from": "2026-10-01T00:00:00Z", "to": "2026-10-03T00:00:00Z"},
        headers=admin_headers,
    )
    points = response.json()["series"][0]["points"]
    assert [(p["value"], p["sample_size"]) for p in points] == [(None, 0), (None, 0)]


async def test_etag_lets_a_poller_get_304(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    first = await client.get("/v1/metrics/summary", params=PERIOD, headers=admin_headers)
    assert first.headers["cache-control"] == "private, max-age=30"
    again = await client.get(
        "/v1/metrics/summary",
        params=PERIOD,
        headers={**admin_headers, "If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("path", ["/v1/metrics/summary", "/v1/metrics/tickets_created"])
async def test_polling_the_default_window_gets_304_until_a_figure_changes(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    database: Database,
    clock: MutableClock,
    path: str,
) -> None:
    clock.set(T0 + 40.5 * DAY)  # mid-day: no new daily bucket begins in the next 30 s
    first = await client.get(path, headers=admin_headers)
    clock.advance(timedelta(seconds=30))  # the default window has moved on
    poll = {**admin_headers, "If-None-Match": first.headers["etag"]}
    unchanged = await client.get(path, headers=poll)
    assert unchanged.status_code == 304
    async with database.sessionmaker() as session, session.begin():
        await add_ticket(session, await add_customer(session, "ada"), T0 + 39 * DAY)
    changed = await client.get(path, headers=poll)
    assert changed.status_code == 200
    assert changed.headers["etag"] != first.headers["etag"]


@pytest.mark.parametrize(
    ("path", "params", "pointer"),
    [
        (
            "/v1/metrics/summary",
            {"from": "2026-10-02T00:00:00Z", "to": "2026-10-01T00:00:00Z"},
            "/from",
        ),
        (
            "/v1/metrics/summary",
            {"from": "2020-01-01T00:00:00Z", "to": "2026-10-01T00:00:00Z"},
            "/from",
        ),
        ("/v1/metrics/happiness", {}, "/name"),
        ("/v1/metrics/fcr", {"group_by": "weather"}, "/group_by"),
        ("/v1/metrics/retention", {"group_by": "channel"}, "/group_by"),
        ("/v1/metrics/fcr", {"granularity": "hour"}, "/granularity"),
        ("/v1/metrics/fcr", {"timezone": "Mars/Olympus"}, "/timezone"),
        ("/v1/metrics/fcr", {"from": "2026-10-01"}, "/from"),
    ],
)
async def test_bad_parameters_are_422(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    path: str,
    params: dict[str, str],
    pointer: str,
) -> None:
    assert_problem(await client.get(path, params=params, headers=admin_headers), 422, pointer)
