from enum import StrEnum


class FeedbackStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ACTIONED = "actioned"
    CLOSED = "closed"
    NEW = "new"

    def __str__(self) -> str:
        return str(self.value)
