"""Ticket statuses, priorities, channels, tiers and the status transitions allowed between
them."""

from enum import IntEnum, StrEnum
from typing import Any, Protocol


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    ON_HOLD = "on_hold"
    SOLVED = "solved"
    CLOSED = "closed"


DONE_STATUSES = (TicketStatus.SOLVED, TicketStatus.CLOSED)  # the ticket needs nothing more


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    CHAT = "chat"
    SOCIAL = "social"
    WEB = "web"
    API = "api"


class AuthorType(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"


class Tier(IntEnum):
    FRONT_LINE = 1
    SENIOR = 2


# closed is final; solved may only go back to open (a reopen) or on to closed.
ALLOWED_TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.NEW: frozenset({
        TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED,
    }),
    TicketStatus.OPEN: frozenset({TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED}),
    TicketStatus.PENDING: frozenset({TicketStatus.OPEN, TicketStatus.ON_HOLD, TicketStatus.SOLVED}),
    TicketStatus.ON_HOLD: frozenset({TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED}),
    TicketStatus.SOLVED: frozenset({TicketStatus.OPEN, TicketStatus.CLOSED}),
    TicketStatus.CLOSED: frozenset(),
}


def can_transition(current: TicketStatus, target: TicketStatus) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


def is_reopen(current: TicketStatus, target: TicketStatus) -> bool:
    return current == TicketStatus.SOLVED and target == TicketStatus.OPEN


class StatusCounters(Protocol):
    """The ticket fields a status change keeps current (times: datetimes, or the demo's
    seconds; the rule is the same)."""

    status: TicketStatus
    reopen_count: int
    public_agent_reply_count: int
    replies_at_first_solve: int | None
    first_reopened_at: Any
    last_reopened_at: Any
    solved_at: Any
    first_solved_at: Any
    closed_at: Any


def apply_status(ticket: StatusCounters, target: TicketStatus, at: Any) -> None:
    """Move to `target` (already checked as allowed) and record what the metrics read:
    reopens, first and last solve, replies at first solve (FCR), close time."""
    if is_reopen(ticket.status, target):
        ticket.reopen_count += 1
        ticket.first_reopened_at = ticket.first_reopened_at or at
        ticket.last_reopened_at = at
        ticket.solved_at = None
    if target == TicketStatus.SOLVED:
        ticket.solved_at = at
        if ticket.first_solved_at is None:
            ticket.first_solved_at = at
            ticket.replies_at_first_solve = ticket.public_agent_reply_count
    if target == TicketStatus.CLOSED:
        ticket.closed_at = at
    ticket.status = target
