"""Builders of what tests need: customers, orders, tickets, messages, feedback, survey
invitations and answers, SLA calendars, policies and targets, webhook endpoints and events.

- `*_body(**overrides)`: a valid request body.
- `create_*(client, headers, ...)`: through the API, asserting it succeeded; returns the JSON.
  `post_*` and `answer_survey` return the response unchecked, for tests of what it says.
- `add_*(db, ...)`: rows written directly, for speed, many rows or timestamps in the past.
  `db` is a `Database` (a transaction of its own, committed on return) or the caller's
  `AsyncSession` (to build many rows in one transaction).
- `open_ticket`, `add_message`, `set_status`, `change_ticket`: a ticket driven through the SLA
  service the way the tickets service drives it, without HTTP.
"""

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, TypeVar

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.service import record_event, record_events
from app.events.types import EventData, EventType, NewEvent
from app.kit.db import Database
from app.kit.ids import uuid7
from app.models import (
    Customer,
    Event,
    Order,
    SlaTarget,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    SurveyTemplate,
    Ticket,
)
from app.sla import service as sla
from app.sla.schemas import CalendarCreate, PolicyCreate
from app.tickets import service as tickets
from app.tickets.vocabulary import AuthorType, TicketStatus
from app.webhooks.schemas import WebhookEndpointDisabledData
from tests.support.receiver import Receiver

CUSTOMER = {"external_ref": "cust-1", "email": "ada@example.com", "name": "Ada"}
BERLIN_OFFICE = {
    "name": "Berlin office",
    "timezone": "Europe/Berlin",
    "weekly_hours": {
        day: [["09:00", "12:00"], ["13:00", "17:00"]]
        for day in ("mon", "tue", "wed", "thu", "fri")
    },
    "holidays": ["2026-12-25"],
}


# --- over HTTP -----------------------------------------------------------------------------------


def ticket_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "subject": "Where is my parcel?",
        "description": "I ordered a week ago and nothing arrived.",
        "channel": "email",
        "customer": dict(CUSTOMER),
    }
    body.update(overrides)
    return body


def order_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "customer": dict(CUSTOMER),
        "placed_at": "2026-11-01T10:00:00Z",
        "amount": "49.90",
        "currency": "EUR",
        "promised_delivery_at": "2026-11-05T18:00:00Z",
    }
    body.update(overrides)
    return body


def policy_target(minutes: int, warn: int = 0, business_hours: bool = False) -> dict[str, Any]:
    """One target of an SLA policy body."""
    return {
        "target_minutes": minutes, "warn_before_minutes": warn, "business_hours": business_hours
    }


def _created(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def create_ticket(
    client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    response = await client.post("/v1/tickets", json=ticket_body(**overrides), headers=headers)
    return _created(response)


async def create_order(
    client: httpx.AsyncClient, headers: dict[str, str], external_ref: str = "ord-1",
    **overrides: Any,
) -> dict[str, Any]:
    """A new order with this reference (the PUT that would update an existing one)."""
    response = await client.put(
        f"/v1/orders/{external_ref}", json=order_body(**overrides), headers=headers
    )
    return _created(response)


async def post_message(
    client: httpx.AsyncClient, headers: dict[str, str], ticket: dict[str, Any], **body: Any
) -> httpx.Response:
    """A public agent reply unless `body` says otherwise."""
    payload = {"author_type": "agent", "body": "On its way!", **body}
    return await client.post(f"/v1/tickets/{ticket['id']}/messages", json=payload, headers=headers)


async def create_feedback(
    client: httpx.AsyncClient, headers: dict[str, str], **fields: Any
) -> dict[str, Any]:
    body = {"source": "review", "text": "Parcel arrived late.", **fields}
    return _created(await client.post("/v1/feedback", json=body, headers=headers))


def article_body(**overrides: Any) -> dict[str, Any]:
    return {
        "locale": "en",
        "title": "Where is my parcel?",
        "body": "Track it with the **link** in your shipping email.",
        **overrides,
    }


async def create_article(
    client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    return _created(
        await client.post("/v1/articles", json=article_body(**overrides), headers=headers)
    )


async def create_invitation(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    template: str = "post-purchase",
    **fields: Any,
) -> dict[str, Any]:
    """A survey invitation for customer cust-1 unless `fields` names another; with its token.
    It overrides the fatigue limit (tests/surveys/test_fatigue.py tests it) unless told not to."""
    body = {
        "template": template, "customer_external_ref": "cust-1", "override_fatigue": True,
        **fields,
    }
    return _created(await client.post("/v1/survey-invitations", json=body, headers=headers))


async def answer_survey(
    client: httpx.AsyncClient, token: str, answers: dict[str, Any]
) -> httpx.Response:
    return await client.post(f"/v1/public/surveys/{token}/responses", json={"answers": answers})


async def create_endpoint(
    client: httpx.AsyncClient, headers: dict[str, str], url: str, **fields: Any
) -> dict[str, Any]:
    """A webhook endpoint for `url`; the JSON includes its secret."""
    response = await client.post(
        "/v1/webhook-endpoints", headers=headers, json={"url": url, **fields}
    )
    return _created(response)


async def receiver_endpoint(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    receiver: Receiver,
    path: str,
    **fields: Any,
) -> dict[str, Any]:
    """An endpoint for the receiver's path; the receiver verifies with its secret."""
    endpoint = await create_endpoint(client, headers, receiver.url(path), **fields)
    receiver.route(path).secrets = [endpoint["secret"]]
    return endpoint


# --- in the database -----------------------------------------------------------------------------


Db = Database | AsyncSession
RowT = TypeVar("RowT")


@asynccontextmanager
async def _writing(db: Db) -> AsyncIterator[AsyncSession]:
    """The caller's session, or a transaction of its own, committed on exit."""
    if isinstance(db, AsyncSession):
        yield db
        return
    async with db.sessionmaker() as session, session.begin():
        yield session


async def _added(db: Db, row: RowT) -> RowT:
    async with _writing(db) as session:
        session.add(row)
        await session.flush()
    return row


async def add_customer(
    db: Db,
    external_ref: str = "cust-1",
    *,
    email: str | None = "ada@example.com",
    name: str | None = "Ada Lovelace",
) -> Customer:
    return await _added(db, Customer(external_ref=external_ref, email=email, name=name))


async def add_order(
    db: Db,
    customer: Customer,
    external_ref: str,
    placed_at: datetime = datetime(2026, 11, 1, tzinfo=UTC),
    *,
    status: str = "placed",
    **fields: Any,
) -> Order:
    """An order recorded when it was placed."""
    return await _added(db, Order(
        external_ref=external_ref, customer_id=customer.id, status=status, placed_at=placed_at,
        amount=Decimal("42.00"), currency="EUR", created_at=placed_at, updated_at=placed_at,
        **fields,
    ))


async def add_deliveries(
    db: Db,
    customer: Customer,
    lane: tuple[str, str, str],
    shipped_at: datetime,
    transit: Sequence[timedelta],
    *,
    prefix: str = "hist",
    region: str | None = None,
) -> None:
    """Delivered orders on one (carrier, service level, destination) lane, in `region` of the
    destination when given, all shipped at `shipped_at`, one per transit time: a history whose
    quantiles a test knows."""
    carrier, service_level, country = lane
    place = country if region is None else f"{country}-{region}"
    async with _writing(db) as session:
        session.add_all(
            Order(
                external_ref=f"{prefix}-{carrier}-{service_level}-{place}-{index}",
                customer_id=customer.id, status="delivered", placed_at=shipped_at,
                amount=Decimal("42.00"), currency="EUR", created_at=shipped_at,
                updated_at=shipped_at, carrier=carrier, service_level=service_level,
                destination_country=country, destination_region=region,
                shipped_at=shipped_at, delivered_at=shipped_at + took,
            )
            for index, took in enumerate(transit)
        )


async def add_ticket(
    db: Db,
    customer: Customer | None = None,
    created_at: datetime | None = None,
    *,
    order: Order | None = None,
    **fields: Any,
) -> Ticket:
    """An open ticket (a customer of its own unless given; created now unless `created_at`).
    A `solved_at` is also the first solve unless `first_solved_at` says otherwise."""
    values: dict[str, Any] = {
        "subject": "Where is my parcel?", "status": "open", "priority": "normal",
        "channel": "email", "tier": 1, "tags": [], "public_agent_reply_count": 0,
        "reopen_count": 0, "order_id": order.id if order else None,
    }
    if created_at is not None:
        values.update(created_at=created_at, updated_at=created_at)
    if "solved_at" in fields:
        values["first_solved_at"] = fields["solved_at"]
    values.update(fields)
    async with _writing(db) as session:
        if customer is None:
            customer = await add_customer(session, f"cust-{uuid.uuid4()}")
        return await _added(session, Ticket(customer_id=customer.id, **values))


async def add_invitation(
    db: Db,
    customer: Customer,
    created_at: datetime,
    *,
    ticket_id: uuid.UUID | None = None,
    responded_at: datetime | None = None,
) -> SurveyInvitation:
    """A post-purchase survey invitation made at `created_at`, valid 28 days."""
    async with _writing(db) as session:
        template_id = await session.scalar(
            select(SurveyTemplate.id).where(SurveyTemplate.slug == "post-purchase")
        )
        return await _added(session, SurveyInvitation(
            template_id=template_id, token_hash=uuid7().hex * 2, customer_id=customer.id,
            ticket_id=ticket_id, trigger="api", created_at=created_at,
            expires_at=created_at + timedelta(days=28), responded_at=responded_at,
        ))


async def add_survey_answer(
    db: Db,
    customer: Customer,
    answered_at: datetime,
    counts_as: Literal["csat", "nps", "expectations_met"],
    value: int,
    *,
    ticket_id: uuid.UUID | None = None,
) -> None:
    """An answered invitation whose response has one answer counted as `counts_as`."""
    question_type = {"csat": "csat", "nps": "nps", "expectations_met": "yes_no"}[counts_as]
    async with _writing(db) as session:
        invitation = await add_invitation(
            session, customer, answered_at, ticket_id=ticket_id, responded_at=answered_at
        )
        response = await _added(session, SurveyResponse(
            invitation_id=invitation.id, template_id=invitation.template_id,
            customer_id=customer.id, ticket_id=ticket_id, created_at=answered_at,
        ))
        await _added(session, SurveyAnswer(
            response_id=response.id, question_key=counts_as, position=1,
            question_type=question_type, counts_as=counts_as, numeric_value=value,
            answered_at=answered_at,
        ))


async def add_sla_target(
    db: Db,
    ticket: Ticket,
    metric: str,
    status: str,
    due_at: datetime,
    target: timedelta,
) -> SlaTarget:
    """A target started `target` before `due_at`; met a minute early or breached on time."""
    return await _added(db, SlaTarget(
        ticket_id=ticket.id, metric=metric, status=status, policy_name="p", target=target,
        warn_before=timedelta(0), business_hours=False, started_at=due_at - target,
        due_at=due_at, warn_at=due_at, paused_for=timedelta(0),
        met_at=due_at - timedelta(minutes=1) if status == "met" else None,
        breached_at=due_at if status == "breached" else None,
    ))


async def seed_due_targets(database: Database, count: int, due_at: datetime) -> None:
    """`count` open tickets, each with one active first-response target due at `due_at`; in
    plain SQL, for thousands."""
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
    async with _writing(database) as session:
        for statement in statements:
            await session.execute(text(statement), params)


async def add_calendar(database: Database, now: datetime, **overrides: Any) -> uuid.UUID:
    """The Berlin office calendar, through the SLA service."""
    async with _writing(database) as session:
        body = CalendarCreate.model_validate({**BERLIN_OFFICE, **overrides})
        return (await sla.create_calendar(session, body, now)).id


async def add_policy(database: Database, now: datetime, **fields: Any) -> uuid.UUID:
    """A policy through the SLA service: 'Standard', 1 h first and 30 min next response, 8 h
    resolution, unless `fields` say otherwise."""
    fields.setdefault("name", "Standard")
    fields.setdefault("targets", {
        "first_response": policy_target(60),
        "next_response": policy_target(30),
        "resolution": policy_target(480),
    })
    async with _writing(database) as session:
        return (await sla.create_policy(session, PolicyCreate.model_validate(fields), now)).id


def raw_event(
    event_type: EventType | str, data: dict[str, Any], *, now: datetime
) -> NewEvent:
    """An event with any data, for tests of the outbox and of delivery, which send what was
    stored; the typed payloads have tests/events/test_catalogue.py."""
    return NewEvent(
        id=uuid7(), type=EventType(event_type), created_at=now, data=json.dumps(data),
        subject_type=None, subject_id=None, actor_api_key_id=None, traceparent=None,
    )


async def add_event(
    database: Database, event_type: EventType | str, data: dict[str, Any] | None = None, *,
    now: datetime,
) -> uuid.UUID:
    """A `raw_event` recorded as a domain records one (its webhook deliveries included); its
    data `{"n": 1}` unless given."""
    async with _writing(database) as session:
        event = raw_event(event_type, data or {"n": 1}, now=now)
        await record_events(session, [event])
        return event.id


async def add_typed_event(database: Database, data: EventData, *, now: datetime) -> uuid.UUID:
    """An event recorded with a typed payload, as the domains record them."""
    async with _writing(database) as session:
        return (await record_event(session, data, now=now)).id


def endpoint_disabled(reason: str = "gone") -> WebhookEndpointDisabledData:
    """The simplest typed payload, for tests of the events API."""
    return WebhookEndpointDisabledData(
        endpoint_id=uuid7(), url="https://hooks.example.com/in", reason=reason
    )


async def events_of_type(database: Database, *types: str) -> Sequence[Event]:
    """The recorded events of these types, oldest first."""
    async with database.sessionmaker() as session:
        statement = select(Event).where(Event.type.in_(types)).order_by(Event.created_at, Event.id)
        return (await session.scalars(statement)).all()


# --- a ticket's life through the SLA service ----------------------------------------------------


async def open_ticket(database: Database, now: datetime, **fields: Any) -> uuid.UUID:
    """A new ticket (unless `fields` give a status) created at `now`, with the matching SLA
    policy applied."""
    fields.setdefault("status", "new")
    async with _writing(database) as session:
        ticket = await add_ticket(session, created_at=now, **fields)
        await sla.on_ticket_created(session, ticket, now)
        return ticket.id


@asynccontextmanager
async def locked_ticket(
    database: Database, ticket_id: uuid.UUID
) -> AsyncIterator[tuple[AsyncSession, Ticket]]:
    """The ticket held FOR UPDATE, as a request changing it holds it, until the block ends."""
    async with _writing(database) as session:
        yield session, await tickets.get_ticket(session, ticket_id, lock=True)


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
        await sla.on_message_added(
            session, ticket, author_type=AuthorType(author_type), public=public, now=now
        )
        if ticket.status != old_status:
            await sla.on_status_changed(session, ticket, old_status, now)


async def set_status(database: Database, ticket_id: uuid.UUID, status: str, now: datetime) -> None:
    async with locked_ticket(database, ticket_id) as (session, ticket):
        old_status, ticket.status = ticket.status, TicketStatus(status)
        if status == "solved":
            ticket.solved_at = now
            ticket.first_solved_at = ticket.first_solved_at or now
        if old_status == "solved" and status not in ("solved", "closed"):
            ticket.reopen_count += 1
            ticket.last_reopened_at = now
        await sla.on_status_changed(session, ticket, old_status, now)


async def change_ticket(
    database: Database, ticket_id: uuid.UUID, now: datetime, **values: Any
) -> None:
    """Priority, tier, tags ...: set, then the SLA re-evaluated."""
    async with locked_ticket(database, ticket_id) as (session, ticket):
        for name, value in values.items():
            setattr(ticket, name, value)
        await sla.on_attributes_changed(session, ticket, set(values), now)
