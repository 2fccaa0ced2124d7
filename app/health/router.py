import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from app.health.errors import DatabaseNotMigrated
from app.kit.db import Database
from app.kit.errors import DatabaseUnavailable
from app.kit.migrations import current_revision, head_revision

router = APIRouter(tags=["health"])
logger = logging.getLogger("aftercare.health")


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    schema_revision: str


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is alive (no dependency is checked)."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"description": "database unreachable or schema not at head"}},
)
async def readyz(request: Request) -> Readiness | JSONResponse:
    """The database answers and its schema is at the head revision this code expects."""
    database: Database = request.app.state.database
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
    return Readiness(status="ready", schema_revision=revision or "")
