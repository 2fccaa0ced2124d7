"""Tickets driven through the SLA service the way the tickets service drives them."""

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.db import Database
from app.models import Customer, Event, SlaPolicy, SlaTarget, Ticket, TicketSla
from app.sla import service
from app.sla.schemas import CalendarCreate, PolicyCreate
from app.sla.service import create_calendar, create_policy
from app.tickets.vocabulary import AuthorType, TicketStatus

BERLIN_OFFICE = {
    "name": "Berlin office",
    "timezone": "Europe/Berlin",
    "weekly_hours": {
        day: [["09:00", "12:00"], ["13:00", "17:00"]]
        for day in ("mon", "tue", "wed", "thu", "fri")
    },
    "holidays": ["2026-12-25"],
}


def target(minutes: int, warn: int = 0, business_hours: bool = False) -> dict[str, Any]:
    return {
        "target_minutes": minutes, "warn_before_minutes": warn, "business_hours": business_hours
    }


async def add_calendar(database: Database, now: datetime, **overrides: Any) -> uuid.UUID:
    async with database.sessionmaker() as session, session.begin():
        body = CalendarCreate.model_validate({**BERLIN_OFFICE, **overrides})
        return (await create_calendar(session, body, now)).id


async def add_policy(database: Database, now: datetime, **fields: Any) -> uuid.UUID:
    fields.setdefault("name", "Standard")
    fields.setdefault(
        "targets",
        {"first_response": target(60), "next_response": target(30), "resolution": target(480)},
    )
    async with database.sessionmaker() as session, session.begin():
        return (await create_policy(session, PolicyCreate.model_validate(fields), now)).id


async def create_ticket(database: Database, now: datetime, **attributes: Any) -> uuid.UUID:
    async with database.sessionmaker() as session, session.begin():
        customer = Customer(external_ref=f"cust-{uuid.uuid4()}")
        session.add(customer)
        await session.flush()
        ticket = Ticket(
            subject="Where is my parcel?", status="new", priority="normal", channel="email",
            tier=1, tags=[], customer_id=customer.id, created_at=now, updated_at=now,
        )
        for name, value in attributes.items():
            setattr(ticket, name, value)
        session.add(ticket)
        await session.flush()
        await service.on_ticket_created(session, ticket, now)
        return ticket.id


@asynccontextmanager
async def locked_ticket(
    database: Database, ticket_id: uuid.UUID
) -> AsyncIterator[tuple[AsyncSession, Ticket]]:
    async with database.sessionmaker() as session, session.begin():
        ticket = await session.scalar(
            select(Ticket).where(Ticket.id == ticket_id).with_for_update()
        )
        assert ticket is not None
        yield session, ticket


async def add_message(
    database: Database,
    ticket_id: uuid.UUID,
    now: datetime,
    author_type: Literal["customer", "agent"],
    *,
    public: bool = True,
) -> None:
    """As the tickets service: the first public agent reply opens a new ticket, a customer
    message reopens a solved one; then the SLA service, message first."""
    async with locked_ticket(database, ticket_id) as (session, ticket):
        old_status = ticket.status
        if author_type == "agent" and public:
            ticket.first_responded_at = ticket.first_responded_at or now
            ticket.public_agent_reply_count += 1
            if ticket.status == TicketStatus.NEW:
                ticket.status = TicketStatus.OPEN
        if author_type == "customer" and ticket.status == TicketStatus.SOLVED:
            ticket.status = TicketStatus.OPEN
            ticket.reopen_count += 1
            ticket.last_reopened_at = now
        await service.on_message_added(
            session, ticket, author_type=AuthorType(author_type), public=public, now=now
        )
        if ticket.status != old_status:
            await service.on_status_changed(session, ticket, old_status, now)


async def set_status(database: Database, ticket_id: uuid.UUID, status: str, now: datetime) -> None:
    async with locked_ticket(database, ticket_id) as (session, ticket):
        old_status, ticket.status = ticket.status, TicketStatus(status)
        if status == "solved":
            ticket.solved_at = now
            ticket.first_solved_at = ticket.first_solved_at or now
        if old_status == "solved" and status not in ("solved", "closed"):
            ticket.reopen_count += 1
            ticket.last_reopened_at = now
        await service.on_status_changed(session, ticket, old_status, now)


async def change(database: Database, ticket_id: uuid.UUID, now: datetime, **values: Any) -> None:
    async with locked_ticket(database, ticket_id) as (session, ticket):
        for name, value in values.items():
            setattr(ticket, name, value)
        await service.on_attributes_changed(session, ticket, set(values), now)


async def targets_of(database: Database, ticket_id: uuid.UUID) -> list[SlaTarget]:
    async with database.sessionmaker() as session:
        statement = (
            select(SlaTarget)
            .where(SlaTarget.ticket_id == ticket_id)
            .order_by(SlaTarget.started_at, SlaTarget.metric)
        )
        return list((await session.scalars(statement)).all())


async def one_target(database: Database, ticket_id: uuid.UUID, metric: str) -> SlaTarget:
    matching = [t for t in await targets_of(database, ticket_id) if t.metric == metric]
    assert len(matching) == 1, matching
    return matching[0]


async def snapshot_of(database: Database, ticket_id: uuid.UUID) -> TicketSla:
    async with database.sessionmaker() as session:
        sla = await session.get(TicketSla, ticket_id)
    assert sla is not None
    return sla


async def events_of_type(database: Database, *types: str) -> Sequence[Event]:
    async with database.sessionmaker() as session:
        statement = select(Event).where(Event.type.in_(types)).order_by(Event.created_at, Event.id)
        return (await session.scalars(statement)).all()


async def policy_row(database: Database, policy_id: uuid.UUID) -> SlaPolicy:
    async with database.sessionmaker() as session:
        policy = await session.get(SlaPolicy, policy_id)
    assert policy is not None
    return policy


async def seed_due_targets(database: Database, count: int, due_at: datetime) -> None:
    """`count` open tickets, each with one active first-response target due at `due_at`."""
    start = due_at - timedelta(hours=1)
    statements = [
        "INSERT INTO customers (id, external_ref) VALUES (gen_random_uuid(), 'bulk')",
        "INSERT INTO tickets (id, subject, status, priority, channel, tier, customer_id, tags,"
        " public_agent_reply_count, reopen_count, created_at, updated_at)"
        " SELECT gen_random_uuid(), 'bulk ' || n, 'open', 'normal', 'email', 1,"
        " (SELECT id FROM customers WHERE external_ref = 'bulk'), '{}', 0, 0, :start, :start"
        " FROM generate_series(1, :n) AS n",
        "INSERT INTO ticket_slas (ticket_id, targets, pause_statuses, escalate_on_breach,"
        " applied_at) SELECT id, '{}', '{}', false, :start FROM tickets",
        "INSERT INTO sla_targets (id, ticket_id, metric, status, target, warn_before,"
        " business_hours, started_at, due_at, warn_at, paused_for, created_at)"
        " SELECT gen_random_uuid(), id, 'first_response', 'active', interval '1 hour',"
        " interval '0', false, :start, :due, :due, interval '0', :start FROM tickets",
    ]
    params = {"n": count, "start": start, "due": due_at}
    async with database.sessionmaker() as session, session.begin():
        for statement in statements:
            await session.execute(text(statement), params)
