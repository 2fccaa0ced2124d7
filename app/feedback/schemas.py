import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.events.types import Actor, EventData, EventType
from app.feedback.types import ExpectationArea, FeedbackSource, FeedbackStatus, Sentiment
from app.kit.enums import NamedEnum
from app.kit.inputs import Input, Omittable
from app.models import Feedback

FeedbackText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)
]
ExternalRef = Annotated[str, StringConstraints(min_length=1, max_length=128)]
SourceField = Annotated[FeedbackSource, NamedEnum()]
StatusField = Annotated[FeedbackStatus, NamedEnum()]
SentimentField = Annotated[Sentiment, NamedEnum()]
AreaField = Annotated[ExpectationArea, NamedEnum()]


class FeedbackCreate(Input):
    source: SourceField
    text: FeedbackText
    rating: int | None = Field(default=None, ge=1, le=5, description="1 (worst) to 5 (best)")
    sentiment: SentimentField | None = Field(
        default=None, description="given, or derived from the rating (4-5 positive, 3 neutral)"
    )
    area: AreaField | None = Field(default=None, description="the expectation concerned")
    customer_external_ref: ExternalRef | None = Field(
        default=None,
        description="an existing customer's (else a 422 unknown-reference, as for the order and"
        " the ticket)",
    )
    order_external_ref: ExternalRef | None = None
    ticket_id: uuid.UUID | None = None


class FeedbackUpdate(Input):
    """Omit a field to leave it as it is (null is refused)."""

    status: Omittable[StatusField] = None
    action_taken: Omittable[FeedbackText] = None
    area: Omittable[AreaField] = None
    sentiment: Omittable[SentimentField] = None


class FeedbackOut(BaseModel):
    id: uuid.UUID
    source: SourceField
    status: StatusField
    text: str
    rating: int | None
    sentiment: SentimentField | None
    area: AreaField | None
    customer_external_ref: str | None
    order_external_ref: str | None
    ticket_id: uuid.UUID | None
    survey_response_id: uuid.UUID | None
    action_taken: str | None
    created_at: datetime
    updated_at: datetime
    acknowledged_at: datetime | None
    actioned_at: datetime | None
    closed_at: datetime | None

    @classmethod
    def from_model(cls, feedback: Feedback) -> "FeedbackOut":
        """`feedback.customer` and `feedback.order` must be loaded."""
        return cls.model_validate(
            {
                **{name: getattr(feedback, name) for name in _COPIED_FIELDS},
                "customer_external_ref": feedback.customer.external_ref
                if feedback.customer
                else None,
                "order_external_ref": feedback.order.external_ref if feedback.order else None,
            }
        )


_COPIED_FIELDS = tuple(
    name for name in FeedbackOut.model_fields
    if name not in {"customer_external_ref", "order_external_ref"}
)


@dataclass(frozen=True, slots=True)
class FeedbackFilters:
    source: FeedbackSource | None = None
    status: FeedbackStatus | None = None
    area: ExpectationArea | None = None
    sentiment: Sentiment | None = None
    customer_external_ref: str | None = None
    order_external_ref: str | None = None
    ticket_id: uuid.UUID | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


# --- event payloads (app/events/catalogue.py lists them) ---------------------------------------


class FeedbackCreatedData(EventData):
    """Feedback was recorded: posted, or a low survey score followed up."""

    event_type = EventType.FEEDBACK_CREATED
    feedback: FeedbackOut
    created_by: Actor


class _Change(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class FeedbackStatusChange(_Change):
    from_: StatusField = Field(alias="from")
    to: StatusField


class ActionTakenChange(_Change):
    from_: str | None = Field(alias="from")
    to: str | None


class AreaChange(_Change):
    from_: AreaField | None = Field(alias="from")
    to: AreaField | None


class SentimentChange(_Change):
    from_: SentimentField | None = Field(alias="from")
    to: SentimentField | None


class FeedbackChanges(BaseModel):
    """What changed, from what to what; null for a field that did not change."""

    status: FeedbackStatusChange | None = None
    action_taken: ActionTakenChange | None = None
    area: AreaChange | None = None
    sentiment: SentimentChange | None = None


class FeedbackUpdatedData(EventData):
    """Feedback's status, action taken, area or sentiment changed (PATCH /v1/feedback/{id})."""

    event_type = EventType.FEEDBACK_UPDATED
    feedback: FeedbackOut
    changes: FeedbackChanges
    changed_by: Actor
    changed_at: datetime
