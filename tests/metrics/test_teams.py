"""Tickets carry an optional team; every metric grouped by assignee can be grouped by team."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.kit.db import Database
from app.metrics.service import METRICS
from app.models import Event
from tests.factories import (
    add_customer,
    add_sla_target,
    add_survey_answer,
    add_ticket,
    create_ticket,
    ticket_body,
)
from tests.support.api import assert_problem

Headers = dict[str, str]
T0 = datetime(2026, 10, 1, tzinfo=UTC)
H, DAY = timedelta(hours=1), timedelta(days=1)
PERIOD = {"from": "2026-10-01T00:00:00Z", "to": "2026-10-03T00:00:00Z", "granularity": "week"}


async def test_team_is_set_trimmed_changed_and_cleared(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    ticket = await create_ticket(client, admin_headers, team="  Returns & Refunds ")
    assert ticket["team"] == "Returns & Refunds"
    url = f"/v1/tickets/{ticket['id']}"
    moved = await client.patch(url, json={"team": "Billing"}, headers=admin_headers)
    assert moved.status_code == 200, moved.text
    assert moved.json()["team"] == "Billing"
    cleared = await client.patch(url, json={"team": None}, headers=admin_headers)
    assert cleared.json()["team"] is None
    assert (await client.get(url, headers=admin_headers)).json()["team"] is None
    async with database.sessionmaker() as session:
        events = (await session.scalars(
            select(Event).where(Event.type == "ticket.updated").order_by(Event.created_at)
        )).all()
    changed = [
        {name: change for name, change in event.data["changes"].items() if change is not None}
        for event in events
    ]
    assert changed == [
        {"team": {"from": "Returns & Refunds", "to": "Billing"}},
        {"team": {"from": "Billing", "to": None}},
    ]


@pytest.mark.parametrize("team", ["", "   ", "x" * 65, "a\u0000b"])
async def test_bad_teams_are_refused_naming_the_field(
    client: httpx.AsyncClient, admin_headers: Headers, team: str
) -> None:
    created = await client.post("/v1/tickets", json=ticket_body(team=team), headers=admin_headers)
    assert_problem(created, 422, "/team")
    ticket = await create_ticket(client, admin_headers)
    patched = await client.patch(
        f"/v1/tickets/{ticket['id']}", json={"team": team}, headers=admin_headers
    )
    assert_problem(patched, 422, "/team")


async def test_a_64_character_team_is_kept(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    assert (await create_ticket(client, admin_headers, team="é" * 64))["team"] == "é" * 64


async def _series(
    client: httpx.AsyncClient, headers: Headers, name: str, group_by: str
) -> dict[str | None, dict[str, Any]]:
    response = await client.get(
        f"/v1/metrics/{name}", params={**PERIOD, "group_by": group_by}, headers=headers
    )
    assert response.status_code == 200, response.text
    return {series["group"]: series["points"][0] for series in response.json()["series"]}


@pytest.mark.parametrize("name", sorted(name for name, m in METRICS.items() if m.groupable))
async def test_team_groups_every_metric_that_assignee_groups(
    client: httpx.AsyncClient, admin_headers: Headers, name: str
) -> None:
    by_team = await _series(client, admin_headers, name, "team")
    by_assignee = await _series(client, admin_headers, name, "assignee")
    assert by_team.keys() == by_assignee.keys() == {None}


async def test_csat_fcr_response_times_and_sla_per_team(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    solved: dict[str, Any] = {"status": "solved", "first_solved_at": T0 + DAY}
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        returns = await add_ticket(
            session, ada, T0, team="Returns", assignee="kim", replies_at_first_solve=1,
            first_responded_at=T0 + H, **solved,
        )
        billing = await add_ticket(
            session, ada, T0, team="Billing", assignee="kim", replies_at_first_solve=2,
            first_responded_at=T0 + 3 * H, **solved,
        )
        nobody = await add_ticket(session, ada, T0, replies_at_first_solve=1, **solved)
        await add_survey_answer(session, ada, T0 + DAY, "csat", 5, ticket_id=returns.id)
        await add_survey_answer(session, ada, T0 + DAY, "csat", 2, ticket_id=billing.id)
        await add_survey_answer(session, ada, T0 + DAY, "csat", 4, ticket_id=billing.id)
        for ticket, status in ((returns, "met"), (billing, "breached"), (nobody, "met")):
            await add_sla_target(session, ticket, "first_response", status, T0 + H, H)
    figures = {
        name: await _series(client, admin_headers, name, "team")
        for name in ("csat", "fcr", "first_response_time", "sla_compliance")
    }
    assert {team: p["value"] for team, p in figures["csat"].items()} == {
        "Billing": 50.0, "Returns": 100.0,
    }
    assert {team: p["value"] for team, p in figures["fcr"].items()} == {
        "Billing": 0.0, "Returns": 100.0, None: 100.0,
    }
    assert {team: p["median_seconds"] for team, p in figures["first_response_time"].items()} == {
        "Billing": 10800.0, "Returns": 3600.0,
    }
    sla = figures["sla_compliance"]
    assert {team: (p["numerator"], p["denominator"]) for team, p in sla.items()} == {
        "Billing": (0, 1), "Returns": (1, 1), None: (1, 1),
    }
    per_assignee = await _series(client, admin_headers, "fcr", "assignee")
    assert {a: (p["numerator"], p["denominator"]) for a, p in per_assignee.items()} == {
        "kim": (1, 2), None: (1, 1),
    }
