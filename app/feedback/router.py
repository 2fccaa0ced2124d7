import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.customers.schemas import CustomerRefQuery, OrderRefQuery
from app.feedback import service
from app.feedback.schemas import (
    AreaField,
    FeedbackCreate,
    FeedbackFilters,
    FeedbackOut,
    FeedbackUpdate,
    SentimentField,
    SourceField,
    StatusField,
)
from app.idempotency.dependencies import idempotent
from app.idempotency.service import Idempotency
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute, Timestamp
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/feedback", tags=["feedback"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.FEEDBACK_READ))]
WriteKey = Annotated[Principal, Depends(require(Scope.FEEDBACK_WRITE))]
IdempotentWrite = Annotated[Idempotency, Depends(idempotent(Scope.FEEDBACK_WRITE))]


@router.post("", status_code=201, response_model=FeedbackOut)
async def create_feedback(
    body: FeedbackCreate,
    session: SessionDep,
    clock: ClockDep,
    actor: WriteKey,
    idempotency: IdempotentWrite,
) -> JSONResponse:
    """Record feedback from any source. Without a sentiment, it is derived from the rating."""
    feedback = await service.submit_feedback(session, body, now=clock.now(), actor=actor)
    return await idempotency.respond(201, FeedbackOut.from_model(feedback))


@router.get("", response_model=Page[FeedbackOut])
async def list_feedback(
    session: SessionDep,
    _: ReadKey,
    page: PageParamsDep,
    source: SourceField | None = None,
    status: StatusField | None = None,
    area: AreaField | None = None,
    sentiment: SentimentField | None = None,
    customer: CustomerRefQuery = None,
    order: OrderRefQuery = None,
    ticket: Annotated[uuid.UUID | None, Query(description="ticket id")] = None,
    created_from: Annotated[
        Timestamp | None, Query(alias="from", description="created at or after")
    ] = None,
    created_to: Annotated[
        Timestamp | None, Query(alias="to", description="created before")
    ] = None,
) -> Page[FeedbackOut]:
    filters = FeedbackFilters(
        source=source, status=status, area=area, sentiment=sentiment,
        customer_external_ref=customer, order_external_ref=order, ticket_id=ticket,
        created_from=created_from, created_to=created_to,
    )
    rows, next_cursor = await service.list_feedback(session, page, filters)
    return Page(items=[FeedbackOut.from_model(row) for row in rows], next_cursor=next_cursor)


@router.get("/{feedback_id}", response_model=FeedbackOut)
async def get_feedback(feedback_id: uuid.UUID, session: SessionDep, _: ReadKey) -> FeedbackOut:
    return FeedbackOut.from_model(await service.get_feedback(session, feedback_id))


@router.patch("/{feedback_id}", response_model=FeedbackOut)
async def update_feedback(
    feedback_id: uuid.UUID,
    body: FeedbackUpdate,
    session: SessionDep,
    clock: ClockDep,
    actor: WriteKey,
) -> FeedbackOut:
    """Move the workflow on (new -> acknowledged -> actioned -> closed; `actioned` needs
    `action_taken`, which is sent with that move or changed while the item is `actioned`) or
    correct area and sentiment. Every change records feedback.updated."""
    feedback = await service.update_feedback(
        session, feedback_id, body, now=clock.now(), actor=actor
    )
    return FeedbackOut.from_model(feedback)
