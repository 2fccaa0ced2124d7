"""Ticket statuses, priorities, channels and the status transitions allowed between them."""

from typing import Literal, get_args

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
