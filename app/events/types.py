"""Every event type the service records, and the base of their payloads. A domain that records
a new kind of event adds it here and in the catalogue (app/events/catalogue.py says how)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, Field


class EventType(StrEnum):
    TICKET_CREATED = "ticket.created"
    TICKET_UPDATED = "ticket.updated"
    TICKET_STATUS_CHANGED = "ticket.status_changed"
    TICKET_ESCALATED = "ticket.escalated"
    TICKET_MESSAGE_CREATED = "ticket.message_created"
    SLA_WARNING = "sla.warning"
    SLA_BREACHED = "sla.breached"
    ORDER_DELIVERY_OVERDUE = "order.delivery_overdue"
    ORDER_DELIVERY_AT_RISK = "order.delivery_at_risk"
    SURVEY_INVITATION_CREATED = "survey.invitation_created"
    SURVEY_RESPONSE_RECEIVED = "survey.response_received"
    SURVEY_REMINDER_DUE = "survey.reminder_due"
    FEEDBACK_CREATED = "feedback.created"
    FEEDBACK_UPDATED = "feedback.updated"
    ARTICLE_PUBLISHED = "article.published"
    ARTICLE_UPDATED = "article.updated"
    WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled"


EVENT_TYPES: frozenset[str] = frozenset(EventType)


class EventData(BaseModel):
    """The `data` of one event type: subclass it in the recording domain's schemas, set
    `event_type`, and describe the event in the docstring (the catalogue and the OpenAPI
    document show it). Events are stored and sent as `model_dump(mode="json", by_alias=True)`
    of this model, so what is sent is what is documented.

    A payload is a public contract, and stored events are served as they were recorded: add a
    field only with a default (events recorded before it still validate), never rename or
    remove one."""

    event_type: ClassVar[EventType]


class SystemActor(BaseModel):
    """The service itself: a job of the worker."""

    type: Literal["system"]


class ApiKeyActor(BaseModel):
    """A request made with this API key."""

    type: Literal["api_key"]
    api_key_id: uuid.UUID
    name: str


Actor = Annotated[SystemActor | ApiKeyActor, Field(discriminator="type")]
"""Who caused an event."""


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to record (`app.events.service.record_events`, `recording_write`), its
    payload serialised once, as its `EventData` model dumps it."""

    id: uuid.UUID
    type: EventType
    created_at: datetime
    data: str  # JSON
    subject_type: str | None
    subject_id: uuid.UUID | None
    actor_api_key_id: uuid.UUID | None
    traceparent: str | None
