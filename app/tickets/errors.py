"""The problem types of tickets."""

from app.kit.errors import ConflictError, NotFoundError, UnprocessableError


class TicketNotFound(NotFoundError):
    """No ticket has this id or number."""

    slug, title = "ticket-not-found", "Ticket not found"


class CustomerKeptChanging(ConflictError):
    """Other requests kept changing the ticket's customer while the ticket was written, each
    time between its read and its write; nothing was written: retry."""

    slug, title = "customer-kept-changing", "Customer kept changing"
    headers = {"Retry-After": "1"}


class TicketClosed(ConflictError):
    """The ticket is closed: it accepts no message, status change or escalation."""

    slug, title = "ticket-closed", "Ticket closed"


class AlreadyAtTierTwo(ConflictError):
    """The ticket to escalate is already at tier 2."""

    slug, title = "ticket-already-at-tier-two", "Ticket already at tier 2"


class TicketTransitionNotAllowed(UnprocessableError):
    """The ticket cannot move from its status to the requested one."""

    slug, title = "ticket-transition-not-allowed", "Ticket status change not allowed"


class StatusLinkNotFound(NotFoundError):
    """The status link is unknown, revoked or expired (one answer for all three)."""

    slug, title = "status-link-not-found", "Status link not found"
