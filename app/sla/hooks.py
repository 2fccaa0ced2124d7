"""The ticket lifecycle as the SLA engine sees it.

The tickets service calls these inside its transaction, after updating the ticket row, which it
holds FOR UPDATE. Targets of a ticket change only under that lock (the sweep takes it too), so
a request and the sweep never act on the same target at once.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import ColumnElement, exists, not_
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.service import new_event, record_events
from app.events.types import EventType
from app.models import Event, SlaTarget, Ticket, TicketSla
from app.sla.business_hours import BusinessCalendar, business_time_between
from app.sla.repository import PolicyRepository, TargetRepository
from app.sla.rules import (
    DEFAULT_PAUSE_STATUSES,
    DONE_STATUSES,
    TargetFacts,
    TargetSpec,
    TicketAttributes,
    calendar_from_json,
    calendar_snapshot,
    compute_deadlines,
    expectation_status,
    paused_time,
    policy_matches,
    sla_event_data,
)
from app.sla.schemas import Expectation, Expectations
from app.sla.types import ExpectationStatus, SlaMetric, TargetStatus
from app.tickets.vocabulary import AuthorType, Channel, Priority, TicketStatus, Tier

POLICY_ATTRIBUTES = frozenset({"priority", "channel", "tier", "tags"})
_STARTED_AT_CREATION = (SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)


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


async def on_ticket_created(session: AsyncSession, ticket: TicketFacts, now: datetime) -> None:
    """Apply the first matching policy and start the first-response and resolution clocks."""
    sla = await _snapshot_of_matching_policy(session, ticket, now)
    paused_at = _pause_start(sla, ticket, now)
    targets = _new_targets(sla, _STARTED_AT_CREATION, started_at=now, paused_at=paused_at)
    await TargetRepository(session).insert_snapshot_and_targets(sla, targets)


async def on_message_added(
    session: AsyncSession,
    ticket: Ticket,
    *,
    author_type: AuthorType,
    public: bool,
    now: datetime,
) -> None:
    """A public agent reply meets the open response targets; a customer message waiting for a
    reply after the first answer starts a next-response target (one at a time: later
    messages before the reply are answered by the same reply)."""
    if not public:
        return
    repository = TargetRepository(session)
    running = await repository.running_of_ticket(ticket.id)
    if author_type == AuthorType.AGENT:
        responses = _of_metric(running, SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE)
        await _meet(session, ticket, responses, now)
        return
    if not _awaits_next_response(ticket, running):
        return
    sla = await repository.ticket_sla(ticket.id)  # read only here: most messages need no policy
    if sla is not None:
        await repository.add_targets(_new_targets(
            sla, (SlaMetric.NEXT_RESPONSE,), started_at=now,
            paused_at=_pause_start(sla, ticket, now),
        ))


async def on_status_changed(
    session: AsyncSession, ticket: Ticket, old_status: TicketStatus, now: datetime
) -> None:
    """Solving meets the resolution and stops the rest; reopening starts a new resolution;
    entering a pause status pauses every active target and leaving it resumes them."""
    new_status = ticket.status
    repository = TargetRepository(session)
    sla = await repository.ticket_sla(ticket.id)
    if sla is None or new_status == old_status:
        return
    if new_status in DONE_STATUSES:
        if old_status not in DONE_STATUSES:
            running = await repository.running_of_ticket(ticket.id)
            await _meet(session, ticket, _of_metric(running, SlaMetric.RESOLUTION), now)
            responses = _of_metric(running, SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE)
            _finish(responses, TargetStatus.STOPPED, now)
        return
    if old_status in DONE_STATUSES:
        await repository.add_targets(_new_targets(
            sla, (SlaMetric.RESOLUTION,), started_at=now, paused_at=_pause_start(sla, ticket, now)
        ))
        return
    paused_now = new_status in sla.pause_statuses
    was_paused = old_status in sla.pause_statuses
    if paused_now == was_paused:  # e.g. new -> open: the clocks run on as they were
        return
    running = await repository.running_of_ticket(ticket.id)
    if paused_now:
        _pause([target for target in running if target.status == TargetStatus.ACTIVE], now)
    else:
        _resume([target for target in running if target.status == TargetStatus.PAUSED], sla, now)


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
    for target in await repository.running_of_ticket(ticket.id):
        _apply_terms(target, sla, now)
    await repository.add_targets(await _targets_the_new_policy_adds(repository, ticket, sla, now))


async def expectations(session: AsyncSession, ticket: Ticket, now: datetime) -> Expectations:
    """For `GET /v1/tickets/{id}`: when the customer can expect an answer and a resolution."""
    repository = TargetRepository(session)
    sla = await repository.ticket_sla(ticket.id)
    targets = [t for t in await repository.of_ticket(ticket.id) if t.status != TargetStatus.STOPPED]
    return Expectations(
        policy_name=sla.policy_name if sla else None,
        first_response=_expectation(_latest(targets, SlaMetric.FIRST_RESPONSE), now),
        next_response=_expectation(_latest(targets, SlaMetric.NEXT_RESPONSE), now),
        resolution=_expectation(_latest(targets, SlaMetric.RESOLUTION), now),
    )


def breached_filter(breached: bool) -> ColumnElement[bool]:
    """Tickets with (or without) at least one breached target, for `?breached=`."""
    has_breach = exists().where(
        SlaTarget.ticket_id == Ticket.id, SlaTarget.status == TargetStatus.BREACHED
    )
    return has_breach if breached else not_(has_breach)


# --- the policy snapshot -------------------------------------------------------------------


async def _snapshot_of_matching_policy(
    session: AsyncSession, ticket: TicketFacts, now: datetime
) -> TicketSla:
    attributes = TicketAttributes(ticket.priority, ticket.channel, ticket.tier, ticket.tags or [])
    policies = await PolicyRepository(session).terms_in_evaluation_order()
    policy = next((p for p in policies if policy_matches(p.conditions, attributes)), None)
    if policy is None:
        return TicketSla(
            ticket_id=ticket.id, policy_id=None, policy_name=None, policy_version=None,
            calendar=None, targets={}, pause_statuses=list(DEFAULT_PAUSE_STATUSES),
            escalate_on_breach=False, applied_at=now,
        )
    calendar = None if policy.timezone is None else calendar_snapshot(
        policy.timezone, policy.weekly_hours, policy.holidays
    )
    return TicketSla(
        ticket_id=ticket.id, policy_id=policy.id, policy_name=policy.name,
        policy_version=policy.version, calendar=calendar, targets=dict(policy.targets),
        pause_statuses=list(policy.pause_statuses),
        escalate_on_breach=policy.escalate_on_breach, applied_at=now,
    )


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


# --- targets -------------------------------------------------------------------------------


def _pause_start(sla: TicketSla, ticket: TicketFacts, now: datetime) -> datetime | None:
    """A target started while the ticket waits in a pause status starts paused, from now."""
    return now if ticket.status in sla.pause_statuses else None


def _new_targets(
    sla: TicketSla,
    metrics: Iterable[SlaMetric],
    *,
    started_at: datetime,
    paused_at: datetime | None,
) -> list[SlaTarget]:
    calendar = calendar_from_json(sla.calendar)
    targets = []
    for metric in metrics:
        definition = sla.targets.get(metric)
        if definition is None:
            continue
        spec = TargetSpec.from_json(definition)
        deadlines = compute_deadlines(calendar, spec, started_at)
        targets.append(SlaTarget(
            ticket_id=sla.ticket_id, metric=metric,
            status=TargetStatus.ACTIVE if paused_at is None else TargetStatus.PAUSED,
            policy_id=sla.policy_id, policy_name=sla.policy_name,
            target=spec.target, warn_before=spec.warn_before, business_hours=spec.business_hours,
            started_at=started_at, due_at=deadlines.due_at, warn_at=deadlines.warn_at,
            paused_at=paused_at, paused_for=timedelta(0), created_at=started_at,
        ))
    return targets


def _of_metric(targets: Sequence[SlaTarget], *metrics: SlaMetric) -> list[SlaTarget]:
    return [target for target in targets if target.metric in metrics]


async def _meet(
    session: AsyncSession, ticket: Ticket, targets: Sequence[SlaTarget], now: datetime
) -> None:
    """Met if in time. One already past due that the sweep has not reached yet was breached:
    record that here, with its event, since the sweep will no longer see it."""
    late = [t for t in targets if t.status == TargetStatus.ACTIVE and t.due_at <= now]
    _finish([t for t in targets if t not in late], TargetStatus.MET, now)
    for target in late:
        target.status, target.breached_at = TargetStatus.BREACHED, target.due_at
    await record_events(
        session,
        [sla_event(EventType.SLA_BREACHED, target, ticket.number, now) for target in late],
    )


def sla_event(
    event_type: EventType, target: TargetFacts, ticket_number: int, now: datetime
) -> Event:
    """sla.warning or sla.breached, from a request or from the sweep."""
    return new_event(
        event_type, sla_event_data(target, ticket_number), now=now, subject_type="ticket",
        subject_id=target.ticket_id,
    )


def _finish(targets: Iterable[SlaTarget], status: TargetStatus, now: datetime) -> None:
    for target in targets:
        target.status = status
        target.paused_at = None
        if status == TargetStatus.MET:
            target.met_at = now
        else:
            target.stopped_at = now


def _pause(targets: Iterable[SlaTarget], now: datetime) -> None:
    for target in targets:
        target.status = TargetStatus.PAUSED
        target.paused_at = now


def _resume(targets: Iterable[SlaTarget], sla: TicketSla, now: datetime) -> None:
    calendar = calendar_from_json(sla.calendar)
    for target in targets:
        assert target.paused_at is not None
        target.paused_for += paused_time(calendar, target.business_hours, target.paused_at, now)
        target.paused_at = None
        target.status = TargetStatus.ACTIVE
        _retime(target, calendar)


def _retime(target: SlaTarget, calendar: BusinessCalendar) -> None:
    spec = TargetSpec(target.target, target.warn_before, target.business_hours)
    deadlines = compute_deadlines(calendar, spec, target.started_at, target.paused_for)
    target.due_at, target.warn_at = deadlines.due_at, deadlines.warn_at


def _apply_terms(target: SlaTarget, sla: TicketSla, now: datetime) -> None:
    """Measure a running target against the ticket's (new) policy, or stop it if the policy
    promises nothing for its metric."""
    definition = sla.targets.get(target.metric)
    if definition is None:
        _finish([target], TargetStatus.STOPPED, now)
        return
    spec = TargetSpec.from_json(definition)
    target.policy_id, target.policy_name = sla.policy_id, sla.policy_name
    target.target, target.warn_before = spec.target, spec.warn_before
    target.business_hours = spec.business_hours
    _retime(target, calendar_from_json(sla.calendar))


async def _targets_the_new_policy_adds(
    repository: TargetRepository, ticket: Ticket, sla: TicketSla, now: datetime
) -> list[SlaTarget]:
    """First response and resolution targets the previous policy did not promise, measured
    from when the ticket began waiting for them. Time the ticket already spent paused is not
    known here, so a target added while the ticket is paused counts its pause from now."""
    if ticket.status in DONE_STATUSES:
        return []
    existing = {target.metric for target in await repository.of_ticket(ticket.id)}
    paused_at = _pause_start(sla, ticket, now)
    added: list[SlaTarget] = []
    if SlaMetric.FIRST_RESPONSE not in existing and ticket.first_responded_at is None:
        added += _new_targets(
            sla, (SlaMetric.FIRST_RESPONSE,), started_at=ticket.created_at, paused_at=paused_at
        )
    if SlaMetric.RESOLUTION not in existing:
        started_at = ticket.last_reopened_at or ticket.created_at
        added += _new_targets(
            sla, (SlaMetric.RESOLUTION,), started_at=started_at, paused_at=paused_at
        )
    return added


def _awaits_next_response(ticket: Ticket, running: Sequence[SlaTarget]) -> bool:
    answered_before = ticket.first_responded_at is not None
    responses = _of_metric(running, SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE)
    return answered_before and not responses


# --- expectations --------------------------------------------------------------------------


def _latest(targets: Sequence[SlaTarget], metric: SlaMetric) -> SlaTarget | None:
    of_metric = _of_metric(targets, metric)
    return of_metric[-1] if of_metric else None


def _expectation(target: SlaTarget | None, now: datetime) -> Expectation | None:
    if target is None:
        return None
    status = expectation_status(target.status, target.due_at, target.warn_at, now)
    return Expectation(
        status=status,
        due_at=None if status == ExpectationStatus.PAUSED else target.due_at,
        met_at=target.met_at,
        breached_at=target.breached_at
        or (target.due_at if status == ExpectationStatus.BREACHED else None),
    )


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
