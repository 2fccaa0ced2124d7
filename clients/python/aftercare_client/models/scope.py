from enum import StrEnum


class Scope(StrEnum):
    ADMIN = "admin"
    FEEDBACKREAD = "feedback:read"
    FEEDBACKWRITE = "feedback:write"
    KBREAD = "kb:read"
    KBWRITE = "kb:write"
    METRICSREAD = "metrics:read"
    ORDERSREAD = "orders:read"
    ORDERSWRITE = "orders:write"
    SURVEYSREAD = "surveys:read"
    SURVEYSWRITE = "surveys:write"
    TICKETSREAD = "tickets:read"
    TICKETSWRITE = "tickets:write"
    WEBHOOKSMANAGE = "webhooks:manage"

    def __str__(self) -> str:
        return str(self.value)
