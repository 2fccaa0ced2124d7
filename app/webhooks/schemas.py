import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.events.types import EventData, EventType
from app.kit.enums import NamedEnum
from app.kit.inputs import Input, Timestamp
from app.webhooks.types import DeliveryStatus

DeliveryStatusField = Annotated[DeliveryStatus, NamedEnum()]
DESCRIPTION_MAX = 500
URL_MAX = 2048

EVENT_TYPES_DESCRIPTION = "event types to receive; null (the default) receives every type"


class WebhookEndpointCreate(Input):
    url: str = Field(
        min_length=1,
        max_length=URL_MAX,
        description="http(s) URL on a public host (another is a 422 webhook-url-refused)",
    )
    description: str = Field(default="", max_length=DESCRIPTION_MAX)
    event_types: list[EventType] | None = Field(
        default=None, min_length=1, description=EVENT_TYPES_DESCRIPTION
    )
    enabled: bool = True


class WebhookEndpointUpdate(Input):
    """Only the fields sent change; `event_types: null` subscribes to every type."""

    url: str | None = Field(default=None, min_length=1, max_length=URL_MAX)
    description: str | None = Field(default=None, max_length=DESCRIPTION_MAX)
    event_types: list[EventType] | None = Field(
        default=None, min_length=1, description=EVENT_TYPES_DESCRIPTION
    )
    enabled: bool | None = None


class WebhookEndpointOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    description: str
    event_types: list[str] | None
    enabled: bool
    disabled_at: datetime | None
    disabled_reason: str | None
    previous_secret_expires_at: datetime | None = Field(
        description="until then deliveries are also signed with rotated-out secrets, each until"
        " its own overlap ends; null when none was rotated out or the overlap was ended"
    )
    created_at: datetime
    updated_at: datetime


class WebhookEndpointWithSecret(WebhookEndpointOut):
    secret: str = Field(description="the signing secret; shown only in this answer")


class RecoverRequest(Input):
    since: Timestamp = Field(description="re-send failed deliveries created at or after this")


class RecoverResult(BaseModel):
    requeued: int


class DeliveryAttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    attempted_at: datetime
    status_code: int | None
    latency_ms: int
    response_body: str = Field(description="the first 2 KiB of the receiver's answer")
    error: str | None


class DeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    endpoint_id: uuid.UUID
    event_id: uuid.UUID | None = Field(description="null for a `webhook.test` delivery")
    event_type: str
    status: DeliveryStatusField
    attempts_made: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
    attempts: list[DeliveryAttemptOut]


class TestDeliveryResult(BaseModel):
    delivery_id: uuid.UUID
    message_id: str = Field(description="the `webhook-id` that was sent")
    success: bool
    attempt: DeliveryAttemptOut


@dataclass(frozen=True, slots=True)
class DeliveryFilters:
    status: DeliveryStatus | None = None
    event_type: str | None = None
    since: datetime | None = None
    until: datetime | None = None


# --- event payloads (app/events/catalogue.py lists them) ---------------------------------------


class WebhookEndpointDisabledData(EventData):
    """A webhook endpoint was disabled after failing for days, or on a 410 Gone."""

    event_type = EventType.WEBHOOK_ENDPOINT_DISABLED
    endpoint_id: uuid.UUID
    url: str
    reason: str
