"""Every model module is imported here so metadata is complete for Alembic and the tests."""

from app.models.api_keys import ApiKey
from app.models.base import Base
from app.models.events import Event
from app.models.idempotency import IdempotencyKey

__all__ = ["ApiKey", "Base", "Event", "IdempotencyKey"]
