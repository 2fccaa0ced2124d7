import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.kit import migrations as schema
from app.sla.errors import CalendarInUse
from tests.factories import BERLIN_OFFICE, policy_target
from tests.support.api import PROBLEM
from tests.support.database import drop_database, recreate_database, scratch_database_name

CALENDARS, POLICIES = "/v1/business-calendars", "/v1/sla-policies"


def policy_body(**overrides: Any) -> dict[str, Any]:
    return {"name": "Urgent", "position": 10, "conditions": {"priorities": ["urgent"]},
            "targets": {"first_response": policy_target(60, warn=10)}, **overrides}


async def test_calendar_crud(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    created = await client.post(CALENDARS, json=BERLIN_OFFICE, headers=admin_headers)
    assert created.status_code == 201
    calendar = created.json()
    assert calendar["weekly_hours"]["mon"] == [["09:00", "12:00"], ["13:00", "17:00"]]
    assert calendar["holidays"] == ["2026-12-25"]

    url = f"{CALENDARS}/{calendar['id']}"
    patched = await client.patch(url, json={"holidays": []}, headers=admin_headers)
    assert patched.json()["holidays"] == []
    assert patched.json()["timezone"] == "Europe/Berlin"
    assert (await client.get(url, headers=admin_headers)).json()["holidays"] == []
    listed = (await client.get(CALENDARS, headers=admin_headers)).json()["items"]
    assert [item["id"] for item in listed] == [calendar["id"]]

    assert (await client.delete(url, headers=admin_headers)).status_code == 204
    missing = await client.get(url, headers=admin_headers)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"timezone": "Europe/Atlantis"}, "/timezone"),
        ({"weekly_hours": {"mon": [["9:00", "12:00"]]}}, "/weekly_hours/mon/0/0"),
        ({"weekly_hours": {"mon": [["12:00", "09:00"]]}}, "/weekly_hours/mon/0"),
        ({"weekly_hours": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}}, "/weekly_hours/mon"),
        ({"weekly_hours": {"sat": []}}, "/weekly_hours"),
        ({"weekly_hours": {"mon": [["24:00", "05:00"]]}}, "/weekly_hours/mon/0"),
        ({"weekly_hours": {"mon": [["24:00", "24:00"]]}}, "/weekly_hours/mon/0"),
        ({"weekly_hours": {"mon": [["18:00", "00:00"]]}}, "/weekly_hours/mon/0"),
        ({"weekly_hours": {"funday": [["09:00", "12:00"]]}}, "/weekly_hours/funday/[key]"),
        ({"holidays": ["2026-02-30"]}, "/holidays/0"),
        ({"name": ""}, "/name"),
        ({"colour": "blue"}, "/colour"),
    ],
)
async def test_invalid_calendar_is_422_naming_the_field(
    client: httpx.AsyncClient, admin_headers: dict[str, str], change: dict[str, Any], pointer: str
) -> None:
    response = await client.post(CALENDARS, json={**BERLIN_OFFICE, **change}, headers=admin_headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["pointer"] == pointer


@pytest.mark.parametrize(
    ("interval", "detail"),
    [
        (["24:00", "05:00"], '"24:00" only ends an interval'),
        (["18:00", "00:00"], '"00:00" only starts an interval'),
    ],
)
async def test_midnight_is_spelt_00_00_at_a_start_and_24_00_at_an_end(
    client: httpx.AsyncClient, admin_headers: dict[str, str], interval: list[str], detail: str
) -> None:
    refused = await client.post(
        CALENDARS, json={**BERLIN_OFFICE, "weekly_hours": {"mon": [interval]}},
        headers=admin_headers,
    )
    assert detail in refused.json()["errors"][0]["detail"]
    whole_day = {"mon": [["00:00", "24:00"]], "tue": [["00:00", "09:00"], ["18:00", "24:00"]]}
    accepted = await client.post(
        CALENDARS, json={**BERLIN_OFFICE, "weekly_hours": whole_day}, headers=admin_headers
    )
    assert accepted.status_code == 201
    assert accepted.json()["weekly_hours"] == whole_day


async def test_patch_that_would_leave_a_calendar_invalid_is_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    calendar = (await client.post(CALENDARS, json=BERLIN_OFFICE, headers=admin_headers)).json()
    response = await client.patch(
        f"{CALENDARS}/{calendar['id']}", json={"name": None}, headers=admin_headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/name"


async def test_deleting_a_calendar_a_policy_uses_is_409(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    calendar = (await client.post(CALENDARS, json=BERLIN_OFFICE, headers=admin_headers)).json()
    policy = await client.post(
        POLICIES, json=policy_body(calendar_id=calendar["id"]), headers=admin_headers
    )
    assert policy.status_code == 201
    response = await client.delete(f"{CALENDARS}/{calendar['id']}", headers=admin_headers)
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == CalendarInUse.type_uri()

    await client.patch(
        f"{POLICIES}/{policy.json()['id']}", json={"calendar_id": None}, headers=admin_headers
    )
    deleted = await client.delete(f"{CALENDARS}/{calendar['id']}", headers=admin_headers)
    assert deleted.status_code == 204


async def test_policy_crud_and_versioning(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    created = await client.post(POLICIES, json=policy_body(), headers=admin_headers)
    assert created.status_code == 201
    policy = created.json()
    assert policy["version"] == 1
    assert policy["pause_statuses"] == ["pending", "on_hold"]
    assert policy["targets"] == {
        "first_response": policy_target(60, warn=10), "next_response": None, "resolution": None,
    }
    assert policy["conditions"] == {
        "priorities": ["urgent"], "channels": [], "tiers": [], "tags": [],
    }
    url = f"{POLICIES}/{policy['id']}"
    patched = await client.patch(
        url, json={"escalate_on_breach": True, "position": 5}, headers=admin_headers
    )
    assert patched.status_code == 200
    assert (patched.json()["version"], patched.json()["escalate_on_breach"]) == (2, True)
    assert patched.json()["targets"]["first_response"] == policy_target(60, warn=10)
    assert (await client.get(url, headers=admin_headers)).json()["position"] == 5
    assert len((await client.get(POLICIES, headers=admin_headers)).json()["items"]) == 1
    assert (await client.delete(url, headers=admin_headers)).status_code == 204
    assert (await client.delete(url, headers=admin_headers)).status_code == 404


async def test_policy_create_is_idempotent(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    headers = {**admin_headers, "Idempotency-Key": "policy-1"}
    first = await client.post(POLICIES, json=policy_body(), headers=headers)
    again = await client.post(POLICIES, json=policy_body(), headers=headers)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert len((await client.get(POLICIES, headers=admin_headers)).json()["items"]) == 1


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"targets": {"first_response": policy_target(60, warn=60)}},
         "/targets/first_response/warn_before_minutes"),
        ({"targets": {"first_response": {"target_minutes": 0}}},
         "/targets/first_response/target_minutes"),
        ({"targets": {"first_response": policy_target(60, business_hours=True)}},
         "/targets/first_response/business_hours"),
        ({"targets": {"answer": policy_target(60)}}, "/targets/answer"),
        ({"conditions": {"priorities": ["asap"]}}, "/conditions/priorities/0"),
        ({"conditions": {"tiers": [3]}}, "/conditions/tiers/0"),
        ({"pause_statuses": ["solved"]}, "/pause_statuses/0"),
        ({"calendar_id": "00000000-0000-0000-0000-000000000000"}, "/calendar_id"),
        ({"position": -1}, "/position"),
    ],
)
async def test_invalid_policy_is_422_naming_the_field(
    client: httpx.AsyncClient, admin_headers: dict[str, str], change: dict[str, Any], pointer: str
) -> None:
    response = await client.post(POLICIES, json=policy_body(**change), headers=admin_headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["pointer"] == pointer


async def test_patch_that_removes_the_calendar_of_business_hours_targets_is_422(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    calendar = (await client.post(CALENDARS, json=BERLIN_OFFICE, headers=admin_headers)).json()
    policy = (await client.post(POLICIES, json=policy_body(
        calendar_id=calendar["id"],
        targets={"resolution": policy_target(480, business_hours=True)},
    ), headers=admin_headers)).json()
    response = await client.patch(
        f"{POLICIES}/{policy['id']}", json={"calendar_id": None}, headers=admin_headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/targets/resolution/business_hours"


async def test_the_migration_ships_an_editable_default_policy(postgres_server_url: str) -> None:
    name = scratch_database_name("sla_default")
    url = await recreate_database(postgres_server_url, name)
    try:
        await asyncio.to_thread(schema.upgrade, url)
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            row = (await connection.execute(text(
                "SELECT name, conditions, targets, calendar_id FROM sla_policies"
            ))).one()
        await engine.dispose()
    finally:
        await drop_database(postgres_server_url, name)
    assert row.name == "Default"
    assert row.calendar_id is None
    assert not any(row.conditions.values())
    assert row.targets["first_response"]["target_minutes"] == 24 * 60


@pytest.mark.parametrize("field", ["conditions", "targets", "name", "position", "pause_statuses"])
async def test_null_in_a_policy_patch_is_422_naming_the_field(
    client: httpx.AsyncClient, admin_headers: dict[str, str], field: str
) -> None:
    policy = (await client.post(POLICIES, json=policy_body(), headers=admin_headers)).json()
    response = await client.patch(
        f"{POLICIES}/{policy['id']}", json={field: None}, headers=admin_headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == f"/{field}"
