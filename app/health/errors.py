"""The problem types of the readiness check."""

from app.kit.errors import ServiceUnavailableError


class DatabaseNotMigrated(ServiceUnavailableError):
    """The database schema is not at the revision this code expects; run `aftercare migrate`."""

    slug, title = "database-not-migrated", "Database not migrated"
