"""Survey fatigue (one invitation per customer per AFTERCARE_SURVEY_FATIGUE_DAYS, whatever the
template) and sampling (a template invites its sample_percent of customers), through the API
and the automatic invitation on solve."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.main import create_app
from app.models import Customer, SurveyAutoInviteSkip, SurveyInvitation, SurveyTemplate
from app.surveys.errors import CustomerNotSampled, CustomerRecentlyInvited
from app.surveys.sampling import in_sample
from app.surveys.service import invite_solved_tickets
from app.surveys.tasks import invite_customers_of_solved_tickets
from tests.factories import add_customer, add_ticket, create_invitation
from tests.support.api import assert_problem
from tests.support.clock import MutableClock


@pytest.fixture(autouse=True)
async def _builtin_samples_restored(database: Database) -> AsyncIterator[None]:
    """Built-in templates survive the cleanup between tests: put back the sample changed here."""
    yield
    async with database.sessionmaker() as session, session.begin():
        await session.execute(
            update(SurveyTemplate).where(SurveyTemplate.builtin).values(sample_percent=100)
        )


async def invite(
    client: httpx.AsyncClient, headers: dict[str, str], template: str = "post-purchase",
    **fields: Any,
) -> httpx.Response:
    body = {"template": template, "customer_external_ref": "cust-1", **fields}
    return await client.post("/v1/survey-invitations", json=body, headers=headers)


async def run_auto_invite(database: Database, clock: MutableClock, settings: Settings) -> int:
    return await invite_customers_of_solved_tickets(JobContext(database, clock, settings))


async def skips(database: Database) -> list[tuple[Any, str]]:
    async with database.sessionmaker() as session:
        rows = (await session.scalars(select(SurveyAutoInviteSkip))).all()
    return [(row.ticket_id, row.reason) for row in rows]


async def invitation_count(database: Database) -> int:
    async with database.sessionmaker() as session:
        return len((await session.scalars(select(SurveyInvitation.id))).all())


async def set_sample(
    client: httpx.AsyncClient, headers: dict[str, str], slug: str, percent: int
) -> dict[str, Any]:
    listed = await client.get("/v1/survey-templates", params={"slug": slug}, headers=headers)
    latest = max(listed.json()["items"], key=lambda template: template["version"])
    response = await client.patch(
        f"/v1/survey-templates/{latest['id']}", json={"sample_percent": percent},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    updated: dict[str, Any] = response.json()
    return updated


async def customers_in_and_out(database: Database, slug: str, percent: int) -> tuple[str, str]:
    """The external refs of a customer the sample takes and of one it leaves out."""
    taken: dict[bool, str] = {}
    number = 0
    while len(taken) < 2:
        number += 1
        customer = await add_customer(database, f"cust-sample-{number}")
        taken.setdefault(in_sample(customer.id, slug, percent), customer.external_ref)
    return taken[True], taken[False]


# --- fatigue, through the API ----------------------------------------------------------------


async def test_a_second_invitation_within_the_fatigue_days_is_refused_across_templates(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    clock: MutableClock,
) -> None:
    first = await invite(client, survey_headers, "post-purchase")
    assert first.status_code == 201, first.text

    clock.advance(timedelta(days=29, hours=23))
    second = await invite(client, survey_headers, "support-csat")

    assert_problem(second, 409, problem=CustomerRecentlyInvited)
    detail = second.json()["detail"]
    assert "'cust-1'" in detail
    assert "override_fatigue" in detail
    assert "30 days" in detail


async def test_override_fatigue_invites_anyway(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    assert (await invite(client, survey_headers)).status_code == 201
    overridden = await invite(client, survey_headers, "support-csat", override_fatigue=True)
    assert overridden.status_code == 201, overridden.text


async def test_after_the_fatigue_days_the_customer_may_be_invited_again(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    clock: MutableClock,
) -> None:
    assert (await invite(client, survey_headers)).status_code == 201
    clock.advance(timedelta(days=30))
    assert (await invite(client, survey_headers)).status_code == 201


async def test_fatigue_is_per_customer(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database,
) -> None:
    await add_customer(database, "cust-2")
    assert (await invite(client, survey_headers)).status_code == 201
    other = await invite(client, survey_headers, customer_external_ref="cust-2")
    assert other.status_code == 201, other.text


async def test_zero_fatigue_days_lift_the_limit(
    settings: Settings, database: Database, clock: MutableClock,
    survey_headers: dict[str, str], customer: Customer,
) -> None:
    unlimited = settings.model_copy(update={"survey_fatigue_days": 0})
    app: FastAPI = create_app(unlimited, database=database, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        statuses = [(await invite(client, survey_headers)).status_code for _ in range(3)]
    assert statuses == [201, 201, 201]


async def test_two_invitations_at_once_cannot_both_pass_the_fatigue_check(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database,
) -> None:
    answers = await asyncio.gather(
        *(invite(client, survey_headers, slug) for slug in ["post-purchase", "support-csat"] * 3)
    )
    assert sorted(answer.status_code for answer in answers) == [201] + [409] * 5
    assert await invitation_count(database) == 1


# --- fatigue, automatic invitations ------------------------------------------------------------


async def test_the_automatic_invitation_passes_over_a_recently_invited_customer_once(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database, clock: MutableClock, settings: Settings,
) -> None:
    await create_invitation(client, survey_headers, "post-purchase")
    ticket = await add_ticket(
        database, customer, status="solved", solved_at=clock.now() - timedelta(hours=2)
    )

    assert await run_auto_invite(database, clock, settings) == 1
    assert await run_auto_invite(database, clock, settings) == 0  # decided for good

    assert await invitation_count(database) == 1
    assert await skips(database) == [(ticket.id, "fatigue")]


async def test_two_tickets_of_one_customer_solved_together_get_one_invitation(
    customer: Customer, database: Database, clock: MutableClock, settings: Settings
) -> None:
    solved_at = clock.now() - timedelta(hours=2)
    tickets = [
        await add_ticket(database, customer, status="solved", solved_at=solved_at)
        for _ in range(3)
    ]

    assert await run_auto_invite(database, clock, settings) == 3

    async with database.sessionmaker() as session:
        [invitation] = (await session.scalars(select(SurveyInvitation))).all()
    passed_over = {ticket_id for ticket_id, reason in await skips(database) if reason == "fatigue"}
    assert {invitation.ticket_id, *passed_over} == {ticket.id for ticket in tickets}
    assert len(passed_over) == 2


async def test_workers_at_once_invite_a_customer_with_many_solved_tickets_once(
    customer: Customer, database: Database, clock: MutableClock, settings: Settings
) -> None:
    solved_at = clock.now() - timedelta(hours=2)
    for _ in range(12):
        await add_ticket(database, customer, status="solved", solved_at=solved_at)

    async def worker_with_batches_of_three() -> int:
        async with database.sessionmaker() as session, session.begin():
            return await invite_solved_tickets(session, now=clock.now(), settings=settings, limit=3)

    # Each takes other tickets of the same customer: only the customer lock keeps them apart.
    claimed = await asyncio.gather(*(worker_with_batches_of_three() for _ in range(4)))
    assert sum(claimed) == 12

    assert await invitation_count(database) == 1
    assert len(await skips(database)) == 11


# --- sampling ------------------------------------------------------------------------------------


async def test_a_template_invites_only_the_customers_its_sample_takes(
    client: httpx.AsyncClient, survey_headers: dict[str, str], database: Database
) -> None:
    updated = await set_sample(client, survey_headers, "post-purchase", 50)
    assert (updated["slug"], updated["sample_percent"]) == ("post-purchase", 50)
    taken, left_out = await customers_in_and_out(database, "post-purchase", 50)

    assert (await invite(client, survey_headers, customer_external_ref=taken)).status_code == 201
    refused = await invite(client, survey_headers, customer_external_ref=left_out)
    assert_problem(refused, 409, problem=CustomerNotSampled)
    assert "50 %" in refused.json()["detail"]
    assert "override_sampling" in refused.json()["detail"]

    forced = await invite(
        client, survey_headers, customer_external_ref=left_out, override_sampling=True
    )
    assert forced.status_code == 201, forced.text


async def test_the_automatic_invitation_follows_the_sample_of_support_csat(
    client: httpx.AsyncClient, survey_headers: dict[str, str], database: Database,
    clock: MutableClock, settings: Settings,
) -> None:
    await set_sample(client, survey_headers, "support-csat", 30)
    taken, left_out = await customers_in_and_out(database, "support-csat", 30)
    async with database.sessionmaker() as session:
        customers = {
            row.external_ref: row for row in (await session.scalars(select(Customer))).all()
        }
    solved_at = clock.now() - timedelta(hours=2)
    taken_ticket = await add_ticket(
        database, customers[taken], status="solved", solved_at=solved_at
    )
    left_ticket = await add_ticket(
        database, customers[left_out], status="solved", solved_at=solved_at
    )

    assert await run_auto_invite(database, clock, settings) == 2

    async with database.sessionmaker() as session:
        [invitation] = (await session.scalars(select(SurveyInvitation))).all()
    assert invitation.ticket_id == taken_ticket.id
    assert await skips(database) == [(left_ticket.id, "sampling")]


async def test_a_template_sample_is_set_when_publishing_and_bounded(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    body = {
        "slug": "delivery-check", "name": "Delivery check", "sample_percent": 20,
        "questions": [{"key": "on_time", "type": "yes_no", "prompt": "On time?"}],
    }
    created = await client.post("/v1/survey-templates", json=body, headers=survey_headers)
    assert created.status_code == 201, created.text
    assert created.json()["sample_percent"] == 20

    for percent in (0, 101):
        response = await client.patch(
            f"/v1/survey-templates/{created.json()['id']}", json={"sample_percent": percent},
            headers=survey_headers,
        )
        assert_problem(response, 422, "/sample_percent")
