import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, CreatedAt, StoredEnum, UUIDPrimaryKey, one_of
from app.webhooks.types import DeliveryStatus


class WebhookEndpoint(UUIDPrimaryKey, CreatedAt, Base):
    __tablename__ = "webhook_endpoints"

    url: Mapped[str] = mapped_column(String(2048))
    description: Mapped[str] = mapped_column(String(500))
    # NULL subscribes to every event type, including ones added later.
    event_types: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    enabled: Mapped[bool]
    secret: Mapped[str] = mapped_column(String(128))
    # Rotated-out secrets still signing: [{"secret", "expires_at"}] (app.webhooks.rotation).
    retired_secrets: Mapped[list[dict[str, str]]] = mapped_column(
        JSONB, server_default=text("'[]'::jsonb")
    )
    disabled_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(String(200))
    # Set by the first failed attempt after a success; an endpoint failing for days is disabled.
    failing_since: Mapped[datetime | None]
    updated_at: Mapped[datetime]

    @property
    def previous_secret_expires_at(self) -> datetime | None:
        """When the last rotated-out secret stops signing."""
        ends = [datetime.fromisoformat(retired["expires_at"]) for retired in self.retired_secrets]
        return max(ends, default=None)


class WebhookDelivery(UUIDPrimaryKey, CreatedAt, Base):
    """One event for one endpoint. Unique per (endpoint, event): fan-out can never double it."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_id"),
        CheckConstraint(one_of("status", DeliveryStatus), name="status_known"),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_webhook_deliveries_endpoint_id_created_at_id", "endpoint_id", "created_at", "id"),
        Index("ix_webhook_deliveries_event_id", "event_id"),
    )

    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    # NULL for a `webhook.test` delivery, which is no event of the outbox.
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    event_type: Mapped[str] = mapped_column(String(64))
    status: Mapped[DeliveryStatus] = mapped_column(StoredEnum(DeliveryStatus, String(16)))
    attempts_made: Mapped[int]
    next_attempt_at: Mapped[datetime | None]
    # The lease: a claimed delivery is not due again until then, so a crashed worker's claim
    # is picked up by another worker once it expires.
    locked_until: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]

    attempts: Mapped[list["WebhookDeliveryAttempt"]] = relationship(
        lazy="raise",
        order_by="WebhookDeliveryAttempt.attempted_at",
        passive_deletes=True,
    )


class WebhookDeliveryAttempt(UUIDPrimaryKey, Base):
    __tablename__ = "webhook_delivery_attempts"
    __table_args__ = (
        Index(
            "ix_webhook_delivery_attempts_delivery_id_attempted_at", "delivery_id", "attempted_at"
        ),
    )

    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE")
    )
    attempted_at: Mapped[datetime]
    status_code: Mapped[int | None]
    latency_ms: Mapped[int]
    response_body: Mapped[str] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
