from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.health import service
from app.kit.db import Database
from app.kit.inputs import QueryCheckedRoute

router = APIRouter(tags=["health"], route_class=QueryCheckedRoute)


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    schema_revision: str


@router.get("/healthz", response_model=Health)
async def check_liveness() -> Health:
    """The process is alive (no dependency is checked)."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"description": "database unreachable or schema not at head"}},
)
async def check_readiness(request: Request) -> Readiness | JSONResponse:
    """The database answers and its schema is at the head revision this code expects."""
    database: Database = request.app.state.database
    return Readiness(status="ready", schema_revision=await service.ready_revision(database))
