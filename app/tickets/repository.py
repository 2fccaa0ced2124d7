import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Select,
    Text,
    Uuid,
    any_,
    bindparam,
    delete,
    select,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.elements import BindParameter

from app.events import service as events
from app.kit.db import Database, DriverQuery
from app.kit.pagination import (
    PageParams,
    bound_keyset,
    fetch_page,
    keyset_values,
    row_key,
    split_page,
)
from app.kit.writes import Write
from app.models import Customer, Order, Ticket, TicketMessage, TicketStatusLink
from app.sla.service import breached_filter, expectation_facts
from app.tickets.schemas import TicketFilters
from app.tickets.vocabulary import AuthorType, Channel, Priority, TicketStatus, Tier

TicketRef = uuid.UUID | int


@dataclass(frozen=True, slots=True)
class NewTicket:
    """What a new ticket is made of besides its customer and order; the INSERT adds the rest:
    status new, tier 1, nothing answered yet, its first (customer, public) message awaiting a
    reply."""

    id: uuid.UUID
    subject: str
    priority: Priority
    channel: Channel
    assignee: str | None
    team: str | None
    tags: list[str]
    created_at: datetime
    first_message_id: uuid.UUID
    first_message: str
    # What choosing its SLA policy reads too (`sla.TicketFacts`): it is written with these.
    status: TicketStatus = TicketStatus.NEW
    tier: Tier = Tier.FRONT_LINE


def lookup_query(
    customer: tuple[str, str], order: tuple[str, str], stored: tuple[str, str]
) -> DriverQuery:
    """What a new ticket's answer is made from, read before its write (`creation_write`), in
    one statement run by asyncpg: the other domains' lookups (the `known_customer`, the
    `found_order`, the idempotency key's `stored_answer`) and the ticket's number, drawn
    here. Its row: the number and the lookups' columns (NULLs for what was not found)."""
    parts = (customer, order, stored)
    queries = ", ".join(f"{name} AS ({sql})" for name, sql in parts)
    # S608: the statement is built from constants and the other domains' parts.
    return DriverQuery(text(
        f"WITH {queries} SELECT nextval(pg_get_serial_sequence('tickets', 'number'))"  # noqa: S608
        " AS number, known_customer.*, found_order.id AS found_order_id,"
        " found_order.customer_id AS found_order_customer_id,"
        " found_order.external_ref AS found_order_external_ref, stored_answer.*"
        " FROM (SELECT) AS one LEFT JOIN known_customer ON true"
        " LEFT JOIN found_order ON true LEFT JOIN stored_answer ON true"
    ))


def creation_write(
    lock: tuple[str, str], locked: str, customer: tuple[tuple[str, str], ...]
) -> Write:
    """The new ticket (with its number, customer and order as read by `lookup_query`) and its
    first message, as parts of the request's one statement, after the idempotency key's
    `lock` and the customer's parts (ending with `written_customer`; written only when the
    SQL condition `locked` holds). Its result, made last, refuses (`aftercare_refuse`,
    undoing the whole statement) when the key is held by another request
    ("idempotency-key-in-flight") or the customer or the order changed since they were read
    ("changed-since-read"). Parameters: the parts', and the ticket's as in
    `creation_values`."""
    order_id = "CAST(:order_id AS uuid)"
    created_at = "CAST(:created_at AS timestamptz)"
    ticket = (
        "INSERT INTO tickets (id, number, subject, status, priority, channel, tier,"  # noqa: S608
        " customer_id, order_id, assignee, team, tags, created_at, updated_at,"
        " public_agent_reply_count, reopen_count, awaiting_reply_since)"
        " SELECT CAST(:id AS uuid), CAST(:number AS bigint), CAST(:subject AS varchar),"
        " CAST(:status AS varchar), CAST(:priority AS varchar), CAST(:channel AS varchar),"
        f" CAST(:tier AS integer), written_customer.id, {order_id}, CAST(:assignee AS varchar),"
        f" CAST(:team AS varchar), CAST(:tags AS text[]), {created_at}, {created_at}, 0, 0,"
        f" {created_at} FROM written_customer WHERE {order_id} IS NULL OR EXISTS (SELECT FROM"
        f" orders WHERE orders.id = {order_id} AND orders.customer_id = written_customer.id)"
        " RETURNING id"
    )
    first_message = (
        "INSERT INTO ticket_messages (id, ticket_id, author_type, public, body, channel,"  # noqa: S608
        " created_at)"
        " SELECT CAST(:message_id AS uuid), ticket.id, 'customer', true, CAST(:body AS text),"
        f" CAST(:channel AS varchar), {created_at} FROM ticket"
    )
    return Write(
        parts=(lock, *customer, ("ticket", ticket), ("first_message", first_message)),
        returns=(
            f"CASE WHEN NOT {locked} THEN aftercare_refuse('{IN_FLIGHT}')"
            f" WHEN NOT EXISTS (SELECT FROM ticket) THEN aftercare_refuse('{CHANGED}')"
            " ELSE true END"
        ),
    )


# What `creation_write` refuses with (its error's message; SQLSTATE `REFUSED`).
IN_FLIGHT, CHANGED, REFUSED = "idempotency-key-in-flight", "changed-since-read", "AC001"


def creation_values(ticket: NewTicket, number: int, order_id: uuid.UUID | None) -> dict[str, Any]:
    """The ticket's parameters of `creation_write` (its customer's and key's come from theirs)."""
    return {
        **_given(ticket, number), "order_id": order_id,
        "message_id": ticket.first_message_id, "body": ticket.first_message,
    }


def created_ticket(
    ticket: NewTicket, number: int, customer: Mapping[str, Any],
    order: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The ticket `creation_write` writes, as the ticket's schemas read it: what it was given,
    and nothing answered, solved or escalated yet."""
    return {
        **_given(ticket, number), "customer": customer, "order": order,
        "updated_at": ticket.created_at, "first_responded_at": None, "first_solved_at": None,
        "solved_at": None, "closed_at": None, "public_agent_reply_count": 0,
        "reopen_count": 0, "awaiting_reply_since": ticket.created_at, "escalated_at": None,
        "escalation_reason": None,
    }


def _given(ticket: NewTicket, number: int) -> dict[str, Any]:
    """The columns a new ticket is written with as they are given, by name."""
    return {
        "id": ticket.id, "number": number, "subject": ticket.subject, "status": ticket.status,
        "priority": ticket.priority, "channel": ticket.channel, "tier": ticket.tier,
        "assignee": ticket.assignee, "team": ticket.team, "tags": ticket.tags,
        "created_at": ticket.created_at,
    }


def with_links(statement: Select[Ticket]) -> Select[Ticket]:
    """With the customer and order a ticket is shown with (in answers and events)."""
    return statement.options(joinedload(Ticket.customer), joinedload(Ticket.order))


# Built once (reading a ticket by its id or number is in most requests); `ref` is bound.
_BY_ID = with_links(select(Ticket).where(Ticket.id == bindparam("ref")))
_BY_NUMBER = with_links(select(Ticket).where(Ticket.number == bindparam("ref")))


def _with_link_columns() -> Select[Any]:
    """Tickets as rows: their columns and their customer's and order's (`customer_*`,
    `order_external_ref`), as `shown_with_links` reads them."""
    return (
        select(
            *Ticket.__table__.c,
            Customer.external_ref.label("customer_external_ref"),
            Customer.email.label("customer_email"),
            Customer.name.label("customer_name"),
            Customer.locale.label("customer_locale"),
            Customer.time_zone.label("customer_time_zone"),
            Order.external_ref.label("order_external_ref"),
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Order, Order.id == Ticket.order_id)
    )


# A list's rows: no ORM objects to build (most of a list's time when they were).
_LISTED = _with_link_columns()


def _detail(condition: ColumnElement[bool]) -> Select[Any]:
    """A ticket as `GET /v1/tickets/{id}` shows it, in one statement: its columns, its
    customer's and order's and its expectation facts."""
    facts = expectation_facts(Ticket.__table__.c.id)
    return _with_link_columns().add_columns(*facts.c).outerjoin(facts, true()).where(condition)


# Run by asyncpg itself (`Database.fetch_row`): the read of `GET /v1/tickets/{id}`.
_DETAIL_BY_ID = DriverQuery(_detail(Ticket.id == bindparam("ref")))
_DETAIL_BY_NUMBER = DriverQuery(_detail(Ticket.number == bindparam("ref")))


async def detail_row(database: Database, ref: TicketRef) -> Mapping[str, Any] | None:
    """The ticket with its links and expectation facts (see `_detail`), as one row; enums as
    their stored values."""
    query = _DETAIL_BY_ID if isinstance(ref, uuid.UUID) else _DETAIL_BY_NUMBER
    row = await database.fetch_row(query, {"ref": ref})
    return None if row is None else dict(row.items())


def shown_with_links(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of `_detail` as the ticket's schemas read it (customer and order nested)."""
    order_id = row["order_id"]
    return {
        **row,
        "customer": {
            "id": row["customer_id"], "external_ref": row["customer_external_ref"],
            "email": row["customer_email"], "name": row["customer_name"],
            "locale": row["customer_locale"], "time_zone": row["customer_time_zone"],
        },
        "order": None if order_id is None else {
            "id": order_id, "external_ref": row["order_external_ref"],
        },
    }


def _timeline(condition: ColumnElement[bool]) -> DriverQuery:
    """The ticket's id with one page of its events (`events.subject_page`): no row when there
    is no such ticket, one with NULL event columns when it has none on the page."""
    found = select(Ticket.id).where(condition).subquery("found")
    page = events.subject_page(found.c.id)
    return DriverQuery(
        select(found.c.id.label("ticket_id"), *page.c).select_from(found.outerjoin(page, true()))
    )


_TIMELINE_BY_ID = _timeline(Ticket.id == bindparam("ref"))
_TIMELINE_BY_NUMBER = _timeline(Ticket.number == bindparam("ref"))


async def timeline_rows(
    database: Database, ref: TicketRef, page: PageParams
) -> list[Mapping[str, Any]] | None:
    """One page (and one row more) of the ticket's events as `recorded_page` reads them, in one
    statement on the driver connection; None when there is no such ticket."""
    query = _TIMELINE_BY_ID if isinstance(ref, uuid.UUID) else _TIMELINE_BY_NUMBER
    rows = await database.fetch_rows(query, {"ref": ref, **events.subject_page_values(page)})
    if not rows:
        return None
    return [dict(row.items()) for row in rows if row["id"] is not None]


_ID_BY_ID = select(Ticket.id).where(Ticket.id == bindparam("ref"))
_ID_BY_NUMBER = select(Ticket.id).where(Ticket.number == bindparam("ref"))


def _locked(statement: Select[Ticket]) -> Select[Ticket]:
    return statement.with_for_update(of=Ticket).execution_options(populate_existing=True)


_LOCKED_BY_ID, _LOCKED_BY_NUMBER = _locked(_BY_ID), _locked(_BY_NUMBER)


def _by_ref(ref: TicketRef, *, for_update: bool = False) -> Select[Ticket]:
    if isinstance(ref, uuid.UUID):
        return _LOCKED_BY_ID if for_update else _BY_ID
    return _LOCKED_BY_NUMBER if for_update else _BY_NUMBER


_INSERT_MESSAGE = text(
    "INSERT INTO ticket_messages (id, ticket_id, author_type, public, body, channel, created_at)"
    " VALUES (:id, :ticket_id, :author_type, :public, :body, :channel, :created_at)"
).bindparams(
    bindparam("id", type_=Uuid()),
    bindparam("ticket_id", type_=Uuid()),
    bindparam("created_at", type_=DateTime(timezone=True)),
)


class TicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def insert_message(self, message: TicketMessage) -> None:
        """One INSERT, without the ORM's flush: the object is not added to the session."""
        await self.session.execute(_INSERT_MESSAGE, {
            "id": message.id, "ticket_id": message.ticket_id, "author_type": message.author_type,
            "public": message.public, "body": message.body, "channel": message.channel,
            "created_at": message.created_at,
        })

    async def get(self, ref: TicketRef, *, for_update: bool = False) -> Ticket | None:
        """With for_update, row-locked until commit: concurrent changes to it run one at a
        time."""
        return await self.session.scalar(_by_ref(ref, for_update=for_update), {"ref": ref})

    async def id_of(self, ref: TicketRef) -> uuid.UUID | None:
        """The ticket's id if it exists, nothing else read: for what lists the ticket's
        messages or events."""
        statement = _ID_BY_ID if isinstance(ref, uuid.UUID) else _ID_BY_NUMBER
        found: uuid.UUID | None = await self.session.scalar(statement, {"ref": ref})
        return found

    async def many_for_update(self, ticket_ids: Sequence[uuid.UUID]) -> Sequence[Ticket]:
        """Locked, with the customer and order their `ticket.*` events show."""
        statement = with_links(select(Ticket).where(Ticket.id.in_(ticket_ids)))
        return (await self.session.scalars(statement.with_for_update(of=Ticket))).all()

    async def claim_solved_before(self, cutoff: datetime, limit: int) -> Sequence[Ticket]:
        """Up to `limit` tickets solved at or before `cutoff`, oldest solve first; locked until
        commit, and skipped by other workers."""
        statement = (
            with_links(select(Ticket))
            .where(Ticket.status == TicketStatus.SOLVED, Ticket.solved_at <= cutoff)
            .order_by(Ticket.solved_at)
            .limit(limit)
            .with_for_update(of=Ticket, skip_locked=True)
        )
        return (await self.session.scalars(statement)).unique().all()

    async def messages_page(
        self, ticket_id: uuid.UUID, params: PageParams
    ) -> tuple[Sequence[TicketMessage], str | None]:
        statement = select(TicketMessage).where(TicketMessage.ticket_id == ticket_id)
        return await fetch_page(
            self.session, statement, TicketMessage.created_at, TicketMessage.id, params,
            ascending=True,
        )

    async def public_messages(self, ticket_id: uuid.UUID, limit: int) -> Sequence[TicketMessage]:
        """The last `limit` public messages, oldest first (internal notes are never read)."""
        latest = (
            select(TicketMessage)
            .where(TicketMessage.ticket_id == ticket_id, TicketMessage.public.is_(True))
            .order_by(TicketMessage.created_at.desc(), TicketMessage.id.desc())
            .limit(limit)
        )
        return list(reversed((await self.session.scalars(latest)).all()))

    async def customer_texts(self, ticket_id: uuid.UUID, limit: int) -> Sequence[str]:
        """The bodies of the customer's first `limit` messages, oldest first."""
        statement = (
            select(TicketMessage.body)
            .where(
                TicketMessage.ticket_id == ticket_id,
                TicketMessage.author_type == AuthorType.CUSTOMER,
            )
            .order_by(TicketMessage.created_at, TicketMessage.id)
            .limit(limit)
        )
        return (await self.session.scalars(statement)).all()

    async def replace_status_link(
        self, ticket_id: uuid.UUID, token_hash: str, now: datetime, expires_at: datetime
    ) -> None:
        """The ticket's one status link is this one from now on: an older one stops working."""
        values = {"token_hash": token_hash, "created_at": now, "expires_at": expires_at}
        await self.session.execute(
            insert(TicketStatusLink)
            .values(ticket_id=ticket_id, **values)
            .on_conflict_do_update(index_elements=[TicketStatusLink.ticket_id], set_=values)
        )

    async def delete_status_link(self, ticket_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(TicketStatusLink).where(TicketStatusLink.ticket_id == ticket_id)
        )

    async def by_status_token(
        self, token_hash: str, now: datetime, *, for_update: bool = False
    ) -> Ticket | None:
        """The ticket whose live (unexpired) status link has this hash. Unknown, revoked and
        expired links all find nothing in the same one-row index lookup."""
        statement = with_links(select(Ticket)).join(
            TicketStatusLink, TicketStatusLink.ticket_id == Ticket.id
        ).where(TicketStatusLink.token_hash == token_hash, TicketStatusLink.expires_at > now)
        if for_update:
            statement = _locked(statement)
        return await self.session.scalar(statement)


async def listed_rows(
    database: Database, params: PageParams, filters: TicketFilters
) -> tuple[Sequence[Mapping[str, Any]], str | None]:
    """A page of tickets, newest first, as rows with their links (`shown_with_links`), in one
    statement on the driver connection, compiled once per set of filters used."""
    values = _filter_values(filters)
    query = _listed_query(tuple(values))
    rows = await database.fetch_rows(query, {**values, **keyset_values(params)})
    listed: list[Mapping[str, Any]] = [dict(row.items()) for row in rows]
    return split_page(listed, params, row_key)


def _filter_values(filters: TicketFilters) -> dict[str, Any]:
    """The parameter of each filter used, by its name in `_FILTERS` (in their order)."""
    given: dict[str, Any] = {
        "statuses": list(filters.statuses), "priorities": list(filters.priorities),
        "channels": list(filters.channels), "tier": filters.tier, "assignee": filters.assignee,
        "team": filters.team, "customer_external_ref": filters.customer_external_ref,
        "order_external_ref": filters.order_external_ref, "tags": list(filters.tags),
        "created_from": filters.created_from, "created_to": filters.created_to,
        "breached": None if filters.breached is not True else True,
        "not_breached": None if filters.breached is not False else True,
    }
    return {name: value for name, value in given.items() if value not in (None, [])}


def _text_array(name: str) -> BindParameter[Any]:
    array_type: ARRAY[Any] = ARRAY(Text())
    return bindparam(name, type_=array_type)


# Each filter of a list, named as its parameter (`breached` and `not_breached` have none).
_FILTERS: dict[str, ColumnElement[bool]] = {
    "statuses": Ticket.status == any_(_text_array("statuses")),
    "priorities": Ticket.priority == any_(_text_array("priorities")),
    "channels": Ticket.channel == any_(_text_array("channels")),
    "tier": Ticket.tier == bindparam("tier"),
    "assignee": Ticket.assignee == bindparam("assignee"),
    "team": Ticket.team == bindparam("team"),
    "customer_external_ref": Ticket.customer_id == select(Customer.id).where(
        Customer.external_ref == bindparam("customer_external_ref")
    ).scalar_subquery(),
    "order_external_ref": Ticket.order_id == select(Order.id).where(
        Order.external_ref == bindparam("order_external_ref")
    ).scalar_subquery(),
    "tags": Ticket.tags.contains(_text_array("tags")),
    "created_from": Ticket.created_at >= bindparam("created_from"),
    "created_to": Ticket.created_at < bindparam("created_to"),
    "breached": breached_filter(True),
    "not_breached": breached_filter(False),
}


@cache
def _listed_query(filters: tuple[str, ...]) -> DriverQuery:
    statement = _LISTED.where(*(_FILTERS[name] for name in filters))
    return DriverQuery(bound_keyset(statement, Ticket.created_at, Ticket.id))
