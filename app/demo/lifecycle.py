"""One ticket's life, replayed step by step with the rules the services apply.

Pure logic, no I/O. A script of actions (customer message, agent reply, status change,
escalation) is applied in time order exactly as `app.tickets.service` would apply it, and its
SLA targets move through `app.sla.lifecycle`, the state machine the live engine runs: the
counters the metrics read (`first_responded_at`, `replies_at_first_solve`, `reopen_count`, ...)
and the SLA targets (met, breached, paused, stopped) come out of the replay, not out of
independent guesses, so every figure computed from them is consistent. Between actions the SLA
sweep runs as the worker would (warnings at `warn_at`, breaches at `due_at`), and a ticket solved
`AUTO_CLOSE_DAYS` ago is closed as the auto-close job would.

Times are POSIX seconds (floats) for speed; the caller converts them to datetimes.
"""

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from app.sla import lifecycle
from app.sla.rules import RUNNING, BusinessClock, TargetSpec
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import AuthorType, TicketStatus, Tier, apply_status

AUTO_CLOSE_DAYS = 4  # the default AUTO_CLOSE_SOLVED_AFTER_DAYS
DAY = 86_400.0

ActionKind = Literal["customer", "agent", "note", "status", "escalate", "assign"]


@dataclass(frozen=True, slots=True)
class SecondsClock:
    """A policy's clock on POSIX seconds: calendar time is plain addition, business hours go
    through the live engine's own arithmetic (on datetimes)."""

    business: BusinessClock
    zero: float = 0.0

    def add(self, business_hours: bool, start: float, length: float) -> float:
        if not business_hours:
            return start + length
        moment = datetime.fromtimestamp(start, UTC)
        return self.business.add(True, moment, timedelta(seconds=length)).timestamp()

    def between(self, business_hours: bool, start: float, end: float) -> float:
        if not business_hours:
            return end - start
        return self.business.between(
            True, datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC)
        ).total_seconds()


@dataclass(frozen=True, slots=True, eq=False)
class SlaTerms:
    """The policy snapshot applied to a ticket, in seconds. Two are the same policy only when
    they are the same object."""

    policy_id: uuid.UUID | None
    policy_name: str | None
    targets: Mapping[SlaMetric, TargetSpec[float]]
    pause_statuses: frozenset[TicketStatus]
    escalate_on_breach: bool
    clock: SecondsClock

    def spec(self, metric: SlaMetric) -> TargetSpec[float] | None:
        return self.targets.get(metric)


@dataclass(slots=True)
class Target:
    metric: SlaMetric
    status: TargetStatus
    policy_id: uuid.UUID | None
    policy_name: str | None
    target: float
    warn_before: float
    business_hours: bool
    started_at: float
    due_at: float
    warn_at: float
    paused_at: float | None = None
    paused_for: float = 0.0
    warned_at: float | None = None
    breached_at: float | None = None
    met_at: float | None = None
    stopped_at: float | None = None


@dataclass(frozen=True, slots=True)
class Action:
    at: float
    kind: ActionKind
    value: str = ""  # the new status, the escalation reason, the assignee, the message body


@dataclass(slots=True)
class Message:
    at: float
    author_type: AuthorType
    public: bool
    body: str


@dataclass(slots=True)
class TicketState:
    """The ticket columns the services keep current, after the replay, and its SLA snapshot:
    the policy in force and when it was applied."""

    created_at: float
    sla: SlaTerms
    sla_applied_at: float
    status: TicketStatus = TicketStatus.NEW
    tier: Tier = Tier.FRONT_LINE
    assignee: str | None = None
    updated_at: float = 0.0
    first_responded_at: float | None = None
    first_solved_at: float | None = None
    solved_at: float | None = None
    closed_at: float | None = None
    public_agent_reply_count: int = 0
    reopen_count: int = 0
    first_reopened_at: float | None = None
    last_reopened_at: float | None = None
    replies_at_first_solve: int | None = None
    awaiting_reply_since: float | None = None
    escalated_at: float | None = None
    escalation_reason: str | None = None
    messages: list[Message] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    breaches: list[Target] = field(default_factory=list)


# The SLA policy matching the ticket at a tier: escalating chooses the policy again.
PolicyAtTier = Callable[[Tier], SlaTerms]


def replay(
    created_at: float,
    first_message: str,
    actions: Sequence[Action],
    policy: PolicyAtTier,
    now: float,
) -> TicketState:
    """Apply `actions` (sorted by time) up to `now`; return the ticket as stored at `now`."""
    sla = policy(Tier.FRONT_LINE)
    ticket = TicketState(
        created_at=created_at, sla=sla, sla_applied_at=created_at, updated_at=created_at
    )
    ticket.awaiting_reply_since = created_at
    ticket.messages.append(Message(created_at, AuthorType.CUSTOMER, True, first_message))
    _add(ticket, lifecycle.start(
        sla, lifecycle.AT_CREATION, started_at=created_at, status=ticket.status, now=created_at
    ))
    for action in actions:
        if action.at > now:
            break
        if ticket.status == TicketStatus.CLOSED:
            break
        _sweep(ticket, policy, action.at)
        if _auto_closed(ticket, policy, action.at):
            break
        _apply(ticket, policy, action)
    else:
        _auto_closed(ticket, policy, now)
    _sweep(ticket, policy, now)
    return ticket


def _auto_closed(ticket: TicketState, policy: PolicyAtTier, at: float) -> bool:
    """The auto-close job closes a ticket solved AUTO_CLOSE_DAYS ago (before `at`)."""
    if ticket.status != TicketStatus.SOLVED or ticket.solved_at is None:
        return False
    closes_at = ticket.solved_at + AUTO_CLOSE_DAYS * DAY
    if closes_at > at:
        return False
    _sweep(ticket, policy, closes_at)
    _set_status(ticket, TicketStatus.CLOSED, closes_at)
    ticket.updated_at = closes_at
    return True


def _apply(ticket: TicketState, policy: PolicyAtTier, action: Action) -> None:
    at = action.at
    ticket.updated_at = at
    if action.kind == "customer":
        _customer_message(ticket, at, action.value)
    elif action.kind == "agent":
        _agent_reply(ticket, at, action.value)
    elif action.kind == "note":
        ticket.messages.append(Message(at, AuthorType.AGENT, False, action.value))
    elif action.kind == "status":
        if action.value != ticket.status:
            _set_status(ticket, TicketStatus(action.value), at)
    elif action.kind == "escalate":
        if ticket.tier == Tier.FRONT_LINE:
            _escalate(ticket, policy, action.value, at)
    elif action.kind == "assign":
        ticket.assignee = action.value


def _customer_message(ticket: TicketState, at: float, body: str) -> None:
    ticket.messages.append(Message(at, AuthorType.CUSTOMER, True, body))
    if ticket.awaiting_reply_since is None:
        ticket.awaiting_reply_since = at
    old_status = ticket.status
    if old_status == TicketStatus.SOLVED:
        apply_status(ticket, TicketStatus.OPEN, at)
    elif old_status == TicketStatus.PENDING:
        ticket.status = TicketStatus.OPEN
    answered_before = ticket.first_responded_at is not None
    if lifecycle.awaits_next_response(ticket.targets, answered_before=answered_before):
        _add(ticket, lifecycle.start(
            ticket.sla, (SlaMetric.NEXT_RESPONSE,), started_at=at, status=ticket.status, now=at
        ))
    if ticket.status != old_status:
        _status_changed(ticket, old_status, at)


def _agent_reply(ticket: TicketState, at: float, body: str) -> None:
    ticket.messages.append(Message(at, AuthorType.AGENT, True, body))
    ticket.public_agent_reply_count += 1
    ticket.awaiting_reply_since = None
    if ticket.first_responded_at is None:
        ticket.first_responded_at = at
    old_status = ticket.status
    if old_status == TicketStatus.NEW:
        ticket.status = TicketStatus.OPEN
    running = _running(ticket)
    lifecycle.answered(running, at)
    _record_breaches(ticket, running)
    if ticket.status != old_status:
        _status_changed(ticket, old_status, at)


def _set_status(ticket: TicketState, status: TicketStatus, at: float) -> None:
    old_status = ticket.status
    apply_status(ticket, status, at)  # the tickets service's own rule
    _status_changed(ticket, old_status, at)


def _status_changed(ticket: TicketState, old_status: TicketStatus, at: float) -> None:
    sla = ticket.sla
    change = lifecycle.status_change(old_status, ticket.status, sla.pause_statuses)
    if change is None:
        return
    running = _running(ticket)
    _add(ticket, lifecycle.on_status_change(change, sla, running, status=ticket.status, now=at))
    _record_breaches(ticket, running)


def _escalate(ticket: TicketState, policy: PolicyAtTier, reason: str, at: float) -> None:
    """Tier 2, and the policy chosen again for it (as `app.sla.service.on_attributes_changed`)."""
    ticket.tier, ticket.escalated_at, ticket.escalation_reason = Tier.SENIOR, at, reason
    fresh = policy(ticket.tier)
    if fresh is ticket.sla:
        return
    ticket.sla, ticket.sla_applied_at = fresh, at
    lifecycle.take_terms(_running(ticket), fresh, at)
    _add(ticket, lifecycle.added_by_terms(
        fresh, {target.metric for target in ticket.targets}, status=ticket.status,
        created_at=ticket.created_at, last_reopened_at=ticket.last_reopened_at,
        answered_before=ticket.first_responded_at is not None, now=at,
    ))


def _add(ticket: TicketState, started: Iterable[lifecycle.NewTarget[float, float]]) -> None:
    sla = ticket.sla
    for new in started:
        spec = new.spec
        ticket.targets.append(Target(
            new.metric, new.status, sla.policy_id, sla.policy_name, spec.target,
            spec.warn_before, spec.business_hours, new.started_at, new.due_at, new.warn_at,
            new.paused_at,
        ))


def _running(ticket: TicketState) -> list[Target]:
    return [target for target in ticket.targets if target.status in RUNNING]


def _record_breaches(ticket: TicketState, running: Iterable[Target]) -> None:
    """Running targets a change found past due before the sweep did."""
    for target in running:
        if target.status == TargetStatus.BREACHED:
            ticket.breaches.append(target)


def _sweep(ticket: TicketState, policy: PolicyAtTier, at: float) -> None:
    """What the worker's SLA sweep has done by `at`, run at each instant a target fell due or
    entered its warning window: breaches first (escalating where the policy asks), then
    warnings. A sweep never runs before the ticket's last change."""
    since = ticket.updated_at
    while (moment := _next_sweep(ticket.targets, since)) is not None and moment <= at:
        due = [t for t in ticket.targets if t.status == TargetStatus.ACTIVE and t.due_at <= moment]
        due.sort(key=lambda target: target.due_at)
        for target in due:
            lifecycle.breach(target)
        ticket.breaches.extend(due)
        if due and ticket.sla.escalate_on_breach and ticket.tier == Tier.FRONT_LINE:
            _escalate(ticket, policy, f"SLA {due[0].metric} breached", moment)
        for target in ticket.targets:
            if (
                target.status == TargetStatus.ACTIVE and target.warned_at is None
                and target.warn_at <= moment < target.due_at
            ):
                target.warned_at = moment
        since = moment


def _next_sweep(targets: Iterable[Target], since: float) -> float | None:
    """When the sweep has something to do next, not before `since`."""
    earliest = None
    for target in targets:
        if target.status != TargetStatus.ACTIVE:
            continue
        instant = target.due_at
        if target.warned_at is None and target.warn_at < instant:
            instant = target.warn_at
        if earliest is None or instant < earliest:
            earliest = instant
    return None if earliest is None else max(earliest, since)
