"""One ticket's life, replayed step by step with the rules the services apply.

Pure logic, no I/O. A script of actions (customer message, agent reply, status change,
escalation) is applied in time order exactly as `app.tickets.service` and `app.sla.hooks` would
apply it: the counters the metrics read (`first_responded_at`, `replies_at_first_solve`,
`reopen_count`, ...) and the SLA targets (met, breached, paused, stopped) come out of the replay,
not out of independent guesses, so every figure computed from them is consistent. Between
actions the SLA sweep runs as the worker would (warnings at `warn_at`, breaches at `due_at`), and
a ticket solved `AUTO_CLOSE_DAYS` ago is closed as the auto-close job would.

Times are POSIX seconds (floats) for speed; the caller converts them to datetimes.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from app.sla.rules import DONE_STATUSES, RUNNING
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import AuthorType, TicketStatus, Tier, apply_status

AUTO_CLOSE_DAYS = 4  # the default AUTO_CLOSE_SOLVED_AFTER_DAYS
DAY = 86_400.0

ActionKind = Literal["customer", "agent", "note", "status", "escalate", "assign"]


@dataclass(frozen=True, slots=True)
class TargetTerms:
    """What the ticket's policy promises for one metric (seconds), and its clock."""

    target: float
    warn_before: float
    business_hours: bool


@dataclass(frozen=True, slots=True)
class SlaTerms:
    """The policy snapshot applied to a ticket. `deadline(started, budget)` and
    `elapsed(start, end)` count in the policy's clock (calendar time unless business hours)."""

    policy_id: str | None
    policy_name: str | None
    targets: dict[SlaMetric, TargetTerms]
    pause_statuses: frozenset[TicketStatus]
    escalate_on_breach: bool
    deadline: Callable[[bool, float, float], float]
    elapsed: Callable[[bool, float, float], float]


@dataclass(slots=True)
class Target:
    metric: SlaMetric
    status: TargetStatus
    terms: TargetTerms
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
    """The ticket columns the services keep current, after the replay."""

    created_at: float
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


def replay(
    created_at: float, first_message: str, actions: Sequence[Action], sla: SlaTerms, now: float
) -> TicketState:
    """Apply `actions` (sorted by time) up to `now`; return the ticket as stored at `now`."""
    ticket = TicketState(created_at=created_at, updated_at=created_at)
    ticket.awaiting_reply_since = created_at
    ticket.messages.append(Message(created_at, AuthorType.CUSTOMER, True, first_message))
    _start(ticket, sla, (SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION), created_at)
    for action in actions:
        if action.at > now:
            break
        if ticket.status == TicketStatus.CLOSED:
            break
        _sweep(ticket, sla, action.at)
        if _auto_closed(ticket, sla, action.at):
            break
        _apply(ticket, sla, action)
    else:
        _auto_closed(ticket, sla, now)
    _sweep(ticket, sla, now)
    return ticket


def _auto_closed(ticket: TicketState, sla: SlaTerms, at: float) -> bool:
    """The auto-close job closes a ticket solved AUTO_CLOSE_DAYS ago (before `at`)."""
    if ticket.status != TicketStatus.SOLVED or ticket.solved_at is None:
        return False
    closes_at = ticket.solved_at + AUTO_CLOSE_DAYS * DAY
    if closes_at > at:
        return False
    _sweep(ticket, sla, closes_at)
    _set_status(ticket, sla, TicketStatus.CLOSED, closes_at)
    ticket.updated_at = closes_at
    return True


def _apply(ticket: TicketState, sla: SlaTerms, action: Action) -> None:
    at = action.at
    ticket.updated_at = at
    if action.kind == "customer":
        _customer_message(ticket, sla, at, action.value)
    elif action.kind == "agent":
        _agent_reply(ticket, at, action.value)
    elif action.kind == "note":
        ticket.messages.append(Message(at, AuthorType.AGENT, False, action.value))
    elif action.kind == "status":
        if action.value != ticket.status:
            _set_status(ticket, sla, TicketStatus(action.value), at)
    elif action.kind == "escalate":
        if ticket.tier == Tier.FRONT_LINE:
            ticket.tier, ticket.escalated_at = Tier.SENIOR, at
            ticket.escalation_reason = action.value
    elif action.kind == "assign":
        ticket.assignee = action.value


def _customer_message(ticket: TicketState, sla: SlaTerms, at: float, body: str) -> None:
    ticket.messages.append(Message(at, AuthorType.CUSTOMER, True, body))
    if ticket.awaiting_reply_since is None:
        ticket.awaiting_reply_since = at
    old_status = ticket.status
    if old_status == TicketStatus.SOLVED:
        _set_status(ticket, sla, TicketStatus.OPEN, at, sla_hooks=False)
    elif old_status == TicketStatus.PENDING:
        ticket.status = TicketStatus.OPEN
    # sla.on_message_added: a message waiting for a reply after the first answer starts a
    # next-response target, unless a response target is running already.
    running = _running(ticket, SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE)
    if ticket.first_responded_at is not None and not running:
        _start(ticket, sla, (SlaMetric.NEXT_RESPONSE,), at)
    if ticket.status != old_status:
        _status_hooks(ticket, sla, old_status, at)


def _agent_reply(ticket: TicketState, at: float, body: str) -> None:
    ticket.messages.append(Message(at, AuthorType.AGENT, True, body))
    ticket.public_agent_reply_count += 1
    ticket.awaiting_reply_since = None
    if ticket.first_responded_at is None:
        ticket.first_responded_at = at
    if ticket.status == TicketStatus.NEW:
        ticket.status = TicketStatus.OPEN  # new -> open changes no clock
    for target in _running(ticket, SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE):
        _finish(target, TargetStatus.MET, at)


def _set_status(
    ticket: TicketState,
    sla: SlaTerms,
    status: TicketStatus,
    at: float,
    *,
    sla_hooks: bool = True,
) -> None:
    old_status = ticket.status
    apply_status(ticket, status, at)  # the tickets service's own rule
    if sla_hooks:
        _status_hooks(ticket, sla, old_status, at)


def _status_hooks(
    ticket: TicketState, sla: SlaTerms, old_status: TicketStatus, at: float
) -> None:
    """sla.on_status_changed."""
    new_status = ticket.status
    if new_status in DONE_STATUSES:
        if old_status not in DONE_STATUSES:
            for target in _running(ticket, SlaMetric.RESOLUTION):
                _finish(target, TargetStatus.MET, at)
            for target in _running(ticket, SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE):
                _finish(target, TargetStatus.STOPPED, at)
        return
    if old_status in DONE_STATUSES:
        _start(ticket, sla, (SlaMetric.RESOLUTION,), at)
        return
    paused_now = new_status in sla.pause_statuses
    was_paused = old_status in sla.pause_statuses
    if paused_now and not was_paused:
        for target in ticket.targets:
            if target.status == TargetStatus.ACTIVE:
                target.status, target.paused_at = TargetStatus.PAUSED, at
    elif was_paused and not paused_now:
        for target in ticket.targets:
            if target.status == TargetStatus.PAUSED and target.paused_at is not None:
                target.paused_for += sla.elapsed(target.terms.business_hours, target.paused_at, at)
                target.paused_at = None
                target.status = TargetStatus.ACTIVE
                _retime(target, sla)


def _start(
    ticket: TicketState, sla: SlaTerms, metrics: Sequence[SlaMetric], at: float
) -> None:
    paused = ticket.status in sla.pause_statuses
    for metric in metrics:
        terms = sla.targets.get(metric)
        if terms is None:
            continue
        status = TargetStatus.PAUSED if paused else TargetStatus.ACTIVE
        target = Target(metric, status, terms, at, at, at)
        target.paused_at = at if paused else None
        _retime(target, sla)
        ticket.targets.append(target)


def _retime(target: Target, sla: SlaTerms) -> None:
    terms = target.terms
    target.due_at = sla.deadline(
        terms.business_hours, target.started_at, terms.target + target.paused_for
    )
    warn_budget = max(0.0, terms.target - terms.warn_before) + target.paused_for
    target.warn_at = sla.deadline(terms.business_hours, target.started_at, warn_budget)


def _running(ticket: TicketState, *metrics: SlaMetric) -> list[Target]:
    return [t for t in ticket.targets if t.metric in metrics and t.status in RUNNING]


def _finish(target: Target, status: TargetStatus, at: float) -> None:
    target.status = status
    target.paused_at = None
    if status == TargetStatus.MET:
        target.met_at = at
    else:
        target.stopped_at = at


def _sweep(ticket: TicketState, sla: SlaTerms, at: float) -> None:
    """What the worker's SLA sweep has done by `at`: warn, then breach, active targets."""
    for target in ticket.targets:
        if target.status != TargetStatus.ACTIVE:
            continue
        if target.warned_at is None and target.warn_at <= at and target.warn_at < target.due_at:
            target.warned_at = target.warn_at
        if target.due_at <= at:
            target.status, target.breached_at = TargetStatus.BREACHED, target.due_at
            ticket.breaches.append(target)
            if sla.escalate_on_breach and ticket.tier == Tier.FRONT_LINE:
                ticket.tier, ticket.escalated_at = Tier.SENIOR, target.due_at
                ticket.escalation_reason = f"SLA {target.metric} breached"
