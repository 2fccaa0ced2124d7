import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.service import Principal
from app.events.service import actor_data, record_event
from app.feedback.errors import (
    FeedbackActionBeforeActioned,
    FeedbackClosed,
    FeedbackNotFound,
    FeedbackTransitionNotAllowed,
)
from app.feedback.repository import FeedbackRepository
from app.feedback.schemas import (
    FeedbackChanges,
    FeedbackCreate,
    FeedbackCreatedData,
    FeedbackFilters,
    FeedbackOut,
    FeedbackUpdate,
    FeedbackUpdatedData,
)
from app.feedback.types import ExpectationArea, FeedbackSource, FeedbackStatus, Sentiment
from app.feedback.workflow import (
    ActionBeforeActionedError,
    MissingActionError,
    TransitionError,
    check_transition,
    sentiment_from_rating,
)
from app.kit.errors import field_error, invalid_field
from app.kit.pagination import PageParams
from app.models import Customer, Feedback, Order
from app.tickets.service import resolve_references

# When each status was first reached.
STATUS_TIMESTAMPS = {
    FeedbackStatus.ACKNOWLEDGED: "acknowledged_at",
    FeedbackStatus.ACTIONED: "actioned_at",
    FeedbackStatus.CLOSED: "closed_at",
}
UPDATABLE_FIELDS = ("status", "action_taken", "area", "sentiment")


@dataclass(frozen=True, slots=True)
class NewFeedback:
    source: FeedbackSource
    text: str
    rating: int | None = None
    sentiment: Sentiment | None = None
    area: ExpectationArea | None = None
    customer: Customer | None = None
    order: Order | None = None
    ticket_id: uuid.UUID | None = None
    survey_response_id: uuid.UUID | None = None


async def create_feedback(
    session: AsyncSession, new: NewFeedback, *, now: datetime, actor: Principal | None
) -> Feedback:
    """Store a feedback item (status new) and record feedback.created."""
    feedback = Feedback(
        source=new.source,
        status=FeedbackStatus.NEW,
        text=new.text,
        rating=new.rating,
        sentiment=new.sentiment or sentiment_from_rating(new.rating),
        area=new.area,
        customer=new.customer,
        order=new.order,
        ticket_id=new.ticket_id,
        survey_response_id=new.survey_response_id,
        created_at=now,
        updated_at=now,
        created_by_api_key_id=actor.api_key_id if actor else None,
    )
    await FeedbackRepository(session).add(feedback)
    await record_event(
        session,
        FeedbackCreatedData(
            feedback=FeedbackOut.from_model(feedback), created_by=actor_data(actor)
        ),
        now=now,
        subject_type="feedback",
        subject_id=feedback.id,
        actor_api_key_id=actor.api_key_id if actor else None,
    )
    return feedback


async def submit_feedback(
    session: AsyncSession, body: FeedbackCreate, *, now: datetime, actor: Principal
) -> Feedback:
    references = await resolve_references(
        session,
        customer_external_ref=body.customer_external_ref,
        order_external_ref=body.order_external_ref,
        ticket_id=body.ticket_id,
    )
    new = NewFeedback(
        source=body.source,
        text=body.text,
        rating=body.rating,
        sentiment=body.sentiment,
        area=body.area,
        customer=references.customer,
        order=references.order,
        ticket_id=references.ticket.id if references.ticket else None,
    )
    return await create_feedback(session, new, now=now, actor=actor)


async def get_feedback(
    session: AsyncSession, feedback_id: uuid.UUID, *, for_update: bool = False
) -> Feedback:
    feedback = await FeedbackRepository(session).by_id(feedback_id, for_update=for_update)
    if feedback is None:
        raise FeedbackNotFound(f"No feedback with id {feedback_id}.")
    return feedback


async def list_feedback(
    session: AsyncSession, page: PageParams, filters: FeedbackFilters
) -> tuple[Sequence[Feedback], str | None]:
    return await FeedbackRepository(session).page(page, filters)


async def update_feedback(
    session: AsyncSession,
    feedback_id: uuid.UUID,
    body: FeedbackUpdate,
    *,
    now: datetime,
    actor: Principal,
) -> Feedback:
    """Apply a change under a row lock; record feedback.updated when anything changed."""
    feedback = await get_feedback(session, feedback_id, for_update=True)
    requested = {
        name: getattr(body, name) for name in UPDATABLE_FIELDS if name in body.model_fields_set
    }
    changes = {
        name: {"from": getattr(feedback, name), "to": value}
        for name, value in requested.items()
        if getattr(feedback, name) != value
    }
    if not changes:
        return feedback
    _check_workflow(feedback, requested, action_changed="action_taken" in changes)
    for name, change in changes.items():
        setattr(feedback, name, change["to"])
    if "status" in changes:
        setattr(feedback, STATUS_TIMESTAMPS[feedback.status], now)
    feedback.updated_at = now
    feedback.updated_by_api_key_id = actor.api_key_id
    await session.flush()
    await record_event(
        session,
        FeedbackUpdatedData(
            feedback=FeedbackOut.from_model(feedback),
            changes=FeedbackChanges.model_validate(changes),
            changed_by=actor_data(actor),
            changed_at=now,
        ),
        now=now,
        subject_type="feedback",
        subject_id=feedback.id,
        actor_api_key_id=actor.api_key_id,
    )
    return feedback


def _check_workflow(
    feedback: Feedback, requested: dict[str, Any], *, action_changed: bool
) -> None:
    if feedback.status == FeedbackStatus.CLOSED:
        raise FeedbackClosed("This feedback is closed; closed feedback is final.")
    current = feedback.status
    target: FeedbackStatus = requested.get("status", current)
    action_taken = requested.get("action_taken", feedback.action_taken)
    try:
        check_transition(current, target, action_taken, action_changed=action_changed)
    except TransitionError as error:
        raise FeedbackTransitionNotAllowed(str(error)) from error
    except ActionBeforeActionedError as error:
        raise FeedbackActionBeforeActioned(
            str(error), errors=[field_error("/action_taken", str(error))]
        ) from error
    except MissingActionError as error:
        raise invalid_field("/action_taken", str(error)) from error
