"""Ticket statuses, priorities, channels and the status transitions allowed between them."""

from typing import Any, Literal, Protocol, get_args

TicketStatus = Literal["new", "open", "pending", "on_hold", "solved", "closed"]
Priority = Literal["low", "normal", "high", "urgent"]
Channel = Literal["email", "phone", "chat", "social", "web", "api"]
AuthorType = Literal["customer", "agent"]
Tier = Literal[1, 2]

STATUSES: tuple[TicketStatus, ...] = get_args(TicketStatus)

# closed is final; solved may only go back to open (a reopen) or on to closed.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"open", "pending", "on_hold", "solved"}),
    "open": frozenset({"pending", "on_hold", "solved"}),
    "pending": frozenset({"open", "on_hold", "solved"}),
    "on_hold": frozenset({"open", "pending", "solved"}),
    "solved": frozenset({"open", "closed"}),
    "closed": frozenset(),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


def is_reopen(current: str, target: str) -> bool:
    return current == "solved" and target == "open"


class StatusCounters(Protocol):
    """The ticket fields a status change keeps current (times: datetimes, or the demo's
    seconds; the rule is the same)."""

    status: str
    reopen_count: int
    public_agent_reply_count: int
    replies_at_first_solve: int | None
    first_reopened_at: Any
    last_reopened_at: Any
    solved_at: Any
    first_solved_at: Any
    closed_at: Any


def apply_status(ticket: StatusCounters, target: str, at: Any) -> None:
    """Move to `target` (already checked as allowed) and record what the metrics read:
    reopens, first and last solve, replies at first solve (FCR), close time."""
    if is_reopen(ticket.status, target):
        ticket.reopen_count += 1
        ticket.first_reopened_at = ticket.first_reopened_at or at
        ticket.last_reopened_at = at
        ticket.solved_at = None
    if target == "solved":
        ticket.solved_at = at
        if ticket.first_solved_at is None:
            ticket.first_solved_at = at
            ticket.replies_at_first_solve = ticket.public_agent_reply_count
    if target == "closed":
        ticket.closed_at = at
    ticket.status = target
