"""Readiness: the database answers and its schema is the one this code expects."""

import logging

from sqlalchemy.exc import SQLAlchemyError

from app.health.errors import DatabaseNotMigrated
from app.kit.db import Database
from app.kit.errors import DatabaseUnavailable
from app.kit.migrations import current_revision, head_revision

logger = logging.getLogger("aftercare.health")


async def ready_revision(database: Database) -> str:
    """The schema revision, when it is the head one; 503 otherwise."""
    try:
        async with database.engine.connect() as connection:
            revision = await current_revision(connection)
    except (SQLAlchemyError, OSError) as error:
        logger.warning("readiness: database unreachable", extra={"error": str(error)})
        raise DatabaseUnavailable("The database is unreachable.") from error
    expected = head_revision()
    if revision != expected:
        raise DatabaseNotMigrated(
            f"The database schema is at {revision or 'no revision'}, expected {expected}; "
            "run `aftercare migrate`."
        )
    return revision or ""
