"""Every model module is imported here so metadata is complete for Alembic and the tests."""

from app.models.api_keys import ApiKey
from app.models.base import Base
from app.models.customers import Customer
from app.models.dashboard import DashboardLink, DashboardSession
from app.models.events import Event
from app.models.feedback import Feedback
from app.models.idempotency import IdempotencyKey
from app.models.kb import (
    Article,
    ArticleCitation,
    ArticleSearch,
    ArticleVersion,
    ArticleView,
    ArticleVote,
    ArticleWord,
    ArticleWordVariant,
)
from app.models.metrics import (
    metric_changes,
    metric_histograms,
    metric_rollup_state,
    metric_rollups,
)
from app.models.orders import Order
from app.models.sla import SlaCalendar, SlaPolicy, SlaTarget, TicketSla
from app.models.sla_calibration import sla_calibration_promises, sla_calibration_times
from app.models.surveys import (
    SurveyAnswer,
    SurveyAutoInviteSkip,
    SurveyInvitation,
    SurveyResponse,
    SurveyTemplate,
)
from app.models.tickets import Ticket, TicketMessage, TicketStatusLink
from app.models.webhooks import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint

__all__ = [
    "ApiKey",
    "Article",
    "ArticleCitation",
    "ArticleSearch",
    "ArticleVersion",
    "ArticleView",
    "ArticleVote",
    "ArticleWord",
    "ArticleWordVariant",
    "Base",
    "Customer",
    "DashboardLink",
    "DashboardSession",
    "Event",
    "Feedback",
    "IdempotencyKey",
    "Order",
    "SlaCalendar",
    "SlaPolicy",
    "SlaTarget",
    "SurveyAnswer",
    "SurveyAutoInviteSkip",
    "SurveyInvitation",
    "SurveyResponse",
    "SurveyTemplate",
    "Ticket",
    "TicketMessage",
    "TicketSla",
    "TicketStatusLink",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
    "WebhookEndpoint",
    "metric_changes",
    "metric_histograms",
    "metric_rollup_state",
    "metric_rollups",
    "sla_calibration_promises",
    "sla_calibration_times",
]
