"""GET /v1/metrics/knowledge-base: the knowledge base's figures for a period (metrics:read)."""

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.kb.metrics import KnowledgeBaseMetrics, knowledge_base_metrics
from app.kit.clock import ClockDep
from app.kit.db import ReadSessionDep
from app.kit.errors import invalid_field
from app.kit.inputs import QueryCheckedRoute, Timestamp

router = APIRouter(prefix="/v1/metrics", tags=["metrics"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.METRICS_READ))]
DEFAULT_PERIOD = timedelta(days=30)
MAX_PERIOD = timedelta(days=732)  # as the other metrics


@router.get("/knowledge-base", response_model=KnowledgeBaseMetrics, response_model_by_alias=True)
async def get_knowledge_base_metrics(
    _: ReadKey,
    session: ReadSessionDep,
    clock: ClockDep,
    period_from: Annotated[
        Timestamp | None,
        Query(alias="from", description="start (inclusive); default: to - 30 d"),
    ] = None,
    period_to: Annotated[
        Timestamp | None,
        Query(
            alias="to",
            description=f"end (exclusive); default: now; after `from`, at most"
            f" {MAX_PERIOD.days} days later (else a 422)",
        ),
    ] = None,
) -> KnowledgeBaseMetrics:
    """Article readings, helpful votes (ratio with numerator and denominator), tickets
    resolved with a cited article, and their first-contact resolution against the tickets
    resolved without one; the articles read most."""
    end = period_to or clock.now()
    start = period_from or end - DEFAULT_PERIOD
    _check_period(start, end)
    return await knowledge_base_metrics(session, start, end)


def _check_period(start: datetime, end: datetime) -> None:
    if start >= end:
        raise invalid_field("/from", "from must be before to", location="query")
    if end - start > MAX_PERIOD:
        raise invalid_field(
            "/from", f"the period may span at most {MAX_PERIOD.days} days", location="query"
        )
