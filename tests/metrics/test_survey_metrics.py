from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.kit.db import Database
from tests.factories import add_customer, add_invitation, add_survey_answer, add_ticket

Headers = dict[str, str]
T0 = datetime(2026, 10, 1, tzinfo=UTC)
DAY = timedelta(days=1)
PERIOD = {"from": "2026-10-01T00:00:00Z", "to": "2026-11-01T00:00:00Z"}


async def _summary(client: httpx.AsyncClient, headers: Headers) -> dict[str, Any]:
    response = await client.get("/v1/metrics/summary", params=PERIOD, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_csat_counts_four_and_five_as_satisfied(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        for value in (5, 4, 3, 1):
            await add_survey_answer(session, ada, T0 + DAY, "csat", value)
        await add_survey_answer(session, ada, T0 + 40 * DAY, "csat", 5)  # outside the period
    csat = (await _summary(client, admin_headers))["csat"]
    assert csat == {"value": 50.0, "numerator": 2, "denominator": 4, "sample_size": 4}


async def test_nps_is_promoters_minus_detractors(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        # 3 promoters (10, 9, 9), 2 passives (8, 7), 3 detractors (6, 3, 0): (3 - 3) / 8 = 0
        # plus one more promoter: (4 - 3) / 9 = 11.11
        for value in (10, 9, 9, 8, 7, 6, 3, 0, 10):
            await add_survey_answer(session, ada, T0 + 2 * DAY, "nps", value)
    nps = (await _summary(client, admin_headers))["nps"]
    assert nps == {"value": 11.11, "numerator": 1, "denominator": 9, "sample_size": 9}


async def test_one_response_is_a_whole_sample(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        await add_survey_answer(session, ada, T0 + 2 * DAY, "nps", 6)
    nps = (await _summary(client, admin_headers))["nps"]
    assert nps == {"value": -100.0, "numerator": -1, "denominator": 1, "sample_size": 1}


async def test_expectations_met_and_response_rate(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        for value in (1, 1, 0):
            await add_survey_answer(session, ada, T0 + 3 * DAY, "expectations_met", value)
        await add_invitation(session, ada, T0 + 3 * DAY)
    summary = await _summary(client, admin_headers)
    assert summary["expectations_met"] == {
        "value": 66.67,
        "numerator": 2,
        "denominator": 3,
        "sample_size": 3,
    }
    assert summary["survey_response_rate"] == {
        "value": 75.0,
        "numerator": 3,
        "denominator": 4,
        "sample_size": 4,
    }


async def test_csat_grouped_by_the_surveyed_ticket_channel(
    client: httpx.AsyncClient, admin_headers: Headers, database: Database
) -> None:
    async with database.sessionmaker() as session, session.begin():
        ada = await add_customer(session, "ada")
        chat = await add_ticket(session, ada, T0, channel="chat")
        email = await add_ticket(session, ada, T0, channel="email")
        await add_survey_answer(session, ada, T0 + DAY, "csat", 5, ticket_id=chat.id)
        await add_survey_answer(session, ada, T0 + DAY, "csat", 2, ticket_id=email.id)
        await add_survey_answer(session, ada, T0 + DAY, "csat", 4)  # no ticket
    response = await client.get(
        "/v1/metrics/csat",
        params={
            "from": "2026-10-02T00:00:00Z",
            "to": "2026-10-03T00:00:00Z",
            "group_by": "channel",
        },
        headers=admin_headers,
    )
    series = {s["group"]: s["points"][0]["value"] for s in response.json()["series"]}
    assert series == {"chat": 100.0, "email": 0.0, None: 100.0}
