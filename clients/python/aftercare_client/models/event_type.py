from enum import StrEnum


class EventType(StrEnum):
    ARTICLE_PUBLISHED = "article.published"
    ARTICLE_UPDATED = "article.updated"
    FEEDBACK_CREATED = "feedback.created"
    FEEDBACK_UPDATED = "feedback.updated"
    ORDER_DELIVERY_AT_RISK = "order.delivery_at_risk"
    ORDER_DELIVERY_OVERDUE = "order.delivery_overdue"
    SLA_BREACHED = "sla.breached"
    SLA_WARNING = "sla.warning"
    SURVEY_INVITATION_CREATED = "survey.invitation_created"
    SURVEY_REMINDER_DUE = "survey.reminder_due"
    SURVEY_RESPONSE_RECEIVED = "survey.response_received"
    TICKET_CREATED = "ticket.created"
    TICKET_ESCALATED = "ticket.escalated"
    TICKET_MESSAGE_CREATED = "ticket.message_created"
    TICKET_STATUS_CHANGED = "ticket.status_changed"
    TICKET_UPDATED = "ticket.updated"
    WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled"

    def __str__(self) -> str:
        return str(self.value)
