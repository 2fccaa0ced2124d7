import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import select

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Customer, SurveyInvitation
from app.surveys.repository import (
    SolvedTicket,
    SurveyInvitationRepository,
    SurveyTemplateRepository,
)
from app.surveys.tasks import invite_customers_of_solved_tickets, jobs
from app.surveys.tokens import generate_token
from tests.factories import add_ticket, create_invitation, events_of_type
from tests.support.clock import MutableClock


async def invitations(database: Database) -> list[SurveyInvitation]:
    async with database.sessionmaker() as session:
        return list((await session.scalars(select(SurveyInvitation))).all())


async def run_job(database: Database, clock: MutableClock, settings: Settings) -> int:
    return await invite_customers_of_solved_tickets(JobContext(database, clock, settings))


async def test_a_ticket_solved_past_the_delay_gets_one_support_csat_invitation(
    database: Database, clock: MutableClock, settings: Settings, customer: Customer,
    client: httpx.AsyncClient,
) -> None:
    ticket = await add_ticket(
        database, customer, status="solved", solved_at=clock.now() - timedelta(minutes=61)
    )

    assert await run_job(database, clock, settings) == 1
    assert await run_job(database, clock, settings) == 0

    [invitation] = await invitations(database)
    assert (invitation.ticket_id, invitation.trigger) == (ticket.id, "ticket_solved")
    assert invitation.expires_at == clock.now() + timedelta(days=28)
    [event] = await events_of_type(database, "survey.invitation_created")
    assert event.data["invitation"]["template"]["slug"] == "support-csat"
    assert event.data["invitation"]["ticket_id"] == str(ticket.id)
    assert event.data["customer"]["email"] == "ada@example.com"
    assert event.data["created_by"] == {"type": "system"}
    # The link in the event is the only copy of the token, and it works.
    token = event.data["public_url"].rsplit("/", 1)[1]
    survey = await client.get(f"/v1/public/surveys/{token}")
    assert survey.status_code == 200
    assert [q["key"] for q in survey.json()["questions"]] == ["support_satisfaction", "comment"]


async def test_the_invitation_waits_for_the_delay(
    database: Database, clock: MutableClock, settings: Settings, customer: Customer
) -> None:
    await add_ticket(
        database, customer, status="solved", solved_at=clock.now() - timedelta(minutes=10)
    )
    assert await run_job(database, clock, settings) == 0
    clock.advance(timedelta(minutes=50))
    assert await run_job(database, clock, settings) == 1


async def test_old_reopened_and_already_surveyed_tickets_are_not_invited(
    database: Database,
    clock: MutableClock,
    settings: Settings,
    customer: Customer,
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
) -> None:
    long_ago = clock.now() - timedelta(days=settings.survey_invite_lookback_days, minutes=1)
    await add_ticket(database, customer, status="solved", solved_at=long_ago)
    two_hours_ago = clock.now() - timedelta(hours=2)
    await add_ticket(database, customer, status="open", solved_at=two_hours_ago)
    await add_ticket(database, customer, status="pending")
    surveyed = await add_ticket(database, customer, status="closed", solved_at=two_hours_ago)
    await create_invitation(client, survey_headers, "support-csat", ticket_id=str(surveyed.id))

    assert await run_job(database, clock, settings) == 0
    assert len(await invitations(database)) == 1


async def test_a_ticket_solved_after_a_post_purchase_survey_is_still_invited(
    database: Database,
    clock: MutableClock,
    settings: Settings,
    customer: Customer,
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
) -> None:
    ticket = await add_ticket(
        database, customer, status="solved", solved_at=clock.now() - timedelta(hours=2)
    )
    await create_invitation(client, survey_headers, "post-purchase", ticket_id=str(ticket.id))
    assert await run_job(database, clock, settings) == 1


async def test_workers_running_at_once_invite_each_ticket_exactly_once(
    database: Database, clock: MutableClock, settings: Settings, customer: Customer
) -> None:
    solved_at = clock.now() - timedelta(hours=2)
    tickets = [  # each of its own customer, so fatigue does not pass any over
        await add_ticket(database, status="solved", solved_at=solved_at) for _ in range(30)
    ]

    await asyncio.gather(*(run_job(database, clock, settings) for _ in range(6)))
    await run_job(database, clock, settings)

    stored = await invitations(database)
    assert sorted(str(invitation.ticket_id) for invitation in stored) == sorted(
        str(ticket.id) for ticket in tickets
    )
    assert len(await events_of_type(database, "survey.invitation_created")) == 30


async def test_the_database_refuses_a_second_automatic_invitation_for_a_ticket(
    database: Database, clock: MutableClock, customer: Customer
) -> None:
    ticket = await add_ticket(database, customer, status="solved", solved_at=clock.now())
    solved = SolvedTicket(ticket.id, customer.id, None)
    async with database.sessionmaker() as session, session.begin():
        template = await SurveyTemplateRepository(session).by_slug("support-csat")
        assert template is not None
        repository = SurveyInvitationRepository(session)
        inserted = [
            await repository.insert_ticket_solved_invitation(
                template_id=template.id, token_hash=generate_token().token_hash, ticket=solved,
                created_at=clock.now(), expires_at=clock.now() + timedelta(days=1),
            )
            for _ in range(8)  # past PostgreSQL's switch to a generic plan
        ]
    assert inserted[0] is not None
    assert inserted[1:] == [None] * 7


def test_the_job_is_registered_only_when_auto_invite_is_on(settings: Settings) -> None:
    enabled = [job.name for job in jobs(settings)]
    disabled_settings = settings.model_copy(update={"survey_auto_invite_on_solve": False})
    disabled = [job.name for job in jobs(disabled_settings)]
    assert "invite_solved_tickets" in enabled
    assert "invite_solved_tickets" not in disabled
