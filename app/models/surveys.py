"""Survey templates (versioned), invitations, responses and one row per answer."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, StoredEnum, UUIDPrimaryKey, one_of
from app.models.customers import Customer
from app.models.orders import Order
from app.surveys.types import InvitationTrigger, SkipReason


class SurveyTemplate(UUIDPrimaryKey, Base):
    """One immutable version of a template; publishing the slug again adds version N+1."""

    __tablename__ = "survey_templates"
    __table_args__ = (
        UniqueConstraint("slug", "version"),
        Index("ix_survey_templates_created_at_id", "created_at", "id"),
        CheckConstraint("sample_percent BETWEEN 1 AND 100", name="sample_percent"),
    )

    slug: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(1000))
    builtin: Mapped[bool]
    # QuestionSpec dumps with defaults filled in, so a later default change alters no version.
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    # The language of name, description, prompts and options; translations: texts.py.
    locale: Mapped[str] = mapped_column(String(35), server_default=text("'en'"))
    translations: Mapped[dict[str, Any]] = mapped_column(
        JSONB, server_default=text("'{}'::jsonb")
    )
    # The share of customers invited: a customer's draw depends on the slug only (sampling.py).
    sample_percent: Mapped[int] = mapped_column(SmallInteger, server_default=text("100"))
    created_at: Mapped[datetime]


class SurveyInvitation(UUIDPrimaryKey, Base):
    __tablename__ = "survey_invitations"
    __table_args__ = (
        Index("ix_survey_invitations_created_at_id", "created_at", "id"),
        Index("ix_survey_invitations_customer_id_created_at", "customer_id", "created_at"),
        Index("ix_survey_invitations_order_id", "order_id"),
        Index("ix_survey_invitations_ticket_id", "ticket_id"),
        # At most one automatic invitation per ticket, however many workers race for it.
        Index(
            "uq_survey_invitations_ticket_solved",
            "ticket_id",
            unique=True,
            postgresql_where=text("trigger = 'ticket_solved'"),
        ),
        CheckConstraint(one_of("trigger", InvitationTrigger), name="trigger"),
        # Only pending reminders are indexed: the reminder job reads O(due), whatever the history.
        Index(
            "ix_survey_invitations_reminder_due_at",
            "reminder_due_at",
            postgresql_where=text("reminder_due_at IS NOT NULL"),
        ),
    )

    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("survey_templates.id"))
    # SHA-256 of the token: the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id"))
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tickets.id"))
    trigger: Mapped[InvitationTrigger] = mapped_column(StoredEnum(InvitationTrigger, String(16)))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    responded_at: Mapped[datetime | None]
    created_by_api_key_id: Mapped[uuid.UUID | None]
    # When survey.reminder_due is owed; cleared once it is recorded, answered or expired.
    reminder_due_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    # The reminder carries a link of its own (the first token is never stored); both answer.
    reminder_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    template: Mapped[SurveyTemplate] = relationship(lazy="raise")
    customer: Mapped[Customer] = relationship(lazy="raise")
    order: Mapped[Order | None] = relationship(lazy="raise")


class SurveyAutoInviteSkip(Base):
    """A solved ticket whose customer the automatic invitation passed over (fatigue or sample),
    so the job decides once per ticket instead of looking at it again every run."""

    __tablename__ = "survey_auto_invite_skips"
    __table_args__ = (CheckConstraint(one_of("reason", SkipReason), name="reason"),)

    ticket_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True
    )
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("survey_templates.id"))
    reason: Mapped[SkipReason] = mapped_column(StoredEnum(SkipReason, String(16)))
    decided_at: Mapped[datetime]


class SurveyResponse(UUIDPrimaryKey, Base):
    __tablename__ = "survey_responses"
    __table_args__ = (
        Index("ix_survey_responses_created_at_id", "created_at", "id"),
        Index("ix_survey_responses_template_id_created_at", "template_id", "created_at"),
        Index("ix_survey_responses_customer_id_created_at", "customer_id", "created_at"),
        Index("ix_survey_responses_order_id", "order_id"),
        Index("ix_survey_responses_ticket_id", "ticket_id"),
    )

    # Unique: the database refuses a second response even if a check above it were skipped.
    invitation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_invitations.id"), unique=True
    )
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("survey_templates.id"))
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id"))
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tickets.id"))
    created_at: Mapped[datetime]
    # The language the customer read the survey in (answers are stored in the template's own).
    locale: Mapped[str | None] = mapped_column(String(35))

    template: Mapped[SurveyTemplate] = relationship(lazy="raise")
    customer: Mapped[Customer] = relationship(lazy="raise")
    order: Mapped[Order | None] = relationship(lazy="raise")
    answers: Mapped[list["SurveyAnswer"]] = relationship(
        lazy="raise", order_by="SurveyAnswer.position"
    )


class SurveyAnswer(Base):
    """One answer, self-describing (type, metric, value) so metrics aggregate it in SQL."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        Index(
            "ix_survey_answers_counts_as_answered_at",
            "counts_as",
            "answered_at",
            postgresql_include=["numeric_value"],
            postgresql_where=text("counts_as IS NOT NULL"),
        ),
        CheckConstraint(
            "counts_as IN ('csat', 'nps', 'expectations_met')", name="counts_as"
        ),
    )

    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), primary_key=True
    )
    question_key: Mapped[str] = mapped_column(String(63), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    question_type: Mapped[str] = mapped_column(String(16))
    counts_as: Mapped[str | None] = mapped_column(String(32))
    # csat/likert 1-5, rating 1-4, nps 0-10, yes_no 1 (yes) or 0 (no); null for text.
    numeric_value: Mapped[int | None] = mapped_column(SmallInteger)
    label: Mapped[str | None] = mapped_column(String(100))
    text_value: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime]
