from enum import StrEnum


class FeedbackSource(StrEnum):
    EMAIL = "email"
    KNOWLEDGE_BASE = "knowledge_base"
    OTHER = "other"
    REVIEW = "review"
    SOCIAL_MEDIA = "social_media"
    SUPPORT_TICKET = "support_ticket"
    SURVEY = "survey"

    def __str__(self) -> str:
        return str(self.value)
