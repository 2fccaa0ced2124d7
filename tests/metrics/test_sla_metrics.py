from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.kit.db import Database
from tests.factories import add_customer, add_sla_target, add_ticket

Headers = dict[str, str]
T0 = datetime(2026, 10, 1, tzinfo=UTC)
H, DAY = timedelta(hours=1), timedelta(days=1)
PERIOD = {"from": "2026-10-01T00:00:00Z", "to": "2026-11-01T00:00:00Z"}


async def _get(client: httpx.AsyncClient, headers: Headers, path: str) -> dict[str, Any]:
    response = await client.get(path, params=PERIOD, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_compliance_per_metric_excludes_active_and_stopped_targets(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        owner = await add_ticket(session, await add_customer(session, "ada"), T0)
        due = T0 + DAY
        for status in ("met", "met", "met", "breached", "active", "stopped"):
            await add_sla_target(session, owner, "first_response", status, due, 4 * H)
        await add_sla_target(session, owner, "resolution", "breached", due, 2 * DAY)
        await add_sla_target(session, owner, "first_response", "breached", T0 + 40 * DAY, 4 * H)
    compliance = (await _get(client, admin_headers, "/v1/metrics/summary"))["sla_compliance"]
    assert compliance == {
        "first_response": {"value": 75.0, "numerator": 3, "denominator": 4, "sample_size": 4},
        "next_response": {"value": None, "numerator": 0, "denominator": 0, "sample_size": 0},
        "resolution": {"value": 0.0, "numerator": 0, "denominator": 1, "sample_size": 1},
    }


async def test_calibration_compares_the_promise_with_observed_times(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        # Urgent tickets answered after 1, 2, 3 ... 10 hours; the promise was 4 hours.
        for n in range(1, 11):
            urgent = await add_ticket(
                session,
                ada,
                T0 + n * DAY,
                priority="urgent",
                first_responded_at=T0 + n * DAY + n * H,
            )
            status = "met" if n <= 4 else "breached"
            await add_sla_target(
                session, urgent, "first_response", status, T0 + n * DAY + 4 * H, 4 * H
            )
    rows = (await _get(client, admin_headers, "/v1/metrics/sla-calibration"))["rows"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["priority"], row["metric"], row["target_seconds"]) == (
        "urgent",
        "first_response",
        4 * 3600.0,
    )
    assert row["met"] == {"value": 40.0, "numerator": 4, "denominator": 10, "sample_size": 10}
    # Observed hours 1..10: median 5.5 h, p90 = 9 + 0.1 = 9.1 h, p95 = 9.55 h (linear).
    assert row["observed"] == {
        "median_seconds": 5.5 * 3600,
        "p90_seconds": 9.1 * 3600,
        "p95_seconds": 9.55 * 3600,
        "sample_size": 10,
        "relative_error": None,  # no rollups built: exact, from raw rows
    }
    assert row["suggested_target_p90_seconds"] == 9.1 * 3600


async def test_sla_compliance_series_by_priority(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        low = await add_ticket(session, ada, T0, priority="low")
        high = await add_ticket(session, ada, T0, priority="high")
        await add_sla_target(session, low, "first_response", "met", T0 + 5 * H, 4 * H)
        await add_sla_target(session, high, "first_response", "breached", T0 + 5 * H, 4 * H)
    response = await client.get(
        "/v1/metrics/sla_compliance",
        params={
            "from": "2026-10-01T00:00:00Z",
            "to": "2026-10-02T00:00:00Z",
            "group_by": "priority",
        },
        headers=admin_headers,
    )
    values = {s["group"]: s["points"][0]["value"] for s in response.json()["series"]}
    assert values == {"high": 0.0, "low": 100.0}
