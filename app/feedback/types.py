"""The feedback vocabulary: where feedback came from, where it stands, what it is about."""

from enum import StrEnum


class FeedbackSource(StrEnum):
    SURVEY = "survey"
    SUPPORT_TICKET = "support_ticket"
    SOCIAL_MEDIA = "social_media"
    REVIEW = "review"
    EMAIL = "email"
    KNOWLEDGE_BASE = "knowledge_base"  # a "no" vote on an article, with a comment
    OTHER = "other"


class FeedbackStatus(StrEnum):
    """new -> acknowledged -> actioned -> closed, one step at a time."""

    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    ACTIONED = "actioned"
    CLOSED = "closed"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class ExpectationArea(StrEnum):
    PRODUCT_QUALITY = "product_quality"
    DELIVERY = "delivery"
    PRICING = "pricing"
    SUPPORT = "support"
    WEBSITE = "website"
    OTHER = "other"
