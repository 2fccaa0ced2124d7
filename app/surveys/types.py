"""The survey vocabulary."""

from enum import StrEnum


class InvitationTrigger(StrEnum):
    """Why an invitation exists: created through the API, or by the worker when a ticket was
    solved."""

    API = "api"
    TICKET_SOLVED = "ticket_solved"


class SkipReason(StrEnum):
    """Why an automatic invitation was not made: the customer was invited recently, or falls
    outside the template's sample."""

    FATIGUE = "fatigue"
    SAMPLING = "sampling"
