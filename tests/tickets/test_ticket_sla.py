"""The tickets API and the SLA engine together: expectations, breaches, the breached filter."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.sla.tasks import sweep_sla_targets
from tests.factories import create_endpoint, create_ticket, post_message
from tests.support.clock import MutableClock

Headers = dict[str, str]
POLICY = {
    "name": "Urgent promise",
    "position": 1,
    "conditions": {"priorities": ["urgent"]},
    "targets": {
        "first_response": {
            "target_minutes": 60,
            "business_hours": False,
            "warn_before_minutes": 15,
        },
        "resolution": {"target_minutes": 480, "business_hours": False, "warn_before_minutes": 60},
    },
}


async def _ticket(client: httpx.AsyncClient, headers: Headers, ticket: dict[str, Any]) -> Any:
    return (await client.get(f"/v1/tickets/{ticket['id']}", headers=headers)).json()


async def test_expectations_follow_the_matching_policy_and_replies(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    assert (
        await client.post("/v1/sla-policies", json=POLICY, headers=admin_headers)
    ).status_code == 201
    created_at = clock.now()
    ticket = await create_ticket(client, admin_headers, priority="urgent")
    expectations = (await _ticket(client, admin_headers, ticket))["expectations"]
    assert expectations["policy_name"] == "Urgent promise"
    assert expectations["first_response"]["status"] == "on_track"
    due = expectations["first_response"]["due_at"]
    assert due == (created_at + timedelta(minutes=60)).isoformat().replace("+00:00", "Z")

    clock.advance(timedelta(minutes=50))  # inside the 15-minute warning window
    at_risk = (await _ticket(client, admin_headers, ticket))["expectations"]
    assert at_risk["first_response"]["status"] == "at_risk"

    await post_message(client, admin_headers, ticket, body="On it")
    met = (await _ticket(client, admin_headers, ticket))["expectations"]
    assert met["first_response"]["status"] == "met"
    assert met["resolution"]["status"] == "on_track"


async def test_a_swept_breach_shows_in_expectations_and_the_breached_filter(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    clock: MutableClock,
    database: Database,
    settings: Settings,
) -> None:
    await client.post("/v1/sla-policies", json=POLICY, headers=admin_headers)
    late = await create_ticket(client, admin_headers, priority="urgent")
    calm = await create_ticket(client, admin_headers, priority="low")
    clock.advance(timedelta(minutes=61))
    await sweep_sla_targets(JobContext(database, clock, settings))

    expectations = (await _ticket(client, admin_headers, late))["expectations"]
    assert expectations["first_response"]["status"] == "breached"
    breached = (await client.get("/v1/tickets?breached=true", headers=admin_headers)).json()
    not_breached = (await client.get("/v1/tickets?breached=false", headers=admin_headers)).json()
    assert [item["id"] for item in breached["items"]] == [late["id"]]
    assert [item["id"] for item in not_breached["items"]] == [calm["id"]]


async def test_a_breach_recorded_by_the_sweep_is_queued_for_webhooks(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    clock: MutableClock,
    database: Database,
    settings: Settings,
) -> None:
    endpoint = await create_endpoint(
        client, admin_headers, "http://127.0.0.1:9/hooks", event_types=["sla.breached"]
    )
    await client.post("/v1/sla-policies", json=POLICY, headers=admin_headers)
    await create_ticket(client, admin_headers, priority="urgent")
    clock.advance(timedelta(minutes=61))
    await sweep_sla_targets(JobContext(database, clock, settings))

    deliveries = await client.get(
        f"/v1/webhook-endpoints/{endpoint['id']}/deliveries", headers=admin_headers
    )
    assert [item["event_type"] for item in deliveries.json()["items"]] == ["sla.breached"]


async def test_response_time_is_measured_in_business_hours_when_the_policy_says_so(
    client: httpx.AsyncClient, admin_headers: Headers, clock: MutableClock
) -> None:
    calendar = await client.post(
        "/v1/business-calendars",
        json={
            "name": "Office",
            "timezone": "UTC",
            "weekly_hours": {
                day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
            },
        },
        headers=admin_headers,
    )
    assert calendar.status_code == 201, calendar.text
    policy = {
        **POLICY,
        "calendar_id": calendar.json()["id"],
        "targets": {
            "first_response": {
                "target_minutes": 480,
                "business_hours": True,
                "warn_before_minutes": 60,
            }
        },
    }
    assert (
        await client.post("/v1/sla-policies", json=policy, headers=admin_headers)
    ).status_code == 201
    clock.set(datetime(2026, 11, 20, 16, tzinfo=UTC))  # Friday 16:00
    ticket = await create_ticket(client, admin_headers, priority="urgent")
    clock.set(datetime(2026, 11, 23, 10, tzinfo=UTC))  # Monday 10:00: 2 business hours later
    await post_message(client, admin_headers, ticket, body="Hi")
    summary = await client.get(
        "/v1/metrics/summary",
        params={"from": "2026-11-20T00:00:00Z", "to": "2026-11-24T00:00:00Z"},
        headers=admin_headers,
    )
    assert summary.json()["first_response_time"]["median_seconds"] == 2 * 3600.0
