"""The problem types of events."""

from app.kit.errors import NotFoundError


class EventNotFound(NotFoundError):
    """No event has this id."""

    slug, title = "event-not-found", "Event not found"
