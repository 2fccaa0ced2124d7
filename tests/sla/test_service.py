from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.kit.db import Database
from app.models import SlaTarget, Ticket
from app.sla import service
from app.sla.schemas import CalendarUpdate, PolicyUpdate
from app.sla.service import update_calendar, update_policy
from app.sla.types import TargetStatus
from tests.factories import (
    add_calendar,
    add_message,
    add_policy,
    change_ticket,
    events_of_type,
    locked_ticket,
    open_ticket,
    policy_target,
    set_status,
)
from tests.sla.support import one_target, snapshot_of, targets_of

MONDAY_9 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
H = timedelta(hours=1)
M = timedelta(minutes=1)


async def test_creation_applies_the_policy_and_starts_first_response_and_resolution(
    database: Database,
) -> None:
    policy_id = await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)

    targets: dict[str, SlaTarget] = {t.metric: t for t in await targets_of(database, ticket_id)}
    assert set(targets) == {"first_response", "resolution"}
    assert targets["first_response"].due_at == MONDAY_9 + H
    assert targets["resolution"].due_at == MONDAY_9 + 8 * H
    assert {t.status for t in targets.values()} == {"active"}
    assert targets["first_response"].policy_id == policy_id
    assert targets["first_response"].policy_name == "Standard"
    sla = await snapshot_of(database, ticket_id)
    assert (sla.policy_id, sla.policy_version, sla.calendar) == (policy_id, 1, None)


async def test_first_matching_policy_by_position_wins(database: Database) -> None:
    await add_policy(database, MONDAY_9, name="Catch-all", position=1000)
    await add_policy(
        database, MONDAY_9, name="VIP", position=10, conditions={"tags": ["vip"]},
        targets={"first_response": policy_target(15)},
    )
    await add_policy(
        database, MONDAY_9, name="Urgent", position=20, conditions={"priorities": ["urgent"]},
        targets={"first_response": policy_target(30)},
    )

    vip_and_urgent = await open_ticket(database, MONDAY_9, tags=["vip"], priority="urgent")
    urgent = await open_ticket(database, MONDAY_9, priority="urgent")
    plain = await open_ticket(database, MONDAY_9)

    assert (await snapshot_of(database, vip_and_urgent)).policy_name == "VIP"
    vip_first = await one_target(database, vip_and_urgent, "first_response")
    assert vip_first.due_at == MONDAY_9 + 15 * M
    assert (await snapshot_of(database, urgent)).policy_name == "Urgent"
    assert (await snapshot_of(database, plain)).policy_name == "Catch-all"


async def test_no_matching_policy_means_no_targets(database: Database) -> None:
    await add_policy(database, MONDAY_9, conditions={"channels": ["phone"]})
    ticket_id = await open_ticket(database, MONDAY_9, channel="email")
    assert await targets_of(database, ticket_id) == []
    assert (await snapshot_of(database, ticket_id)).policy_id is None


async def test_business_hours_target_uses_the_policy_calendar(database: Database) -> None:
    calendar_id = await add_calendar(database, MONDAY_9)
    await add_policy(
        database, MONDAY_9, calendar_id=calendar_id,
        targets={"first_response": policy_target(120, business_hours=True)},
    )
    friday_16 = datetime(2026, 1, 9, 15, 0, tzinfo=UTC)
    ticket_id = await open_ticket(database, friday_16)
    first = await one_target(database, ticket_id, "first_response")
    assert first.due_at == datetime(2026, 1, 12, 9, 0, tzinfo=UTC)  # Monday 10:00 Berlin


async def test_public_agent_reply_meets_first_response_private_note_does_not(
    database: Database,
) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)

    await add_message(database, ticket_id, MONDAY_9 + 10 * M, "agent", public=False)
    assert (await one_target(database, ticket_id, "first_response")).status == "active"

    await add_message(database, ticket_id, MONDAY_9 + 20 * M, "agent")
    first = await one_target(database, ticket_id, "first_response")
    assert (first.status, first.met_at) == ("met", MONDAY_9 + 20 * M)
    assert (await one_target(database, ticket_id, "resolution")).status == "active"


async def test_customer_waiting_after_an_answer_gets_one_next_response_at_a_time(
    database: Database,
) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)
    await add_message(database, ticket_id, MONDAY_9, "customer")  # before any answer
    metrics: list[str] = [t.metric for t in await targets_of(database, ticket_id)]
    assert metrics.count("next_response") == 0

    await add_message(database, ticket_id, MONDAY_9 + 5 * M, "agent")
    await add_message(database, ticket_id, MONDAY_9 + H, "customer")
    await add_message(database, ticket_id, MONDAY_9 + H + 10 * M, "customer")
    waiting = await one_target(database, ticket_id, "next_response")
    assert (waiting.status, waiting.due_at) == ("active", MONDAY_9 + H + 30 * M)

    await add_message(database, ticket_id, MONDAY_9 + H + 20 * M, "agent")
    answered = await one_target(database, ticket_id, "next_response")
    assert (answered.status, answered.met_at) == ("met", MONDAY_9 + H + 20 * M)

    await add_message(database, ticket_id, MONDAY_9 + 4 * H, "customer")
    next_responses = [t for t in await targets_of(database, ticket_id)
                      if t.metric == "next_response"]
    assert [t.status for t in next_responses] == ["met", "active"]


async def test_late_answer_before_the_sweep_is_a_breach_with_its_event(
    database: Database,
) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)
    await add_message(database, ticket_id, MONDAY_9 + 61 * M, "agent")

    first = await one_target(database, ticket_id, "first_response")
    assert (first.status, first.breached_at, first.met_at) == ("breached", MONDAY_9 + H, None)
    [event] = await events_of_type(database, "sla.breached")
    assert event.data["target_id"] == str(first.id)
    assert event.data["metric"] == "first_response"
    assert event.subject_id == ticket_id


async def test_solving_meets_resolution_and_stops_the_others(database: Database) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)
    await set_status(database, ticket_id, "solved", MONDAY_9 + H)

    by_metric: dict[str, SlaTarget] = {t.metric: t for t in await targets_of(database, ticket_id)}
    assert (by_metric["resolution"].status, by_metric["resolution"].met_at) == (
        "met", MONDAY_9 + H,
    )
    assert (by_metric["first_response"].status, by_metric["first_response"].stopped_at) == (
        "stopped", MONDAY_9 + H,
    )


async def test_reopening_starts_a_new_resolution_target(database: Database) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)
    await add_message(database, ticket_id, MONDAY_9 + M, "agent")
    await set_status(database, ticket_id, "solved", MONDAY_9 + H)

    reopened_at = MONDAY_9 + 2 * H
    await add_message(database, ticket_id, reopened_at, "customer")

    resolutions = [t for t in await targets_of(database, ticket_id) if t.metric == "resolution"]
    assert [t.status for t in resolutions] == ["met", "active"]
    assert resolutions[1].started_at == reopened_at
    assert resolutions[1].due_at == reopened_at + 8 * H
    assert (await one_target(database, ticket_id, "next_response")).status == "active"


async def test_pause_and_resume_moves_due_by_the_business_time_paused(
    database: Database,
) -> None:
    calendar_id = await add_calendar(database, MONDAY_9)
    await add_policy(
        database, MONDAY_9, calendar_id=calendar_id,
        targets={"resolution": policy_target(240, warn=60, business_hours=True)},
    )
    ticket_id = await open_ticket(database, MONDAY_9)  # due 14:00 Berlin (lunch break)
    assert (await one_target(database, ticket_id, "resolution")).due_at == MONDAY_9 + 5 * H

    # Pending from Monday 16:00 to Tuesday 10:00 Berlin: 2 business hours paused.
    await set_status(database, ticket_id, "pending", MONDAY_9 + 7 * H)
    paused = await one_target(database, ticket_id, "resolution")
    assert (paused.status, paused.paused_at) == ("paused", MONDAY_9 + 7 * H)
    await set_status(database, ticket_id, "on_hold", MONDAY_9 + 8 * H)  # still paused

    await set_status(database, ticket_id, "open", MONDAY_9 + 25 * H)
    resumed = await one_target(database, ticket_id, "resolution")
    assert resumed.status == "active"
    assert resumed.paused_for == 2 * H
    assert resumed.due_at == MONDAY_9 + 5 * H + 2 * H  # Monday 16:00 Berlin
    assert resumed.warn_at == MONDAY_9 + 5 * H + H  # 1 business hour before


async def test_policy_without_pause_statuses_keeps_counting(database: Database) -> None:
    await add_policy(database, MONDAY_9, pause_statuses=[])
    ticket_id = await open_ticket(database, MONDAY_9)
    await set_status(database, ticket_id, "pending", MONDAY_9 + M)
    assert {t.status for t in await targets_of(database, ticket_id)} == {"active"}


async def test_ticket_created_in_a_pause_status_starts_paused(database: Database) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9, status="pending")
    assert {t.status for t in await targets_of(database, ticket_id)} == {"paused"}
    await set_status(database, ticket_id, "open", MONDAY_9 + 3 * H)
    first = await one_target(database, ticket_id, "first_response")
    assert first.due_at == MONDAY_9 + 4 * H


async def test_priority_change_applies_the_matching_policy_from_the_original_start(
    database: Database,
) -> None:
    await add_policy(database, MONDAY_9, name="Standard", position=100)
    await add_policy(
        database, MONDAY_9, name="Urgent", position=10, conditions={"priorities": ["urgent"]},
        targets={"first_response": policy_target(15), "resolution": policy_target(120)},
    )
    ticket_id = await open_ticket(database, MONDAY_9)
    await change_ticket(database, ticket_id, MONDAY_9 + 5 * M, priority="urgent")

    by_metric: dict[str, SlaTarget] = {t.metric: t for t in await targets_of(database, ticket_id)}
    assert by_metric["first_response"].due_at == MONDAY_9 + 15 * M
    assert by_metric["resolution"].due_at == MONDAY_9 + 2 * H
    assert by_metric["first_response"].policy_name == "Urgent"
    assert (await snapshot_of(database, ticket_id)).policy_name == "Urgent"


async def test_re_evaluation_leaves_finished_targets_and_stops_unpromised_ones(
    database: Database,
) -> None:
    await add_policy(database, MONDAY_9, name="Standard", position=100)
    await add_policy(
        database, MONDAY_9, name="Chat", position=10, conditions={"channels": ["chat"]},
        targets={"resolution": policy_target(60)},
    )
    ticket_id = await open_ticket(database, MONDAY_9)
    await add_message(database, ticket_id, MONDAY_9 + 5 * M, "agent")
    await add_message(database, ticket_id, MONDAY_9 + 6 * M, "customer")

    await change_ticket(database, ticket_id, MONDAY_9 + 10 * M, channel="chat")

    by_metric: dict[str, SlaTarget] = {t.metric: t for t in await targets_of(database, ticket_id)}
    assert (by_metric["first_response"].status, by_metric["first_response"].policy_name) == (
        "met", "Standard",
    )
    assert by_metric["next_response"].status == "stopped"
    assert by_metric["resolution"].due_at == MONDAY_9 + H


async def test_new_policy_adds_targets_the_old_one_did_not_promise(database: Database) -> None:
    await add_policy(database, MONDAY_9, position=100, targets={"resolution": policy_target(480)})
    await add_policy(
        database, MONDAY_9, name="VIP", position=10, conditions={"tags": ["vip"]},
        targets={"first_response": policy_target(30), "resolution": policy_target(240)},
    )
    ticket_id = await open_ticket(database, MONDAY_9)
    await change_ticket(database, ticket_id, MONDAY_9 + 10 * M, tags=["vip"])
    first = await one_target(database, ticket_id, "first_response")
    assert (first.started_at, first.due_at) == (MONDAY_9, MONDAY_9 + 30 * M)


async def test_changing_an_attribute_no_policy_looks_at_changes_nothing(
    database: Database,
) -> None:
    await add_policy(database, MONDAY_9)
    ticket_id = await open_ticket(database, MONDAY_9)
    before = await snapshot_of(database, ticket_id)
    async with locked_ticket(database, ticket_id) as (session, ticket):
        await service.on_attributes_changed(session, ticket, {"assignee"}, MONDAY_9 + H)
    await change_ticket(database, ticket_id, MONDAY_9 + H, tags=["nothing-matches-this"])
    assert (await snapshot_of(database, ticket_id)).applied_at == before.applied_at


async def test_editing_a_policy_or_calendar_never_rewrites_a_tickets_deadlines(
    database: Database,
) -> None:
    calendar_id = await add_calendar(database, MONDAY_9)
    policy_id = await add_policy(
        database, MONDAY_9, calendar_id=calendar_id,
        targets={"first_response": policy_target(120, business_hours=True)},
    )
    ticket_id = await open_ticket(database, MONDAY_9)
    before = await one_target(database, ticket_id, "first_response")

    async with database.sessionmaker() as session, session.begin():
        await update_policy(session, policy_id, PolicyUpdate.model_validate(
            {"targets": {"first_response": policy_target(5)}}), MONDAY_9 + M)
        await update_calendar(session, calendar_id, CalendarUpdate.model_validate(
            {"weekly_hours": {"sat": [["10:00", "11:00"]]}}), MONDAY_9 + M)

    after = await one_target(database, ticket_id, "first_response")
    assert (after.due_at, after.target) == (before.due_at, 2 * H)
    sla = await snapshot_of(database, ticket_id)
    assert sla.policy_version == 1
    assert sla.calendar is not None
    assert "sat" not in sla.calendar["weekly_hours"]


async def test_expectations_show_what_the_customer_can_expect(database: Database) -> None:
    await add_policy(
        database, MONDAY_9,
        targets={
            "first_response": policy_target(60, warn=15),
            "resolution": policy_target(480, warn=60),
        },
    )
    ticket_id = await open_ticket(database, MONDAY_9)

    async def expect(now: datetime) -> dict[str, object]:
        async with locked_ticket(database, ticket_id) as (session, ticket):
            return (await service.expectations(session, ticket, now)).model_dump()

    fresh = await expect(MONDAY_9 + 10 * M)
    assert fresh["policy_name"] == "Standard"
    assert fresh["first_response"] == {
        "status": "on_track", "due_at": MONDAY_9 + H, "met_at": None, "breached_at": None,
    }
    assert fresh["next_response"] is None
    assert (await expect(MONDAY_9 + 50 * M))["first_response"]["status"] == "at_risk"  # type: ignore[index]
    late = (await expect(MONDAY_9 + 61 * M))["first_response"]
    assert late == {"status": "breached", "due_at": MONDAY_9 + H, "met_at": None,
                    "breached_at": MONDAY_9 + H}

    await add_message(database, ticket_id, MONDAY_9 + 70 * M, "agent")  # before the sweep ran
    answered_late = (await expect(MONDAY_9 + 75 * M))["first_response"]
    assert answered_late["status"] == "breached"  # type: ignore[index]
    assert answered_late["met_at"] is None  # type: ignore[index]
    await set_status(database, ticket_id, "pending", MONDAY_9 + 80 * M)
    waiting = await expect(MONDAY_9 + 90 * M)
    assert waiting["resolution"] == {
        "status": "paused", "due_at": None, "met_at": None, "breached_at": None,
    }
    await set_status(database, ticket_id, "solved", MONDAY_9 + 2 * H)
    solved = await expect(MONDAY_9 + 3 * H)
    assert solved["resolution"]["status"] == "met"  # type: ignore[index]
    assert solved["resolution"]["met_at"] == MONDAY_9 + 2 * H  # type: ignore[index]


async def test_breached_filter_selects_tickets_with_a_breached_target(
    database: Database,
) -> None:
    await add_policy(database, MONDAY_9)
    on_time = await open_ticket(database, MONDAY_9)
    late = await open_ticket(database, MONDAY_9)
    async with database.sessionmaker() as session, session.begin():
        for sla_target in await targets_of(database, late):
            if sla_target.metric == "first_response":
                sla_target.status = TargetStatus.BREACHED
                await session.merge(sla_target)

    async with database.sessionmaker() as session:
        breached = (await session.scalars(
            select(Ticket.id).where(service.breached_filter(True)))).all()
        not_breached = (await session.scalars(
            select(Ticket.id).where(service.breached_filter(False)))).all()
    assert list(breached) == [late]
    assert list(not_breached) == [on_time]
