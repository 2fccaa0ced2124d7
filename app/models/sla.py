"""SLA policies, business calendars, the policy snapshot per ticket and one row per target."""

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Interval,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, StoredEnum, UUIDPrimaryKey, one_of
from app.sla.types import SlaMetric, TargetStatus
from app.tickets.vocabulary import TicketStatus


class SlaCalendar(UUIDPrimaryKey, Base):
    """Business hours in one IANA timezone: {"mon": [["09:00", "17:00"]], ...} and holidays."""

    __tablename__ = "business_calendars"
    __table_args__ = (Index("ix_business_calendars_created_at_id", "created_at", "id"),)

    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64))
    weekly_hours: Mapped[dict[str, list[list[str]]]] = mapped_column(JSONB)
    holidays: Mapped[list[date]] = mapped_column(ARRAY(Date))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SlaPolicy(UUIDPrimaryKey, Base):
    """Conditions choose the policy (lowest position first); targets say what is promised."""

    __tablename__ = "sla_policies"
    __table_args__ = (
        Index("ix_sla_policies_position", "position", "created_at"),
        Index("ix_sla_policies_created_at_id", "created_at", "id"),
        Index("ix_sla_policies_calendar_id", "calendar_id"),
    )

    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("business_calendars.id", ondelete="RESTRICT")
    )
    conditions: Mapped[dict[str, Any]] = mapped_column(JSONB)
    targets: Mapped[dict[str, Any]] = mapped_column(JSONB)
    pause_statuses: Mapped[list[TicketStatus]] = mapped_column(
        ARRAY(StoredEnum(TicketStatus, Text()))
    )
    escalate_on_breach: Mapped[bool]
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TicketSla(Base):
    """The policy in force for one ticket, copied when applied: editing a policy or calendar
    later never changes the deadlines of tickets it was applied to."""

    __tablename__ = "ticket_slas"

    ticket_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True
    )
    policy_id: Mapped[uuid.UUID | None]  # no foreign key: the history outlives the policy
    policy_name: Mapped[str | None] = mapped_column(String(100))
    policy_version: Mapped[int | None]
    calendar: Mapped[dict[str, Any] | None] = mapped_column(JSONB)  # None: 24x7
    targets: Mapped[dict[str, Any]] = mapped_column(JSONB)
    pause_statuses: Mapped[list[TicketStatus]] = mapped_column(
        ARRAY(StoredEnum(TicketStatus, Text()))
    )
    escalate_on_breach: Mapped[bool]
    applied_at: Mapped[datetime]


class SlaTarget(UUIDPrimaryKey, Base):
    """One promise on one ticket: a first response, one next response, or a resolution."""

    __tablename__ = "sla_targets"
    __table_args__ = (
        CheckConstraint(one_of("status", TargetStatus), name="status"),
        CheckConstraint(one_of("metric", SlaMetric), name="metric"),
        Index("ix_sla_targets_ticket_id_metric", "ticket_id", "metric"),
        # The sweep reads only what is due: O(due), not O(active targets).
        Index("ix_sla_targets_due", "due_at", postgresql_where=text("status = 'active'")),
        # Compliance reads the targets settled (met or breached) whose deadline is in a period.
        Index(
            "ix_sla_targets_settled_due",
            "due_at",
            postgresql_where=text("status IN ('met', 'breached')"),
        ),
        Index(
            "ix_sla_targets_warn",
            "warn_at",
            postgresql_where=text("status = 'active' AND warned_at IS NULL"),
        ),
    )

    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    metric: Mapped[SlaMetric] = mapped_column(StoredEnum(SlaMetric, String(16)))
    status: Mapped[TargetStatus] = mapped_column(StoredEnum(TargetStatus, String(16)))
    policy_id: Mapped[uuid.UUID | None]
    policy_name: Mapped[str | None] = mapped_column(String(100))
    target: Mapped[timedelta] = mapped_column(Interval)
    warn_before: Mapped[timedelta] = mapped_column(Interval)
    business_hours: Mapped[bool]
    started_at: Mapped[datetime]
    due_at: Mapped[datetime]
    warn_at: Mapped[datetime]
    paused_at: Mapped[datetime | None]
    paused_for: Mapped[timedelta] = mapped_column(Interval, default=timedelta(0))
    warned_at: Mapped[datetime | None]
    breached_at: Mapped[datetime | None]
    met_at: Mapped[datetime | None]
    stopped_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
