import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from app.config import Settings
from app.kit.clock import SystemClock
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.models import Event, Ticket
from app.sla.tasks import sweep_sla_targets
from app.tickets.schemas import TicketOut
from app.tickets.service import get_ticket
from app.worker import default_jobs, new_worker
from tests.factories import (
    add_policy,
    events_of_type,
    locked_ticket,
    open_ticket,
    policy_target,
    set_status,
)
from tests.sla.support import one_target, targets_of
from tests.support.clock import MutableClock
from tests.support.waiting import eventually

MONDAY_9 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
H = timedelta(hours=1)
M = timedelta(minutes=1)
S = timedelta(seconds=1)


def context(database: Database, clock: MutableClock, settings: Settings) -> JobContext:
    return JobContext(database, clock, settings)


async def test_breach_is_emitted_once_with_its_payload(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    policy_id = await add_policy(database, MONDAY_9, targets={"first_response": policy_target(60)})
    ticket_id = await open_ticket(database, MONDAY_9)
    sweep = context(database, clock, settings)

    clock.set(MONDAY_9 + 59 * M)
    assert await sweep_sla_targets(sweep) == 0
    clock.set(MONDAY_9 + H + S)
    assert await sweep_sla_targets(sweep) == 1
    assert await sweep_sla_targets(sweep) == 0

    [event] = await events_of_type(database, "sla.breached")
    first = await one_target(database, ticket_id, "first_response")
    async with database.sessionmaker() as session:
        ticket = TicketOut.model_validate(await get_ticket(session, ticket_id))
    assert event.data == {
        "ticket": ticket.model_dump(mode="json"),
        "ticket_id": str(ticket_id), "ticket_number": ticket.number, "target_id": str(first.id),
        "metric": "first_response", "due_at": "2026-01-05T09:00:00Z",
        "breached_at": "2026-01-05T09:00:00Z", "policy_id": str(policy_id),
        "policy_name": "Standard",
    }
    assert (event.subject_type, event.subject_id, event.created_at) == (
        "ticket", ticket_id, MONDAY_9 + H + S,
    )
    assert (first.status, first.breached_at) == ("breached", MONDAY_9 + H)


async def test_warning_once_in_the_window_then_the_breach(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    await add_policy(database, MONDAY_9, targets={"first_response": policy_target(60, warn=15)})
    ticket_id = await open_ticket(database, MONDAY_9)
    sweep = context(database, clock, settings)

    clock.set(MONDAY_9 + 44 * M)
    await sweep_sla_targets(sweep)
    assert await events_of_type(database, "sla.warning") == []
    clock.set(MONDAY_9 + 45 * M)
    await sweep_sla_targets(sweep)
    clock.set(MONDAY_9 + 50 * M)
    await sweep_sla_targets(sweep)
    warnings = await events_of_type(database, "sla.warning")
    assert len(warnings) == 1
    warning = warnings[0].data
    assert (warning["ticket"]["id"], warning["ticket"]["status"], warning["metric"]) == (
        str(ticket_id), "new", "first_response",
    )
    assert (warning["due_at"], warning["breached_at"]) == ("2026-01-05T09:00:00Z", None)
    assert (await one_target(database, ticket_id, "first_response")).warned_at == MONDAY_9 + 45 * M

    clock.set(MONDAY_9 + 2 * H)
    await sweep_sla_targets(sweep)
    assert [e.type for e in await events_of_type(database, "sla.warning", "sla.breached")] == [
        "sla.warning", "sla.breached",
    ]


async def test_a_target_found_past_due_gets_no_late_warning(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    await add_policy(database, MONDAY_9, targets={"first_response": policy_target(60, warn=15)})
    await open_ticket(database, MONDAY_9)
    clock.set(MONDAY_9 + 3 * H)  # the worker was down through the whole warning window
    await sweep_sla_targets(context(database, clock, settings))
    assert [e.type for e in await events_of_type(database, "sla.warning", "sla.breached")] == [
        "sla.breached",
    ]


async def test_paused_and_met_targets_never_breach(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)
    await set_status(database, ticket_id, "pending", MONDAY_9 + M)
    clock.set(MONDAY_9 + 30 * H)
    assert await sweep_sla_targets(context(database, clock, settings)) == 0
    assert {t.status for t in await targets_of(database, ticket_id)} == {"paused"}


async def test_sweep_skips_a_ticket_a_request_holds_and_takes_it_next_tick(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    await add_policy(database, MONDAY_9, targets={"first_response": policy_target(60)})
    ticket_id = await open_ticket(database, MONDAY_9)
    clock.set(MONDAY_9 + 2 * H)
    sweep = context(database, clock, settings)
    async with locked_ticket(database, ticket_id):
        assert await asyncio.wait_for(sweep_sla_targets(sweep), timeout=5) == 0
    assert await sweep_sla_targets(sweep) == 1


async def test_breach_escalates_to_tier_two_once_when_the_policy_asks(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    await add_policy(
        database, MONDAY_9, escalate_on_breach=True,
        targets={"first_response": policy_target(60), "resolution": policy_target(60)},
    )
    ticket_id = await open_ticket(database, MONDAY_9)
    clock.set(MONDAY_9 + 2 * H)
    assert await sweep_sla_targets(context(database, clock, settings)) == 2

    async with database.sessionmaker() as session:
        ticket = await session.get(Ticket, ticket_id)
    assert ticket is not None
    assert (ticket.tier, ticket.escalated_at) == (2, MONDAY_9 + 2 * H)
    assert ticket.escalation_reason in ("SLA first_response breached", "SLA resolution breached")
    [escalated] = await events_of_type(database, "ticket.escalated")
    assert escalated.data["ticket"]["tier"] == 2
    assert escalated.data["from_tier"] == 1
    assert escalated.data["automatic"] is True
    assert escalated.subject_id == ticket_id


async def test_no_escalation_unless_the_policy_asks(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    await add_policy(database, MONDAY_9, targets={"first_response": policy_target(60)})
    ticket_id = await open_ticket(database, MONDAY_9)
    clock.set(MONDAY_9 + 2 * H)
    await sweep_sla_targets(context(database, clock, settings))
    async with database.sessionmaker() as session:
        assert await session.scalar(select(Ticket.tier).where(Ticket.id == ticket_id)) == 1
    assert await events_of_type(database, "ticket.escalated") == []


async def test_a_full_batch_reports_a_full_count_so_the_worker_runs_again(
    database: Database, settings: Settings, clock: MutableClock
) -> None:
    await add_policy(database, MONDAY_9, targets={"first_response": policy_target(60)})
    for _ in range(5):
        await open_ticket(database, MONDAY_9)
    clock.set(MONDAY_9 + 2 * H)
    small = context(database, clock, settings.model_copy(update={"sla_sweep_batch_size": 2}))
    assert [await sweep_sla_targets(small) for _ in range(4)] == [2, 2, 1, 0]


async def test_the_default_jobs_include_the_sweep_polling_at_its_period(settings: Settings) -> None:
    jobs = {job.name: job for job in default_jobs(settings)}
    assert set(jobs) == {
        "sla_sweep", "delivery_overdue_watch", "delivery_risk_watch", "auto_close_solved_tickets",
        "purge_idempotency_keys", "invite_solved_tickets", "survey_reminders",
        "deliver_webhooks", "fold_metric_rollups",
    }
    assert jobs["sla_sweep"].interval_seconds == settings.sla_sweep_poll_seconds
    assert jobs["sla_sweep"].batch_size == settings.sla_sweep_batch_size
    assert jobs["sla_sweep"].wake_on == ("aftercare_sla_deadlines",)


async def test_the_default_worker_breaches_a_deadline_long_before_its_poll(
    database: Database, settings: Settings
) -> None:
    """Real time on purpose: the worker as `aftercare worker` runs it, which sleeps until the
    deadline (tests/sla/test_sweep_schedule.py tests the schedule itself)."""
    assert settings.sla_sweep_poll_seconds == 10.0
    now = SystemClock().now()
    await add_policy(database, now, targets={"first_response": policy_target(1)})
    ticket_id = await open_ticket(database, now - timedelta(seconds=59.5))
    due_at = (await one_target(database, ticket_id, "first_response")).due_at

    stop = asyncio.Event()
    worker = new_worker(database, SystemClock(), settings)
    task = asyncio.create_task(worker.run(stop))
    try:
        committed_at = await _first_commit_of(database, "sla.breached", within_seconds=5)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=5)
    assert committed_at - due_at < timedelta(seconds=2)


async def _first_commit_of(
    database: Database, event_type: str, within_seconds: float
) -> datetime:
    """When an event of this type was first seen committed (database clock)."""
    seen_at: list[datetime] = []

    async def committed() -> bool:
        async with database.sessionmaker() as session:
            if await session.scalar(select(Event.id).where(Event.type == event_type)) is None:
                return False
            seen_at.append((await session.execute(text("SELECT clock_timestamp()"))).scalar_one())
            return True

    await eventually(
        committed, timeout=within_seconds, interval=0.02, what=f"a committed {event_type}"
    )
    return seen_at[0]
