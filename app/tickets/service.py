"""Ticket lifecycle: every change updates the metric counters and records its event."""

import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.service import Principal
from app.customers import service as customers
from app.events.service import (
    count_recorded,
    new_event,
    record_events,
    recording_write,
)
from app.events.types import NewEvent
from app.idempotency.service import FIND_PART, LOCK_PART, LOCKED, IdempotentRequest
from app.kb import service as kb
from app.kit.capabilities import generate_token, hash_token
from app.kit.db import Database
from app.kit.errors import RequestInvalid, field_error, invalid_field
from app.kit.ids import uuid7
from app.kit.pagination import PageParams, row_key, split_page
from app.kit.writes import Write, for_driver
from app.models import Customer, Order, Ticket, TicketMessage
from app.orders import service as orders
from app.sla import service as sla
from app.sla.schemas import Promised
from app.sla.types import SlaMetric
from app.tickets.errors import (
    AlreadyAtTierTwo,
    CustomerKeptChanging,
    StatusLinkNotFound,
    TicketClosed,
    TicketNotFound,
    TicketTransitionNotAllowed,
)
from app.tickets.repository import (
    IN_FLIGHT,
    REFUSED,
    NewTicket,
    TicketRef,
    TicketRepository,
    created_ticket,
    creation_values,
    creation_write,
    detail_row,
    listed_rows,
    lookup_query,
    shown_with_links,
    timeline_rows,
)
from app.tickets.schemas import (
    Acknowledgement,
    MessageCreate,
    MessageOut,
    PublicMessageCreate,
    StatusChangeReason,
    StatusLinkOut,
    SuggestedArticles,
    TicketChanges,
    TicketCreate,
    TicketCreated,
    TicketCreatedData,
    TicketDetail,
    TicketEscalatedData,
    TicketEventData,
    TicketFilters,
    TicketMessageCreatedData,
    TicketOut,
    TicketStatusChangedData,
    TicketStatusView,
    TicketUpdate,
    TicketUpdatedData,
)
from app.tickets.status_page import acknowledgement_sentence, status_view
from app.tickets.vocabulary import (
    AuthorType,
    TicketStatus,
    Tier,
    apply_status,
    can_transition,
)
from app.web.i18n import LanguageDefaults, Wording, wording_for

CREATED = 201  # a new ticket's status code, stored with its answer
# A new ticket's two statements (see `create_ticket`), each compiled once.
_LOOKUP = lookup_query(customers.lookup_part(), orders.lookup_part(), FIND_PART)
_CREATION = creation_write(LOCK_PART, LOCKED, customers.write_parts(LOCKED))
# The customer or the order changed between the two statements, or an answer was stored
# under the key meanwhile: the next attempt reads them again.
_CREATE_ATTEMPTS = 3
_READ_AGAIN_ON = ("uq_customers_external_ref", "pk_idempotency_keys")


async def create_ticket(
    database: Database,
    body: TicketCreate,
    idempotency: IdempotentRequest,
    defaults: LanguageDefaults = LanguageDefaults(),
) -> bytes:
    """The answer (JSON) to a new ticket; `description` becomes the customer's first message.
    This is the write e-commerce backends make most, so it is two statements on the driver
    connection, each compiled once, and no transaction around them: one reads what the answer
    is made from (the customer, the order, an answer stored under the Idempotency-Key, the
    ticket's number); then, the answer made, one writes everything, atomically: the key's
    lock, the customer (unless it changed since it was read: then both run again), the
    ticket and its first message, the SLA snapshot and targets, the `ticket.created` event
    with its webhook deliveries, and the answer stored under the key. The answer and the
    event carry the promises in the customer's words."""
    now = idempotency.now
    new = NewTicket(
        id=uuid7(), subject=body.subject, priority=body.priority, channel=body.channel,
        assignee=body.assignee, team=body.team, tags=body.tags, created_at=now,
        first_message_id=uuid7(), first_message=body.description,
    )
    sla_write, sla_values, promised = await sla.new_ticket_sla(database, new, now)
    lookup = {
        **idempotency.find_values(), "customer_external_ref": body.customer.external_ref,
        "order_external_ref": body.order_external_ref,
    }
    async with database.driver_connection() as connection:
        for _ in range(_CREATE_ATTEMPTS):
            found = await _read(connection, lookup, idempotency)
            answer, event, creation = _planned(new, body, found, promised, idempotency, defaults)
            writes = [(sla_write, sla_values), recording_write([event])]
            stored = idempotency.store_write(CREATED, answer)
            if stored is not None:
                writes.append(stored)
            if await _written(connection, [*writes, (_CREATION, creation)], idempotency):
                count_recorded([event])
                return answer.encode()
    raise CustomerKeptChanging(
        f"Customer {body.customer.external_ref!r} was changed by other requests while this"
        f" ticket was written, {_CREATE_ATTEMPTS} times; nothing was written. Retry."
    )


def _planned(
    new: NewTicket, body: TicketCreate, found: Mapping[str, Any], promised: Promised,
    idempotency: IdempotentRequest, defaults: LanguageDefaults,
) -> tuple[str, NewEvent, dict[str, Any]]:
    """From what was read: the answer, its event and the creation's parameters."""
    known = found if found["customer_id"] is not None else None
    customer_values, customer = customers.planned_write(body.customer, known, new.created_at)
    order = _checked_order(body, found, customer["id"])
    number = found["number"]
    created = TicketCreated.model_validate({
        **created_ticket(new, number, customer, order),
        "expectations": _acknowledgement(
            promised, customer["locale"], customer["time_zone"], defaults
        ),
    })
    # The event's ticket is the answer's (its `expectations` are not a TicketOut's).
    data = TicketCreatedData(ticket=created, expectations=created.expectations)
    creation = {
        **idempotency.lock_values(), **customer_values,
        **creation_values(new, number, None if order is None else order["id"]),
    }
    return created.model_dump_json(), _event(data, idempotency.actor, new.created_at), creation


async def _read(
    connection: asyncpg.Connection, lookup: Mapping[str, Any], idempotency: IdempotentRequest
) -> asyncpg.Record:
    """What the answer is made from; a stored answer is replayed, an expired one removed."""
    found = await Database.fetch_row_on(connection, _LOOKUP, lookup)
    assert found is not None  # one row, whatever was found
    if idempotency.check_found(found):
        await Database.fetch_row_on(connection, *idempotency.remove_expired())
    return found


async def _written(
    connection: asyncpg.Connection, writes: Sequence[tuple[Write, Mapping[str, Any]]],
    idempotency: IdempotentRequest,
) -> bool:
    """Whether the writes, as one statement, went through; False when what they were planned
    from changed (read it again). A key held by another request is the 409 at once."""
    try:
        await Database.fetch_row_on(connection, *for_driver(writes))
    except asyncpg.UniqueViolationError as error:
        if error.constraint_name in _READ_AGAIN_ON:
            return False
        raise
    except asyncpg.PostgresError as error:
        if error.sqlstate != REFUSED:
            raise
        if error.message == IN_FLIGHT:
            raise idempotency.in_flight() from None
        return False
    return True


def _checked_order(
    body: TicketCreate, found: Mapping[str, Any], customer_id: uuid.UUID
) -> dict[str, Any] | None:
    """The order the ticket links to, as its schemas read it: 422 if it is unknown or another
    customer's."""
    if body.order_external_ref is None:
        return None
    if found["found_order_id"] is None:
        raise customers.unknown_references([_unknown_order()])
    customers.check_same_customer(
        Customer(id=customer_id),
        order=Order(id=found["found_order_id"], customer_id=found["found_order_customer_id"]),
    )
    return {"id": found["found_order_id"], "external_ref": found["found_order_external_ref"]}


def _acknowledgement(
    promised: Promised, locale: str | None, time_zone: str | None, defaults: LanguageDefaults
) -> Acknowledgement:
    """The promise in the customer's `locale` and `time_zone` (each else the default)."""
    wording = wording_for([locale, defaults.locale])
    time_zone = time_zone or defaults.time_zone
    return Acknowledgement(
        **dict(promised), locale=wording.tag, time_zone=time_zone,
        sentence=acknowledgement_sentence(promised, wording, time_zone),
    )


@dataclass(frozen=True, slots=True)
class References:
    customer: Customer | None
    order: Order | None
    ticket: Ticket | None


async def resolve_references(
    session: AsyncSession,
    *,
    customer_external_ref: str | None,
    order_external_ref: str | None,
    ticket_id: uuid.UUID | None,
) -> References:
    """The customer, order and ticket a body (feedback, a survey invitation) refers to, or one
    422 naming every unknown field; with no customer given, the order's or the ticket's. The
    order and the ticket must belong to the customer. Nothing is created: an unknown reference
    is the client's mistake. (Here because the ticket domain sees all three.)"""
    errors: list[dict[str, str]] = []
    customer = order = ticket = None
    if customer_external_ref is not None:
        customer = await customers.find_customer(session, customer_external_ref)
        if customer is None:
            errors.append(field_error("/customer_external_ref", "no customer with this reference"))
    if order_external_ref is not None:
        order = await orders.find_order(session, order_external_ref)
        if order is None:
            errors.append(_unknown_order())
    if ticket_id is not None:
        ticket = await TicketRepository(session).get(ticket_id)
        if ticket is None:
            errors.append(field_error("/ticket_id", "no ticket with this id"))
    if errors:
        raise customers.unknown_references(errors)
    if customer is None and customer_external_ref is None:
        owner_id = order.customer_id if order else ticket.customer_id if ticket else None
        customer = await customers.customer_by_id(session, owner_id) if owner_id else None
    customers.check_same_customer(customer, order=order, ticket=ticket)
    return References(customer, order, ticket)


def _unknown_order() -> dict[str, str]:
    return field_error("/order_external_ref", "no order with this reference")


async def get_ticket(session: AsyncSession, ref: TicketRef, *, lock: bool = False) -> Ticket:
    """The ticket or 404; with lock, held FOR UPDATE until commit (every change takes it)."""
    ticket = await TicketRepository(session).get(ref, for_update=lock)
    if ticket is None:
        raise TicketNotFound(f"No ticket {ref}.")
    return ticket


async def list_tickets(
    database: Database, page: PageParams, filters: TicketFilters
) -> tuple[list[TicketOut], str | None]:
    rows, next_cursor = await listed_rows(database, page, filters)
    return [TicketOut.model_validate(shown_with_links(row)) for row in rows], next_cursor


async def list_messages(
    session: AsyncSession, ref: TicketRef, page: PageParams
) -> tuple[list[MessageOut], str | None]:
    """The conversation, oldest first, with the articles each reply cites."""
    ticket_id = await _existing_id(session, ref)
    rows, next_cursor = await TicketRepository(session).messages_page(ticket_id, page)
    cited = await kb.cited_articles(session, [row.id for row in rows])
    messages = [
        MessageOut.model_validate(row).model_copy(update={"cited_articles": cited.get(row.id, [])})
        for row in rows
    ]
    return messages, next_cursor


async def list_timeline(
    database: Database, ref: TicketRef, page: PageParams
) -> tuple[Sequence[Mapping[str, Any]], str | None]:
    """The events about the ticket, oldest first (as `list_events` gives them), in one
    statement with the ticket's lookup."""
    rows = await timeline_rows(database, ref, page)
    if rows is None:
        raise TicketNotFound(f"No ticket {ref}.")
    return split_page(rows, page, row_key)


async def _existing_id(session: AsyncSession, ref: TicketRef) -> uuid.UUID:
    ticket_id = await TicketRepository(session).id_of(ref)
    if ticket_id is None:
        raise TicketNotFound(f"No ticket {ref}.")
    return ticket_id


SUGGESTION_MESSAGES: Final = 3  # the customer's first messages say what the ticket is about
MIN_SUGGESTION_WORD: Final = 4


async def suggested_articles(
    session: AsyncSession, ref: TicketRef, *, default_locale: str, limit: int
) -> SuggestedArticles:
    """Published articles ranked against the ticket's subject and its customer's first
    messages (any word may match), in the customer's language, else the default locale's."""
    ticket = await get_ticket(session, ref)
    texts = await TicketRepository(session).customer_texts(ticket.id, SUGGESTION_MESSAGES)
    query = suggestion_query(ticket.subject, texts)
    locale = ticket.customer.locale or default_locale
    result = await _suggest(session, query, locale, limit)
    fallback = not result.hits and kb.language_of(locale) != kb.language_of(default_locale)
    if fallback:
        locale = default_locale
        result = await _suggest(session, query, locale, limit)
    answer = kb.search_answer(result)
    return SuggestedArticles(
        locale=locale, fallback=fallback, items=answer.items, corrections=answer.corrections
    )


async def _suggest(
    session: AsyncSession, query: str, locale: str, limit: int
) -> kb.SearchResult:
    return await kb.search_articles(session, query, locale=locale, match_all=False, limit=limit)


def suggestion_query(subject: str, texts: Sequence[str]) -> str:
    """The words search weighs: the subject's, then the messages', each once, short words
    (mostly stop words) left out so the search's word limit goes to the telling ones."""
    words = re.findall(r"[^\W_]+", " ".join([subject, *texts]).lower())
    telling = [word for word in dict.fromkeys(words) if len(word) >= MIN_SUGGESTION_WORD]
    return " ".join(telling[: kb.MAX_QUERY_WORDS])  # what search takes


async def get_tickets_for_update(
    session: AsyncSession, ticket_ids: Sequence[uuid.UUID]
) -> Sequence[Ticket]:
    """The tickets, locked until commit, with what their events show."""
    return await TicketRepository(session).many_for_update(ticket_ids)


async def get_ticket_detail(database: Database, ref: TicketRef, now: datetime) -> TicketDetail:
    """One statement: the ticket, its links and what its expectations are made of."""
    row = await detail_row(database, ref)
    if row is None:
        raise TicketNotFound(f"No ticket {ref}.")
    shown = shown_with_links(row)
    shown["expectations"] = sla.expectations_from_facts(row, now)
    return TicketDetail.model_validate(shown)


async def add_message(
    session: AsyncSession, ref: TicketRef, body: MessageCreate, actor: Principal, now: datetime
) -> MessageOut:
    ticket = await get_ticket(session, ref, lock=True)
    return await _add_message(session, ticket, body, now, actor_api_key_id=actor.api_key_id)


async def _add_message(
    session: AsyncSession,
    ticket: Ticket,
    body: MessageCreate,
    now: datetime,
    *,
    actor_api_key_id: uuid.UUID | None,
) -> MessageOut:
    """The rules of every message, whoever sends it (a shop's key, or the customer on the
    ticket's status page); the ticket is locked. An agent's public reply may cite published
    articles: the citations are written with the message and carried in its event."""
    if ticket.status == TicketStatus.CLOSED:
        raise TicketClosed(f"Ticket {ticket.number} is closed and accepts no messages.")
    if body.author_type == AuthorType.CUSTOMER and not body.public:
        raise invalid_field("/public", "internal notes are for agents only")
    if body.article_ids and not (body.author_type == AuthorType.AGENT and body.public):
        raise invalid_field("/article_ids", "only an agent's public reply cites articles")
    articles = await kb.citable_articles(session, body.article_ids)
    message = TicketMessage(
        id=uuid7(), ticket_id=ticket.id, author_type=body.author_type, public=body.public,
        body=body.body, channel=body.channel or ticket.channel, created_at=now,
    )
    await TicketRepository(session).insert_message(message)
    cited = await kb.record_citations(
        session, articles, ticket_id=ticket.id, message_id=message.id, now=now
    ) if articles else []
    out = MessageOut.model_validate(message).model_copy(update={"cited_articles": cited})
    old_status = ticket.status
    if body.author_type == AuthorType.AGENT and body.public:
        _apply_public_agent_reply(ticket, now)
    elif body.author_type == AuthorType.CUSTOMER:
        _apply_customer_message(ticket, now)
    ticket.updated_at = now
    await sla.on_message_added(
        session, ticket, author_type=body.author_type, public=body.public, now=now
    )
    await _record_policy_durations(session, ticket)
    events = [ticket_event(
        TicketMessageCreatedData(ticket=shown(ticket), message=out),
        now, actor_api_key_id=actor_api_key_id,
    )]
    if ticket.status != old_status:
        events.append(await _status_changed(
            session, ticket, old_status, now, actor_api_key_id=actor_api_key_id
        ))
    await record_events(session, events)
    return out


def _apply_public_agent_reply(ticket: Ticket, now: datetime) -> None:
    ticket.public_agent_reply_count += 1
    ticket.awaiting_reply_since = None
    if ticket.first_responded_at is None:
        ticket.first_responded_at = now
    if ticket.status == TicketStatus.NEW:
        ticket.status = TicketStatus.OPEN


def _apply_customer_message(ticket: Ticket, now: datetime) -> None:
    if ticket.awaiting_reply_since is None:
        ticket.awaiting_reply_since = now
    if ticket.status == TicketStatus.SOLVED:
        apply_status(ticket, TicketStatus.OPEN, now)
    elif ticket.status == TicketStatus.PENDING:  # the customer answered what we were waiting for
        ticket.status = TicketStatus.OPEN


async def update_ticket(
    session: AsyncSession, ref: TicketRef, body: TicketUpdate, actor: Principal, now: datetime
) -> Ticket:
    sent = body.model_fields_set
    if not sent:
        raise RequestInvalid("Send at least one of status, priority, assignee, team, tags.")
    ticket = await get_ticket(session, ref, lock=True)
    old_status = ticket.status
    if "status" in sent and body.status is not None and body.status != ticket.status:
        _check_transition(ticket, body.status)
        apply_status(ticket, body.status, now)
    changes = _apply_attributes(ticket, body, sent)
    if changes or ticket.status != old_status:
        ticket.updated_at = now
    await _record_policy_durations(session, ticket)
    await sla.on_attributes_changed(session, ticket, set(changes), now)
    events = [
        _event(TicketUpdatedData(
            ticket=shown(ticket), changes=TicketChanges.model_validate(changes)
        ), actor, now)
    ] if changes else []
    if ticket.status != old_status:
        events.append(await _status_changed(
            session, ticket, old_status, now, actor_api_key_id=actor.api_key_id
        ))
    await record_events(session, events)
    return ticket


async def _record_policy_durations(session: AsyncSession, ticket: Ticket) -> None:
    """First response and resolution times on the policy's clock, once, for the metrics."""
    if ticket.first_responded_at is not None and ticket.first_response_seconds is None:
        ticket.first_response_seconds = await sla.elapsed_seconds(
            session, ticket, SlaMetric.FIRST_RESPONSE, ticket.created_at,
            ticket.first_responded_at,
        )
    if ticket.first_solved_at is not None and ticket.resolution_seconds is None:
        ticket.resolution_seconds = await sla.elapsed_seconds(
            session, ticket, SlaMetric.RESOLUTION, ticket.created_at, ticket.first_solved_at
        )


def _check_transition(ticket: Ticket, target: TicketStatus) -> None:
    if ticket.status == TicketStatus.CLOSED:
        raise TicketClosed(f"Ticket {ticket.number} is closed; closed is final.")
    if not can_transition(ticket.status, target):
        raise invalid_field(
            "/status", f"a {ticket.status} ticket cannot become {target}",
            problem=TicketTransitionNotAllowed,
        )


CLEARABLE = ("assignee", "team")  # null clears these; a null priority is refused, null tags empty


def _apply_attributes(ticket: Ticket, body: TicketUpdate, sent: set[str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in ("priority", "assignee", "team", "tags"):
        if name not in sent:
            continue
        new_value = getattr(body, name)
        if name == "priority" and new_value is None:
            raise invalid_field("/priority", "priority cannot be null")
        new_value = new_value if new_value is not None or name in CLEARABLE else []
        old_value = getattr(ticket, name)
        if new_value != old_value:
            changes[name] = {"from": old_value, "to": new_value}
            setattr(ticket, name, new_value)
    return changes


async def escalate(
    session: AsyncSession, ref: TicketRef, reason: str, actor: Principal, now: datetime
) -> Ticket:
    ticket = await get_ticket(session, ref, lock=True)
    if ticket.status == TicketStatus.CLOSED:
        raise TicketClosed(f"Ticket {ticket.number} is closed and cannot be escalated.")
    if ticket.tier >= Tier.SENIOR:
        raise AlreadyAtTierTwo(f"Ticket {ticket.number} is already at tier 2.")
    await escalate_to_tier_two(session, ticket, reason, now, actor_api_key_id=actor.api_key_id)
    return ticket


async def escalate_to_tier_two(
    session: AsyncSession,
    ticket: Ticket,
    reason: str,
    now: datetime,
    *,
    actor_api_key_id: uuid.UUID | None = None,
    automatic: bool = False,
) -> None:
    """Tier 1 -> 2 with its time and reason, the SLA re-evaluated, `ticket.escalated` recorded;
    for an agent's request and for the sweep's escalation on breach alike."""
    from_tier = ticket.tier
    ticket.tier = Tier.SENIOR
    ticket.escalated_at = now
    ticket.escalation_reason = reason
    ticket.updated_at = now
    await sla.on_attributes_changed(session, ticket, {"tier"}, now)
    escalated = TicketEscalatedData(
        ticket=shown(ticket), reason=reason, from_tier=from_tier, automatic=automatic
    )
    await record_events(session, [ticket_event(escalated, now, actor_api_key_id=actor_api_key_id)])


async def _status_changed(
    session: AsyncSession,
    ticket: Ticket,
    old_status: TicketStatus,
    now: datetime,
    *,
    actor_api_key_id: uuid.UUID | None,
) -> NewEvent:
    """The SLA's reaction to the new status; the event to record."""
    await sla.on_status_changed(session, ticket, old_status, now)
    changed = TicketStatusChangedData(ticket=shown(ticket), from_=old_status, to=ticket.status)
    return ticket_event(changed, now, actor_api_key_id=actor_api_key_id)


def _event(data: TicketEventData, actor: Principal, now: datetime) -> NewEvent:
    """A request's event about a ticket; the request records its events together, in one
    statement."""
    return ticket_event(data, now, actor_api_key_id=actor.api_key_id)


def ticket_event(
    data: TicketEventData, now: datetime, *, actor_api_key_id: uuid.UUID | None = None
) -> NewEvent:
    """Every ticket.* (and sla.*) event carries the ticket as the API shows it, plus what
    happened."""
    return new_event(
        data, now=now, subject_type="ticket", subject_id=data.ticket.id,
        actor_api_key_id=actor_api_key_id,
    )


def shown(ticket: Ticket | TicketOut) -> TicketOut:
    """The ticket as the API and its events show it; a Ticket loaded with its links."""
    return ticket if isinstance(ticket, TicketOut) else TicketOut.model_validate(ticket)


async def close_solved_tickets(
    session: AsyncSession, now: datetime, solved_for: timedelta, limit: int
) -> int:
    """The worker's auto-close of up to `limit` tickets solved for `solved_for`: solved ->
    closed, with the same event as a manual close; returns how many."""
    tickets = await TicketRepository(session).claim_solved_before(now - solved_for, limit)
    events = []
    for ticket in tickets:
        apply_status(ticket, TicketStatus.CLOSED, now)
        ticket.updated_at = now
        events.append(ticket_event(TicketStatusChangedData(
            ticket=shown(ticket), from_=TicketStatus.SOLVED, to=TicketStatus.CLOSED,
            reason=StatusChangeReason.AUTO_CLOSE,
        ), now))
    await record_events(session, events)
    return len(tickets)


# The customer's status page: a capability link per ticket.

STATUS_PAGE_PATH = "/v1/public/tickets/"
MAX_PUBLIC_MESSAGES = 200  # the status page shows the latest of a long conversation


def status_page_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{STATUS_PAGE_PATH}{token}"


async def create_status_link(
    session: AsyncSession, ref: TicketRef, now: datetime, *, base_url: str, ttl: timedelta
) -> StatusLinkOut:
    """A new link to the ticket's status page; the previous one stops working. The URL is
    shown once: only the token's hash is stored."""
    ticket = await get_ticket(session, ref)
    token = generate_token()
    expires_at = now + ttl
    await TicketRepository(session).replace_status_link(
        ticket.id, token.token_hash, now, expires_at
    )
    return StatusLinkOut(
        url=status_page_url(base_url, token.plaintext), created_at=now, expires_at=expires_at
    )


async def revoke_status_link(session: AsyncSession, ref: TicketRef) -> None:
    """The ticket's status link stops working (nothing happens if it has none)."""
    ticket = await get_ticket(session, ref)
    await TicketRepository(session).delete_status_link(ticket.id)


async def _ticket_of_status_token(
    session: AsyncSession, token: str, now: datetime, *, lock: bool = False
) -> Ticket:
    """The ticket of a live link, or one StatusLinkNotFound for unknown, revoked and expired
    links alike: the same query, the same answer."""
    ticket = await TicketRepository(session).by_status_token(
        hash_token(token), now, for_update=lock
    )
    if ticket is None:
        raise StatusLinkNotFound("This status link is unknown, revoked or expired.")
    return ticket


ChooseWording = Callable[[str | None], Wording]


async def status_page(
    session: AsyncSession,
    token: str,
    now: datetime,
    choose_wording: ChooseWording,
    *,
    default_time_zone: str,
    show_agent_names: bool,
) -> TicketStatusView:
    """The ticket as its customer sees it, in their language (`choose_wording` is given the
    customer's locale) and time zone."""
    ticket = await _ticket_of_status_token(session, token, now)
    messages = await TicketRepository(session).public_messages(ticket.id, MAX_PUBLIC_MESSAGES)
    expectations = await sla.expectations(session, ticket, now)
    wording = choose_wording(ticket.customer.locale)
    cited = await kb.cited_articles(session, [message.id for message in messages])
    notices = (
        await kb.notices_for_order(
            session, ticket.order.external_ref, [], at=now, preferred_locales=[wording.tag]
        )
    ).items if ticket.order else []
    return status_view(
        ticket, messages, expectations, wording,
        ticket.customer.time_zone or default_time_zone, show_agent_names=show_agent_names,
        cited=cited, notices=notices,
    )


async def add_status_page_message(
    session: AsyncSession, token: str, body: PublicMessageCreate, now: datetime
) -> MessageOut:
    """A message the customer writes on the status page: the same rules as a customer message
    the shop sends (a solved ticket reopens, a next-response target starts)."""
    ticket = await _ticket_of_status_token(session, token, now, lock=True)
    message = MessageCreate(author_type=AuthorType.CUSTOMER, public=True, body=body.body)
    return await _add_message(session, ticket, message, now, actor_api_key_id=None)
