"""One survey.reminder_due per unanswered invitation, AFTERCARE_SURVEY_REMINDER_AFTER_DAYS after
it was made; none after an answer or expiry; never two, however many workers run."""

import asyncio
from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.main import create_app
from app.models import Customer, SurveyInvitation
from app.surveys.service import record_due_reminders
from app.surveys.tasks import jobs, remind_unanswered_invitations
from tests.factories import add_customer, answer_survey, create_invitation, events_of_type
from tests.support.clock import MutableClock

REMINDER_AFTER = timedelta(days=3)
ANSWERS = {"support_satisfaction": 5}


async def run_reminders(database: Database, clock: MutableClock, settings: Settings) -> int:
    return await remind_unanswered_invitations(JobContext(database, clock, settings))


async def stored_invitation(database: Database, invitation_id: str) -> SurveyInvitation:
    async with database.sessionmaker() as session:
        invitation = await session.scalar(
            select(SurveyInvitation).where(SurveyInvitation.id == invitation_id)
        )
    assert invitation is not None
    return invitation


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


async def test_an_unanswered_invitation_gets_one_reminder_with_a_link_of_its_own(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database, clock: MutableClock, settings: Settings,
) -> None:
    created = await create_invitation(client, survey_headers, "support-csat")
    assert created["reminder_due_at"] == (clock.now() + REMINDER_AFTER).isoformat().replace(
        "+00:00", "Z"
    )

    clock.advance(REMINDER_AFTER - timedelta(seconds=1))
    assert await run_reminders(database, clock, settings) == 0
    clock.advance(timedelta(seconds=1))
    assert await run_reminders(database, clock, settings) == 1
    clock.advance(timedelta(days=1))
    assert await run_reminders(database, clock, settings) == 0

    [event] = await events_of_type(database, "survey.reminder_due")
    assert event.subject_id is not None
    assert str(event.subject_id) == created["id"]
    assert event.data["invitation"]["id"] == created["id"]
    assert event.data["customer"]["email"] == "ada@example.com"
    reminder_url = event.data["public_url"]
    assert reminder_url.startswith("http://127.0.0.1:8000/v1/public/surveys/")
    assert reminder_url != created["public_url"]
    stored = await stored_invitation(database, created["id"])
    assert (stored.reminder_due_at, stored.reminded_at) == (None, clock.now() - timedelta(days=1))
    # Both links open the survey; the reminder's answers it, and then neither does.
    for url in (created["public_url"], reminder_url):
        assert (await client.get(f"/v1/public/surveys/{token_of(url)}")).status_code == 200
    answered = await answer_survey(client, token_of(reminder_url), ANSWERS)
    assert answered.status_code == 201, answered.text
    again = await answer_survey(client, token_of(created["public_url"]), ANSWERS)
    assert again.status_code == 409


async def test_an_answered_invitation_gets_no_reminder(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database, clock: MutableClock, settings: Settings,
) -> None:
    created = await create_invitation(client, survey_headers, "support-csat")
    clock.advance(timedelta(days=1))
    assert (await answer_survey(client, created["token"], ANSWERS)).status_code == 201

    clock.advance(REMINDER_AFTER)
    await run_reminders(database, clock, settings)

    assert await events_of_type(database, "survey.reminder_due") == []
    assert (await stored_invitation(database, created["id"])).reminder_due_at is None


async def test_an_invitation_that_expired_before_the_job_ran_gets_no_reminder(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database, clock: MutableClock, settings: Settings,
) -> None:
    created = await create_invitation(client, survey_headers, "support-csat")
    clock.advance(timedelta(days=settings.survey_invitation_ttl_days))

    assert await run_reminders(database, clock, settings) == 1  # claimed and cleared

    assert await events_of_type(database, "survey.reminder_due") == []
    stored = await stored_invitation(database, created["id"])
    assert (stored.reminder_due_at, stored.reminded_at) == (None, None)


async def test_no_reminder_is_owed_when_the_link_expires_first_or_reminders_are_off(
    settings: Settings, database: Database, clock: MutableClock,
    survey_headers: dict[str, str], customer: Customer,
) -> None:
    variants = [
        {"survey_invitation_ttl_days": 3, "survey_reminder_after_days": 3},
        {"survey_reminder_after_days": 0},
    ]
    for update in variants:
        app: FastAPI = create_app(settings.model_copy(update=update), database=database,
                                  clock=clock)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            created = await create_invitation(client, survey_headers, "support-csat")
        assert created["reminder_due_at"] is None, update


async def test_workers_running_at_once_remind_each_invitation_exactly_once(
    client: httpx.AsyncClient, survey_headers: dict[str, str], database: Database,
    clock: MutableClock, settings: Settings,
) -> None:
    for number in range(40):
        await add_customer(database, f"cust-r{number}")
        await create_invitation(
            client, survey_headers, "support-csat", customer_external_ref=f"cust-r{number}"
        )
    clock.advance(REMINDER_AFTER)

    async def worker_with_batches_of_five() -> int:
        handled = 0
        while True:  # like the job runner: another batch at once after a full one
            async with database.sessionmaker() as session, session.begin():
                claimed = await record_due_reminders(
                    session, now=clock.now(), settings=settings, limit=5
                )
            handled += claimed
            if claimed < 5:
                return handled

    claimed = await asyncio.gather(*(worker_with_batches_of_five() for _ in range(6)))
    assert sum(claimed) == 40

    events = await events_of_type(database, "survey.reminder_due")
    reminded: list[Any] = sorted(event.data["invitation"]["id"] for event in events)
    assert len(reminded) == 40
    assert len(set(reminded)) == 40


def test_the_reminder_job_is_registered_only_when_reminders_are_on(settings: Settings) -> None:
    off = settings.model_copy(update={"survey_reminder_after_days": 0})
    assert "survey_reminders" in [job.name for job in jobs(settings)]
    assert "survey_reminders" not in [job.name for job in jobs(off)]
