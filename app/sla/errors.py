"""The problem types of SLA policies and business calendars."""

from app.kit.errors import ConflictError, NotFoundError


class CalendarNotFound(NotFoundError):
    """No business calendar has this id."""

    slug, title = "calendar-not-found", "Business calendar not found"


class CalendarInUse(ConflictError):
    """The business calendar to delete is used by an SLA policy."""

    slug, title = "calendar-in-use", "Business calendar in use"


class SlaPolicyNotFound(NotFoundError):
    """No SLA policy has this id."""

    slug, title = "sla-policy-not-found", "SLA policy not found"
