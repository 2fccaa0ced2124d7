"""The problem types of authentication and API keys."""

from app.kit.errors import ForbiddenError, NotFoundError, UnauthorizedError


class MissingApiKey(UnauthorizedError):
    """No API key was sent as `Authorization: Bearer <key>`."""

    slug = "missing-api-key"


class InvalidApiKey(UnauthorizedError):
    """The bearer token is not an API key of this service."""

    slug, title = "invalid-api-key", "Invalid API key"


class RevokedApiKey(UnauthorizedError):
    """The API key has been revoked."""

    slug, title = "revoked-api-key", "Revoked API key"


class MissingScope(ForbiddenError):
    """The API key lacks the scope the operation requires."""

    slug, title = "missing-scope", "Missing scope"


class ApiKeyNotFound(NotFoundError):
    """No API key has this id."""

    slug, title = "api-key-not-found", "API key not found"
