"""The survey vocabulary."""

from enum import StrEnum


class InvitationTrigger(StrEnum):
    """Why an invitation exists: created through the API, or by the worker when a ticket was
    solved."""

    API = "api"
    TICKET_SOLVED = "ticket_solved"
