"""The catalogue of event types: each type, the model of its `data` and what it means. The
OpenAPI document's `webhooks`, the typed `EventOut` of /v1/events and `GET /v1/event-types`
are all built from it, and a test records every type through the real flows and checks what
was stored against it.

To add an event type (one payload model, two lines):
1. Add the member to `EventType` (app/events/types.py).
2. In your domain's schemas.py, subclass `EventData` with `event_type = EventType.YOUR_TYPE`,
   a docstring saying when it is recorded (it becomes the description) and the fields of
   `data`. Reuse the domain's output schemas (`TicketOut`, `OrderOut`...) for what it carries.
3. Add the model to `PAYLOADS` below.
4. Record it where the change happens, in the change's transaction:
   `await record_event(session, YourData(...), now=now, subject_type=..., subject_id=...)`
   (or `new_event` + `record_events` for a batch).
5. Make one of the `FLOWS` of tests/events/test_catalogue.py record it (the test fails until
   one does), then `make openapi` and `make client`.
"""

from dataclasses import dataclass

from app.events.types import EventData, EventType
from app.feedback.schemas import FeedbackCreatedData, FeedbackUpdatedData
from app.kb.schemas import ArticlePublishedData, ArticleUpdatedData
from app.orders.schemas import OrderDeliveryAtRiskData, OrderDeliveryOverdueData
from app.surveys.schemas import (
    SurveyInvitationCreatedData,
    SurveyReminderDueData,
    SurveyResponseReceivedData,
)
from app.tickets.schemas import (
    SlaBreachedData,
    SlaWarningData,
    TicketCreatedData,
    TicketEscalatedData,
    TicketMessageCreatedData,
    TicketStatusChangedData,
    TicketUpdatedData,
)
from app.webhooks.schemas import WebhookEndpointDisabledData

PAYLOADS: tuple[type[EventData], ...] = (
    TicketCreatedData,
    TicketUpdatedData,
    TicketStatusChangedData,
    TicketEscalatedData,
    TicketMessageCreatedData,
    SlaWarningData,
    SlaBreachedData,
    OrderDeliveryOverdueData,
    OrderDeliveryAtRiskData,
    SurveyInvitationCreatedData,
    SurveyResponseReceivedData,
    SurveyReminderDueData,
    FeedbackCreatedData,
    FeedbackUpdatedData,
    ArticlePublishedData,
    ArticleUpdatedData,
    WebhookEndpointDisabledData,
)


@dataclass(frozen=True, slots=True)
class EventKind:
    event_type: EventType
    payload: type[EventData]

    @property
    def description(self) -> str:
        return " ".join((self.payload.__doc__ or "").split())


CATALOGUE: dict[EventType, EventKind] = {
    payload.event_type: EventKind(payload.event_type, payload) for payload in PAYLOADS
}
