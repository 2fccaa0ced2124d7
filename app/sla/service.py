"""The SLA domain's public face: business calendars and policies (create, change, delete), and
the targets of every ticket, which the tickets service moves along with the ticket's life.

The tickets service calls the `on_*` functions inside its transaction, after updating the ticket
row, which it holds FOR UPDATE. Targets of a ticket change only under that lock (the sweep takes
it too), so a request and the sweep never act on the same target at once. The rules of a
target's life are `app.sla.lifecycle`'s; this module reads and writes what they need.
"""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import LateralFromClause

from app.events.service import new_event, record_events
from app.events.types import NewEvent
from app.kit.db import Database
from app.kit.errors import RequestInvalid, UnknownReference, field_error
from app.kit.pagination import PageParams
from app.kit.writes import Write
from app.models import SlaCalendar, SlaPolicy, SlaTarget, Ticket, TicketSla
from app.sla import lifecycle
from app.sla.business_hours import BusinessCalendar, business_time_between
from app.sla.errors import CalendarInUse, CalendarNotFound, SlaPolicyNotFound
from app.sla.expectations import expectations_of, expectations_of_facts, promised_of
from app.sla.repository import (
    CalendarRepository,
    PolicyRepository,
    TargetRepository,
    cached_policy_terms,
    has_breached_target,
    policies_changed,
    snapshot_and_targets_write,
)
from app.sla.repository import expectation_facts as repository_expectation_facts
from app.sla.rules import (
    NO_POLICY,
    PolicyTerms,
    SnapshotTerms,
    TargetFacts,
    TicketAttributes,
    calendar_from_json,
    calendar_snapshot,
    policy_matches,
)
from app.sla.schemas import (
    CalendarCreate,
    CalendarUpdate,
    Expectations,
    PolicyCreate,
    PolicyOut,
    PolicyUpdate,
    Promised,
    Targets,
)
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.schemas import SlaBreachedData, SlaWarningData, TicketOut
from app.tickets.vocabulary import DONE_STATUSES, AuthorType, Channel, Priority, TicketStatus, Tier

ModelT = TypeVar("ModelT", bound=BaseModel)


async def create_calendar(
    session: AsyncSession, body: CalendarCreate, now: datetime
) -> SlaCalendar:
    policies_changed(session)
    calendar = SlaCalendar(created_at=now, updated_at=now)
    _assign_calendar(calendar, body)
    return await CalendarRepository(session).add(calendar)


async def get_calendar(session: AsyncSession, calendar_id: uuid.UUID) -> SlaCalendar:
    calendar = await CalendarRepository(session).by_id(calendar_id)
    if calendar is None:
        raise CalendarNotFound(f"No business calendar with id {calendar_id}.")
    return calendar


async def business_calendars(
    session: AsyncSession, calendar_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, BusinessCalendar]:
    """The business calendars with these ids that exist, ready for business-time arithmetic."""
    found = await CalendarRepository(session).by_ids(set(calendar_ids))
    return {
        calendar.id: calendar_from_json(
            calendar_snapshot(calendar.timezone, calendar.weekly_hours, calendar.holidays)
        )
        for calendar in found
    }


async def list_calendars(
    session: AsyncSession, page: PageParams
) -> tuple[Sequence[SlaCalendar], str | None]:
    return await CalendarRepository(session).page(page)


async def update_calendar(
    session: AsyncSession, calendar_id: uuid.UUID, body: CalendarUpdate, now: datetime
) -> SlaCalendar:
    policies_changed(session)
    calendar = await get_calendar(session, calendar_id)
    current = CalendarCreate.model_validate(
        {
            "name": calendar.name,
            "timezone": calendar.timezone,
            "weekly_hours": calendar.weekly_hours,
            "holidays": calendar.holidays,
        }
    )
    _assign_calendar(calendar, _merged(current, body))
    calendar.updated_at = now
    return calendar


async def delete_calendar(session: AsyncSession, calendar_id: uuid.UUID) -> None:
    policies_changed(session)
    repository = CalendarRepository(session)
    calendar = await repository.by_id(calendar_id, lock=True)
    if calendar is None:
        raise CalendarNotFound(f"No business calendar with id {calendar_id}.")
    if await repository.is_referenced(calendar_id):
        raise CalendarInUse(
            "The business calendar is used by an SLA policy; change or delete the policy first."
        )
    await repository.delete(calendar)


def _assign_calendar(calendar: SlaCalendar, body: CalendarCreate) -> None:
    calendar.name = body.name
    calendar.timezone = body.timezone
    calendar.weekly_hours = {
        day: [list(pair) for pair in hours] for day, hours in body.weekly_hours.items()
    }
    calendar.holidays = sorted(set(body.holidays))


async def create_policy(session: AsyncSession, body: PolicyCreate, now: datetime) -> SlaPolicy:
    policies_changed(session)
    await _check_calendar(session, body)
    policy = SlaPolicy(created_at=now, updated_at=now, version=1)
    _assign_policy(policy, body)
    return await PolicyRepository(session).add(policy)


async def get_policy(session: AsyncSession, policy_id: uuid.UUID) -> SlaPolicy:
    policy = await PolicyRepository(session).by_id(policy_id)
    if policy is None:
        raise SlaPolicyNotFound(f"No SLA policy with id {policy_id}.")
    return policy


async def list_policies(
    session: AsyncSession, page: PageParams
) -> tuple[Sequence[SlaPolicy], str | None]:
    return await PolicyRepository(session).page(page)


async def update_policy(
    session: AsyncSession, policy_id: uuid.UUID, body: PolicyUpdate, now: datetime
) -> SlaPolicy:
    """Tickets keep the snapshot taken when the policy was applied: history is not rewritten."""
    policies_changed(session)
    policy = await get_policy(session, policy_id)
    current = PolicyCreate.model_validate(
        PolicyOut.model_validate(policy).model_dump(
            exclude={"id", "version", "created_at", "updated_at"}
        )
    )
    merged = _merged(current, body)
    await _check_calendar(session, merged)
    _assign_policy(policy, merged)
    policy.version += 1
    policy.updated_at = now
    return policy


async def delete_policy(session: AsyncSession, policy_id: uuid.UUID) -> None:
    policies_changed(session)
    await PolicyRepository(session).delete(await get_policy(session, policy_id))


def _assign_policy(policy: SlaPolicy, body: PolicyCreate) -> None:
    policy.name = body.name
    policy.position = body.position
    policy.calendar_id = body.calendar_id
    policy.conditions = body.conditions.model_dump()
    policy.targets = body.targets.model_dump(exclude_none=True)
    policy.pause_statuses = list(dict.fromkeys(body.pause_statuses))
    policy.escalate_on_breach = body.escalate_on_breach


async def _check_calendar(session: AsyncSession, body: PolicyCreate) -> None:
    if body.calendar_id is None:
        _require_calendar_for_business_hours(body.targets)
        return
    # KEY SHARE: the calendar cannot be deleted before this policy commits.
    if await CalendarRepository(session).by_id_key_share(body.calendar_id) is None:
        raise UnknownReference(
            f"No business calendar with id {body.calendar_id}.",
            errors=[field_error("/calendar_id", "no business calendar with this id")],
        )


def _require_calendar_for_business_hours(targets: Targets) -> None:
    for metric, definition in targets:
        if definition is not None and definition.business_hours:
            raise RequestInvalid(
                "Targets in business hours need the policy to name a business calendar.",
                errors=[field_error(
                    f"/targets/{metric}/business_hours", "needs calendar_id to be set"
                )],
            )


def _merged(current: ModelT, changes: BaseModel) -> ModelT:
    """`current` with the fields the client sent, validated again as a whole."""
    data: dict[str, Any] = current.model_dump()
    data.update(changes.model_dump(exclude_unset=True))
    try:
        return type(current).model_validate(data)
    except ValidationError as error:
        raise RequestInvalid(
            "The change would leave the resource invalid.",
            errors=[
                field_error("/" + "/".join(str(part) for part in item["loc"]), item["msg"])
                for item in error.errors()
            ],
        ) from error


# --- the targets of a ticket ---------------------------------------------------------------

POLICY_ATTRIBUTES = frozenset({"priority", "channel", "tier", "tags"})


class TicketFacts(Protocol):
    """What choosing a policy and starting its clocks read of a ticket: a `Ticket` row, or a
    new ticket that is not loaded as one."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def status(self) -> TicketStatus: ...
    @property
    def priority(self) -> Priority: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def tier(self) -> Tier: ...
    @property
    def tags(self) -> Sequence[str]: ...


async def on_ticket_created(
    session: AsyncSession, ticket: TicketFacts, now: datetime
) -> Promised:
    """Apply the first matching policy and start the first-response and resolution clocks;
    what they promise (from the rows just written: no read back)."""
    policies = await PolicyRepository(session).terms_in_evaluation_order()
    policy, started = _first_targets(policies, ticket, now)
    await TargetRepository(session).insert_snapshot_and_targets(ticket.id, policy, started, now)
    return promised_of(policy.policy_name, started, now)


async def new_ticket_sla(
    database: Database, ticket: TicketFacts, now: datetime
) -> tuple[Write, dict[str, Any], Promised]:
    """`on_ticket_created` for a ticket written on the driver connection: the write of the
    snapshot and first targets (for the caller to send in its own statement) and what they
    promise. The policies come from this process's cache, else are read here: call it before
    taking the caller's connection."""
    policy, started = _first_targets(await _policy_terms(database), ticket, now)
    write, values = snapshot_and_targets_write(ticket.id, policy, started, now)
    return write, values, promised_of(policy.policy_name, started, now)


def _first_targets(
    policies: Sequence[PolicyTerms], ticket: TicketFacts, now: datetime
) -> tuple[PolicyTerms, list[lifecycle.NewTarget[datetime, timedelta]]]:
    policy = _matching(policies, ticket)
    started = lifecycle.start(
        policy.terms, lifecycle.AT_CREATION, started_at=now, status=ticket.status, now=now
    )
    return policy, started


async def _policy_terms(database: Database) -> Sequence[PolicyTerms]:
    terms = cached_policy_terms(database.caches)
    if terms is None:
        async with database.single_statements() as session:
            terms = await PolicyRepository(session).terms_in_evaluation_order()
    return terms


async def on_message_added(
    session: AsyncSession,
    ticket: Ticket,
    *,
    author_type: AuthorType,
    public: bool,
    now: datetime,
) -> None:
    """A public agent reply meets the open response targets; a customer message waiting for a
    reply after the first answer starts a next-response target."""
    if not public:
        return
    repository = TargetRepository(session)
    running = await repository.running_of_ticket(ticket.id)
    if author_type == AuthorType.AGENT:
        lifecycle.answered(running, now)
        await _record_breaches(session, ticket, running, now)
        return
    answered_before = ticket.first_responded_at is not None
    if not lifecycle.awaits_next_response(running, answered_before=answered_before):
        return
    sla = await repository.ticket_sla(ticket.id)  # read only here: most messages need no policy
    if sla is not None:
        await repository.add_targets(target_rows(sla, lifecycle.start(
            SnapshotTerms(sla), (SlaMetric.NEXT_RESPONSE,), started_at=now, status=ticket.status,
            now=now,
        )))


async def on_status_changed(
    session: AsyncSession, ticket: Ticket, old_status: TicketStatus, now: datetime
) -> None:
    """Solving meets the resolution and stops the rest; reopening starts a new resolution;
    entering a pause status pauses every active target and leaving it resumes them."""
    repository = TargetRepository(session)
    sla = await repository.ticket_sla(ticket.id)
    if sla is None:
        return
    change = lifecycle.status_change(old_status, ticket.status, sla.pause_statuses)
    if change is None:
        return
    terms = SnapshotTerms(sla)
    if change == "reopen":  # starts a target and reads none
        started = lifecycle.on_status_change(change, terms, (), status=ticket.status, now=now)
        await repository.add_targets(target_rows(sla, started))
        return
    running = await repository.running_of_ticket(ticket.id)
    lifecycle.on_status_change(change, terms, running, status=ticket.status, now=now)
    await _record_breaches(session, ticket, running, now)


async def on_attributes_changed(
    session: AsyncSession, ticket: Ticket, changed: set[str], now: datetime
) -> None:
    """Choose the policy again; running targets take its targets, measured from when they
    started. Met and breached targets keep the policy they were measured against."""
    if not changed & POLICY_ATTRIBUTES:
        return
    repository = TargetRepository(session)
    sla = await repository.ticket_sla(ticket.id)
    if sla is None:
        return
    fresh = await _snapshot_of_matching_policy(session, ticket, now)
    if _same_terms(sla, fresh):
        return
    _adopt(sla, fresh)
    terms = SnapshotTerms(sla)
    running = await repository.running_of_ticket(ticket.id)
    lifecycle.take_terms(running, terms, now)
    present: set[SlaMetric] = set()
    if ticket.status not in DONE_STATUSES:  # a solved ticket gets no target: no need to read
        present = {target.metric for target in await repository.of_ticket(ticket.id)}
    added = lifecycle.added_by_terms(
        terms, present, status=ticket.status, created_at=ticket.created_at,
        last_reopened_at=ticket.last_reopened_at,
        answered_before=ticket.first_responded_at is not None, now=now,
    )
    await repository.add_targets(target_rows(sla, added))


async def expectations(session: AsyncSession, ticket: Ticket, now: datetime) -> Expectations:
    """For `GET /v1/tickets/{id}`: when the customer can expect an answer and a resolution."""
    repository = TargetRepository(session)
    sla = await repository.ticket_sla(ticket.id)
    targets = await repository.of_ticket(ticket.id)
    return expectations_of(sla.policy_name if sla else None, targets, now)


async def elapsed_seconds(
    session: AsyncSession, ticket: Ticket, metric: SlaMetric, start: datetime, end: datetime
) -> float:
    """Seconds from start to end on the clock the ticket's policy uses for metric: business
    hours of its calendar snapshot, or calendar time (also when no policy applies)."""
    sla = await TargetRepository(session).ticket_sla(ticket.id)
    spec = sla.targets.get(metric) if sla is not None else None
    if sla is None or not spec or not spec.get("business_hours"):
        return (end - start).total_seconds()
    return business_time_between(calendar_from_json(sla.calendar), start, end).total_seconds()


def expectation_facts(ticket_id: ColumnElement[uuid.UUID]) -> LateralFromClause:
    """For reading a ticket with its expectations in one statement: a LATERAL subquery to join
    to it (ON true); `expectations_from_facts` makes the expectations of its columns."""
    return repository_expectation_facts(ticket_id)


def expectations_from_facts(facts: Mapping[str, Any], now: datetime) -> Expectations:
    return expectations_of_facts(facts, now)


def breached_filter(breached: bool) -> ColumnElement[bool]:
    """For the tickets list's `?breached=`: a condition on tickets, with (or without) at least
    one breached target."""
    return has_breached_target(breached)


def sla_event(
    payload: type[SlaWarningData | SlaBreachedData],
    target: TargetFacts,
    ticket: Ticket | TicketOut,
    now: datetime,
) -> NewEvent:
    """sla.warning or sla.breached, from a request or from the sweep: the target, and the
    ticket (loaded with its customer and order) as the ticket.* events carry it. A breach is
    dated when the promise was broken: the target's due time."""
    shown = ticket if isinstance(ticket, TicketOut) else TicketOut.model_validate(ticket)
    data = payload(
        ticket=shown, ticket_id=shown.id, ticket_number=shown.number, target_id=target.id,
        metric=target.metric, due_at=target.due_at,
        breached_at=target.due_at if payload is SlaBreachedData else None,
        policy_id=target.policy_id, policy_name=target.policy_name,
    )
    return new_event(data, now=now, subject_type="ticket", subject_id=shown.id)


async def _record_breaches(
    session: AsyncSession, ticket: Ticket, targets: Sequence[SlaTarget], now: datetime
) -> None:
    """The events of the running targets a change found already past due: the sweep will no
    longer see them."""
    await record_events(session, [
        sla_event(SlaBreachedData, target, ticket, now)
        for target in targets if target.status == TargetStatus.BREACHED
    ])


def target_rows(
    sla: TicketSla, started: Iterable[lifecycle.NewTarget[datetime, timedelta]]
) -> list[SlaTarget]:
    """The rows of targets the state machine started under this snapshot."""
    return [
        SlaTarget(
            ticket_id=sla.ticket_id, metric=new.metric, status=new.status,
            policy_id=sla.policy_id, policy_name=sla.policy_name, target=new.spec.target,
            warn_before=new.spec.warn_before, business_hours=new.spec.business_hours,
            started_at=new.started_at, due_at=new.due_at, warn_at=new.warn_at,
            paused_at=new.paused_at, paused_for=timedelta(0), created_at=new.started_at,
        )
        for new in started
    ]


# --- the policy snapshot -------------------------------------------------------------------


async def _snapshot_of_matching_policy(
    session: AsyncSession, ticket: TicketFacts, now: datetime
) -> TicketSla:
    return _snapshot_of(await PolicyRepository(session).terms_in_evaluation_order(), ticket, now)


def _snapshot_of(policies: Sequence[PolicyTerms], ticket: TicketFacts, now: datetime) -> TicketSla:
    policy = _matching(policies, ticket)
    return TicketSla(
        ticket_id=ticket.id, policy_id=policy.policy_id, policy_name=policy.policy_name,
        policy_version=policy.policy_version,
        calendar=None if policy.calendar is None else dict(policy.calendar),
        targets=dict(policy.targets), pause_statuses=list(policy.pause_statuses),
        escalate_on_breach=policy.escalate_on_breach, applied_at=now,
    )


def _matching(policies: Sequence[PolicyTerms], ticket: TicketFacts) -> PolicyTerms:
    attributes = TicketAttributes(ticket.priority, ticket.channel, ticket.tier, ticket.tags or [])
    return next((p for p in policies if policy_matches(p.conditions, attributes)), NO_POLICY)


def _terms(sla: TicketSla) -> tuple[object, ...]:
    return (
        sla.policy_id, sla.policy_version, sla.calendar, sla.targets,
        sorted(sla.pause_statuses), sla.escalate_on_breach,
    )


def _same_terms(current: TicketSla, fresh: TicketSla) -> bool:
    return _terms(current) == _terms(fresh)


def _adopt(sla: TicketSla, fresh: TicketSla) -> None:
    sla.policy_id = fresh.policy_id
    sla.policy_name = fresh.policy_name
    sla.policy_version = fresh.policy_version
    sla.calendar = fresh.calendar
    sla.targets = fresh.targets
    sla.pause_statuses = fresh.pause_statuses
    sla.escalate_on_breach = fresh.escalate_on_breach
    sla.applied_at = fresh.applied_at
