"""Feedback from any source, followed through new -> acknowledged -> actioned -> closed."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.feedback.types import ExpectationArea, FeedbackSource, FeedbackStatus, Sentiment
from app.models.base import Base, StoredEnum, UUIDPrimaryKey, one_of
from app.models.customers import Customer
from app.models.orders import Order


class Feedback(UUIDPrimaryKey, Base):
    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_created_at_id", "created_at", "id"),
        Index("ix_feedback_status_created_at", "status", "created_at"),
        Index("ix_feedback_source_created_at", "source", "created_at"),
        Index("ix_feedback_area_created_at", "area", "created_at"),
        Index("ix_feedback_sentiment_created_at", "sentiment", "created_at"),
        Index("ix_feedback_customer_id_created_at", "customer_id", "created_at"),
        Index("ix_feedback_order_id", "order_id"),
        Index("ix_feedback_ticket_id", "ticket_id"),
        CheckConstraint(one_of("source", FeedbackSource), name="source"),
        CheckConstraint(one_of("status", FeedbackStatus), name="status"),
        CheckConstraint(one_of("sentiment", Sentiment), name="sentiment"),
        CheckConstraint(one_of("area", ExpectationArea), name="area"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),
    )

    source: Mapped[FeedbackSource] = mapped_column(StoredEnum(FeedbackSource, String(16)))
    status: Mapped[FeedbackStatus] = mapped_column(StoredEnum(FeedbackStatus, String(16)))
    text: Mapped[str] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    sentiment: Mapped[Sentiment | None] = mapped_column(StoredEnum(Sentiment, String(16)))
    area: Mapped[ExpectationArea | None] = mapped_column(StoredEnum(ExpectationArea, String(32)))
    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id"))
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tickets.id"))
    # Unique: a survey response raises at most one follow-up.
    survey_response_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("survey_responses.id"), unique=True
    )
    action_taken: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    actioned_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_by_api_key_id: Mapped[uuid.UUID | None]
    updated_by_api_key_id: Mapped[uuid.UUID | None]

    customer: Mapped[Customer | None] = relationship(lazy="raise")
    order: Mapped[Order | None] = relationship(lazy="raise")
