import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.events.types import EventType
from app.models.base import Base, StoredEnum, UUIDPrimaryKey


class Event(UUIDPrimaryKey, Base):
    """The outbox: a state change and its event commit in the same transaction."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_created_at_id", "created_at", "id"),
        Index("ix_events_type_created_at", "type", "created_at"),
        Index("ix_events_subject_id_created_at", "subject_id", "created_at"),
    )

    type: Mapped[EventType] = mapped_column(StoredEnum(EventType, String(64)))
    created_at: Mapped[datetime]
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[uuid.UUID | None]
    actor_api_key_id: Mapped[uuid.UUID | None]
    # The W3C traceparent of the span that recorded it (tracing on): its deliveries link to it.
    traceparent: Mapped[str | None] = mapped_column(String(55))
