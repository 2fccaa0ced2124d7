from enum import StrEnum


class Scope(StrEnum):
    ADMIN = "admin"
    ORDERS_READ = "orders:read"
    ORDERS_WRITE = "orders:write"
    TICKETS_READ = "tickets:read"
    TICKETS_WRITE = "tickets:write"
    WEBHOOKS_MANAGE = "webhooks:manage"
    SURVEYS_READ = "surveys:read"
    SURVEYS_WRITE = "surveys:write"
    FEEDBACK_READ = "feedback:read"
    FEEDBACK_WRITE = "feedback:write"
    METRICS_READ = "metrics:read"
    KB_READ = "kb:read"
    KB_WRITE = "kb:write"


def grants(held: frozenset[str], required: Scope) -> bool:
    """`admin` holds every scope; a write scope does not imply its read scope."""
    return Scope.ADMIN in held or required in held
