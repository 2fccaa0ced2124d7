"""Contains all the data models used in inputs/outputs"""

from .acknowledgement import Acknowledgement
from .action_taken_change import ActionTakenChange
from .answer_out import AnswerOut
from .answer_public_survey_data_body import AnswerPublicSurveyDataBody
from .answer_public_survey_json_response_submit import (
    AnswerPublicSurveyJsonResponseSubmit,
)
from .answer_public_survey_json_response_submit_answers import (
    AnswerPublicSurveyJsonResponseSubmitAnswers,
)
from .api_key_actor import ApiKeyActor
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_out import ApiKeyOut
from .applies_to import AppliesTo
from .applies_to_out import AppliesToOut
from .area_change import AreaChange
from .article_create import ArticleCreate
from .article_field import ArticleField
from .article_figures import ArticleFigures
from .article_list_item import ArticleListItem
from .article_out import ArticleOut
from .article_published_data import ArticlePublishedData
from .article_published_event import ArticlePublishedEvent
from .article_search_hit import ArticleSearchHit
from .article_search_results import ArticleSearchResults
from .article_status import ArticleStatus
from .article_translations import ArticleTranslations
from .article_update import ArticleUpdate
from .article_updated_data import ArticleUpdatedData
from .article_updated_event import ArticleUpdatedEvent
from .article_version_out import ArticleVersionOut
from .assignee_change import AssigneeChange
from .author_type import AuthorType
from .backlog import Backlog
from .backlog_by_age import BacklogByAge
from .backlog_by_status import BacklogByStatus
from .calendar_create import CalendarCreate
from .calendar_create_weekly_hours import CalendarCreateWeeklyHours
from .calendar_out import CalendarOut
from .calendar_out_weekly_hours import CalendarOutWeeklyHours
from .calendar_update import CalendarUpdate
from .calendar_update_weekly_hours import CalendarUpdateWeeklyHours
from .calibration import Calibration
from .calibration_lane import CalibrationLane
from .calibration_lane_promise_for_confidence import CalibrationLanePromiseForConfidence
from .calibration_row import CalibrationRow
from .channel import Channel
from .cited_article import CitedArticle
from .conditions import Conditions
from .create_article_vote_data_body import CreateArticleVoteDataBody
from .create_article_vote_json_vote_create import CreateArticleVoteJsonVoteCreate
from .customer_out import CustomerOut
from .customer_ref import CustomerRef
from .customer_summary import CustomerSummary
from .customer_update import CustomerUpdate
from .dashboard_link_create import DashboardLinkCreate
from .dashboard_link_created import DashboardLinkCreated
from .dashboard_link_out import DashboardLinkOut
from .delivery_attempt_out import DeliveryAttemptOut
from .delivery_calibration import DeliveryCalibration
from .delivery_estimate import DeliveryEstimate
from .delivery_out import DeliveryOut
from .delivery_status import DeliveryStatus
from .duration_figure import DurationFigure
from .escalation_create import EscalationCreate
from .event_type import EventType
from .event_type_list import EventTypeList
from .event_type_out import EventTypeOut
from .event_type_out_data_schema import EventTypeOutDataSchema
from .expectation import Expectation
from .expectation_area import ExpectationArea
from .expectation_status import ExpectationStatus
from .expectations import Expectations
from .fcr_comparison import FcrComparison
from .fcr_figure import FcrFigure
from .feedback_changes import FeedbackChanges
from .feedback_create import FeedbackCreate
from .feedback_created_data import FeedbackCreatedData
from .feedback_created_event import FeedbackCreatedEvent
from .feedback_out import FeedbackOut
from .feedback_source import FeedbackSource
from .feedback_status import FeedbackStatus
from .feedback_status_change import FeedbackStatusChange
from .feedback_update import FeedbackUpdate
from .feedback_updated_data import FeedbackUpdatedData
from .feedback_updated_event import FeedbackUpdatedEvent
from .figure import Figure
from .granularity import Granularity
from .group_by import GroupBy
from .health import Health
from .help_centre import HelpCentre
from .help_centre_category import HelpCentreCategory
from .invitation_create import InvitationCreate
from .invitation_created import InvitationCreated
from .invitation_out import InvitationOut
from .invited_customer import InvitedCustomer
from .knowledge_base_metrics import KnowledgeBaseMetrics
from .level import Level
from .message_author import MessageAuthor
from .message_create import MessageCreate
from .message_out import MessageOut
from .metric_kind import MetricKind
from .metric_name import MetricName
from .metric_record import MetricRecord
from .metric_series import MetricSeries
from .new_article_status import NewArticleStatus
from .notice import Notice
from .notice_match import NoticeMatch
from .notice_out import NoticeOut
from .observed import Observed
from .order_delivery_at_risk_data import OrderDeliveryAtRiskData
from .order_delivery_at_risk_event import OrderDeliveryAtRiskEvent
from .order_delivery_overdue_data import OrderDeliveryOverdueData
from .order_delivery_overdue_event import OrderDeliveryOverdueEvent
from .order_notice import OrderNotice
from .order_notices import OrderNotices
from .order_out import OrderOut
from .order_status import OrderStatus
from .order_summary import OrderSummary
from .order_update import OrderUpdate
from .order_upsert import OrderUpsert
from .page_api_key_out import PageApiKeyOut
from .page_article_list_item import PageArticleListItem
from .page_article_version_out import PageArticleVersionOut
from .page_calendar_out import PageCalendarOut
from .page_customer_out import PageCustomerOut
from .page_dashboard_link_out import PageDashboardLinkOut
from .page_delivery_out import PageDeliveryOut
from .page_event_out import PageEventOut
from .page_feedback_out import PageFeedbackOut
from .page_invitation_out import PageInvitationOut
from .page_message_out import PageMessageOut
from .page_metric_record import PageMetricRecord
from .page_order_out import PageOrderOut
from .page_policy_out import PagePolicyOut
from .page_response_out import PageResponseOut
from .page_template_out import PageTemplateOut
from .page_ticket_out import PageTicketOut
from .page_webhook_endpoint_out import PageWebhookEndpointOut
from .pause_status import PauseStatus
from .point import Point
from .policy_create import PolicyCreate
from .policy_out import PolicyOut
from .policy_update import PolicyUpdate
from .priority import Priority
from .priority_change import PriorityChange
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .problem_location import ProblemLocation
from .promise import Promise
from .public_article import PublicArticle
from .public_article_list_item import PublicArticleListItem
from .public_message import PublicMessage
from .public_promise import PublicPromise
from .public_question import PublicQuestion
from .public_search_hit import PublicSearchHit
from .public_survey import PublicSurvey
from .public_translation import PublicTranslation
from .question_spec import QuestionSpec
from .question_text import QuestionText
from .question_type import QuestionType
from .readiness import Readiness
from .record_part import RecordPart
from .record_type import RecordType
from .recover_request import RecoverRequest
from .recover_result import RecoverResult
from .response_out import ResponseOut
from .response_receipt import ResponseReceipt
from .scope import Scope
from .search_correction import SearchCorrection
from .send_ticket_status_page_message_data_public_message_create import (
    SendTicketStatusPageMessageDataPublicMessageCreate,
)
from .send_ticket_status_page_message_json_public_message_create import (
    SendTicketStatusPageMessageJsonPublicMessageCreate,
)
from .sentiment import Sentiment
from .sentiment_change import SentimentChange
from .series import Series
from .sla_breached_data import SlaBreachedData
from .sla_breached_event import SlaBreachedEvent
from .sla_compliance import SlaCompliance
from .sla_metric import SlaMetric
from .sla_warning_data import SlaWarningData
from .sla_warning_event import SlaWarningEvent
from .status_change_reason import StatusChangeReason
from .status_link_out import StatusLinkOut
from .suggested_articles import SuggestedArticles
from .summary import Summary
from .survey_invitation_created_data import SurveyInvitationCreatedData
from .survey_invitation_created_event import SurveyInvitationCreatedEvent
from .survey_metric import SurveyMetric
from .survey_reminder_due_data import SurveyReminderDueData
from .survey_reminder_due_event import SurveyReminderDueEvent
from .survey_response_received_data import SurveyResponseReceivedData
from .survey_response_received_event import SurveyResponseReceivedEvent
from .system_actor import SystemActor
from .tags_change import TagsChange
from .target_definition import TargetDefinition
from .targets import Targets
from .team_change import TeamChange
from .template_create import TemplateCreate
from .template_create_translations import TemplateCreateTranslations
from .template_out import TemplateOut
from .template_out_translations import TemplateOutTranslations
from .template_ref import TemplateRef
from .template_translation import TemplateTranslation
from .template_translation_questions import TemplateTranslationQuestions
from .template_update import TemplateUpdate
from .test_delivery_result import TestDeliveryResult
from .ticket_changes import TicketChanges
from .ticket_create import TicketCreate
from .ticket_created import TicketCreated
from .ticket_created_data import TicketCreatedData
from .ticket_created_event import TicketCreatedEvent
from .ticket_detail import TicketDetail
from .ticket_escalated_data import TicketEscalatedData
from .ticket_escalated_event import TicketEscalatedEvent
from .ticket_message_created_data import TicketMessageCreatedData
from .ticket_message_created_event import TicketMessageCreatedEvent
from .ticket_out import TicketOut
from .ticket_status import TicketStatus
from .ticket_status_changed_data import TicketStatusChangedData
from .ticket_status_changed_event import TicketStatusChangedEvent
from .ticket_status_view import TicketStatusView
from .ticket_update import TicketUpdate
from .ticket_updated_data import TicketUpdatedData
from .ticket_updated_event import TicketUpdatedEvent
from .tier import Tier
from .transit_quantiles import TransitQuantiles
from .vote_answer import VoteAnswer
from .vote_receipt import VoteReceipt
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_disabled_data import WebhookEndpointDisabledData
from .webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent
from .webhook_endpoint_out import WebhookEndpointOut
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret
from .weekday import Weekday

__all__ = (
    "Acknowledgement",
    "ActionTakenChange",
    "AnswerOut",
    "AnswerPublicSurveyDataBody",
    "AnswerPublicSurveyJsonResponseSubmit",
    "AnswerPublicSurveyJsonResponseSubmitAnswers",
    "ApiKeyActor",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyOut",
    "AppliesTo",
    "AppliesToOut",
    "AreaChange",
    "ArticleCreate",
    "ArticleField",
    "ArticleFigures",
    "ArticleListItem",
    "ArticleOut",
    "ArticlePublishedData",
    "ArticlePublishedEvent",
    "ArticleSearchHit",
    "ArticleSearchResults",
    "ArticleStatus",
    "ArticleTranslations",
    "ArticleUpdate",
    "ArticleUpdatedData",
    "ArticleUpdatedEvent",
    "ArticleVersionOut",
    "AssigneeChange",
    "AuthorType",
    "Backlog",
    "BacklogByAge",
    "BacklogByStatus",
    "CalendarCreate",
    "CalendarCreateWeeklyHours",
    "CalendarOut",
    "CalendarOutWeeklyHours",
    "CalendarUpdate",
    "CalendarUpdateWeeklyHours",
    "Calibration",
    "CalibrationLane",
    "CalibrationLanePromiseForConfidence",
    "CalibrationRow",
    "Channel",
    "CitedArticle",
    "Conditions",
    "CreateArticleVoteDataBody",
    "CreateArticleVoteJsonVoteCreate",
    "CustomerOut",
    "CustomerRef",
    "CustomerSummary",
    "CustomerUpdate",
    "DashboardLinkCreate",
    "DashboardLinkCreated",
    "DashboardLinkOut",
    "DeliveryAttemptOut",
    "DeliveryCalibration",
    "DeliveryEstimate",
    "DeliveryOut",
    "DeliveryStatus",
    "DurationFigure",
    "EscalationCreate",
    "EventType",
    "EventTypeList",
    "EventTypeOut",
    "EventTypeOutDataSchema",
    "Expectation",
    "ExpectationArea",
    "Expectations",
    "ExpectationStatus",
    "FcrComparison",
    "FcrFigure",
    "FeedbackChanges",
    "FeedbackCreate",
    "FeedbackCreatedData",
    "FeedbackCreatedEvent",
    "FeedbackOut",
    "FeedbackSource",
    "FeedbackStatus",
    "FeedbackStatusChange",
    "FeedbackUpdate",
    "FeedbackUpdatedData",
    "FeedbackUpdatedEvent",
    "Figure",
    "Granularity",
    "GroupBy",
    "Health",
    "HelpCentre",
    "HelpCentreCategory",
    "InvitationCreate",
    "InvitationCreated",
    "InvitationOut",
    "InvitedCustomer",
    "KnowledgeBaseMetrics",
    "Level",
    "MessageAuthor",
    "MessageCreate",
    "MessageOut",
    "MetricKind",
    "MetricName",
    "MetricRecord",
    "MetricSeries",
    "NewArticleStatus",
    "Notice",
    "NoticeMatch",
    "NoticeOut",
    "Observed",
    "OrderDeliveryAtRiskData",
    "OrderDeliveryAtRiskEvent",
    "OrderDeliveryOverdueData",
    "OrderDeliveryOverdueEvent",
    "OrderNotice",
    "OrderNotices",
    "OrderOut",
    "OrderStatus",
    "OrderSummary",
    "OrderUpdate",
    "OrderUpsert",
    "PageApiKeyOut",
    "PageArticleListItem",
    "PageArticleVersionOut",
    "PageCalendarOut",
    "PageCustomerOut",
    "PageDashboardLinkOut",
    "PageDeliveryOut",
    "PageEventOut",
    "PageFeedbackOut",
    "PageInvitationOut",
    "PageMessageOut",
    "PageMetricRecord",
    "PageOrderOut",
    "PagePolicyOut",
    "PageResponseOut",
    "PageTemplateOut",
    "PageTicketOut",
    "PageWebhookEndpointOut",
    "PauseStatus",
    "Point",
    "PolicyCreate",
    "PolicyOut",
    "PolicyUpdate",
    "Priority",
    "PriorityChange",
    "Problem",
    "ProblemErrorsItem",
    "ProblemLocation",
    "Promise",
    "PublicArticle",
    "PublicArticleListItem",
    "PublicMessage",
    "PublicPromise",
    "PublicQuestion",
    "PublicSearchHit",
    "PublicSurvey",
    "PublicTranslation",
    "QuestionSpec",
    "QuestionText",
    "QuestionType",
    "Readiness",
    "RecordPart",
    "RecordType",
    "RecoverRequest",
    "RecoverResult",
    "ResponseOut",
    "ResponseReceipt",
    "Scope",
    "SearchCorrection",
    "SendTicketStatusPageMessageDataPublicMessageCreate",
    "SendTicketStatusPageMessageJsonPublicMessageCreate",
    "Sentiment",
    "SentimentChange",
    "Series",
    "SlaBreachedData",
    "SlaBreachedEvent",
    "SlaCompliance",
    "SlaMetric",
    "SlaWarningData",
    "SlaWarningEvent",
    "StatusChangeReason",
    "StatusLinkOut",
    "SuggestedArticles",
    "Summary",
    "SurveyInvitationCreatedData",
    "SurveyInvitationCreatedEvent",
    "SurveyMetric",
    "SurveyReminderDueData",
    "SurveyReminderDueEvent",
    "SurveyResponseReceivedData",
    "SurveyResponseReceivedEvent",
    "SystemActor",
    "TagsChange",
    "TargetDefinition",
    "Targets",
    "TeamChange",
    "TemplateCreate",
    "TemplateCreateTranslations",
    "TemplateOut",
    "TemplateOutTranslations",
    "TemplateRef",
    "TemplateTranslation",
    "TemplateTranslationQuestions",
    "TemplateUpdate",
    "TestDeliveryResult",
    "TicketChanges",
    "TicketCreate",
    "TicketCreated",
    "TicketCreatedData",
    "TicketCreatedEvent",
    "TicketDetail",
    "TicketEscalatedData",
    "TicketEscalatedEvent",
    "TicketMessageCreatedData",
    "TicketMessageCreatedEvent",
    "TicketOut",
    "TicketStatus",
    "TicketStatusChangedData",
    "TicketStatusChangedEvent",
    "TicketStatusView",
    "TicketUpdate",
    "TicketUpdatedData",
    "TicketUpdatedEvent",
    "Tier",
    "TransitQuantiles",
    "VoteAnswer",
    "VoteReceipt",
    "WebhookEndpointCreate",
    "WebhookEndpointDisabledData",
    "WebhookEndpointDisabledEvent",
    "WebhookEndpointOut",
    "WebhookEndpointUpdate",
    "WebhookEndpointWithSecret",
    "Weekday",
)
