"""The problem types of idempotent requests."""

from app.kit.errors import ConflictError, UnprocessableError


class IdempotencyKeyInFlight(ConflictError):
    """A request with this `Idempotency-Key` is still being processed; retry later."""

    slug, title = "idempotency-key-in-flight", "Idempotency key in flight"


class IdempotencyKeyReused(UnprocessableError):
    """This `Idempotency-Key` was already used with a different request."""

    slug, title = "idempotency-key-reused", "Idempotency key reused"
