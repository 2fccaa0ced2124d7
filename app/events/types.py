"""Every event type the service records: the single list that webhooks and /v1/events validate
against. A domain that records a new kind of event adds it here first."""

from enum import StrEnum


class EventType(StrEnum):
    TICKET_CREATED = "ticket.created"
    TICKET_UPDATED = "ticket.updated"
    TICKET_STATUS_CHANGED = "ticket.status_changed"
    TICKET_ESCALATED = "ticket.escalated"
    TICKET_MESSAGE_CREATED = "ticket.message_created"
    SLA_WARNING = "sla.warning"
    SLA_BREACHED = "sla.breached"
    ORDER_DELIVERY_OVERDUE = "order.delivery_overdue"
    SURVEY_INVITATION_CREATED = "survey.invitation_created"
    SURVEY_RESPONSE_RECEIVED = "survey.response_received"
    FEEDBACK_CREATED = "feedback.created"
    FEEDBACK_UPDATED = "feedback.updated"
    WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled"


EVENT_TYPES: frozenset[str] = frozenset(EventType)
