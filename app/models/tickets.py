import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Identity, Index, SmallInteger, String, Text, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, StoredEnum, UUIDPrimaryKey
from app.models.customers import Customer
from app.models.orders import Order
from app.tickets.vocabulary import AuthorType, Channel, Priority, TicketStatus, Tier


class Ticket(UUIDPrimaryKey, Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_created_at_id", "created_at", "id"),
        Index("ix_tickets_status_created_at", "status", "created_at"),
        Index("ix_tickets_customer_id_created_at", "customer_id", "created_at"),
        Index("ix_tickets_order_id", "order_id"),
        Index("ix_tickets_assignee_created_at", "assignee", "created_at"),
        Index("ix_tickets_team_created_at", "team", "created_at"),
        Index("ix_tickets_tags", "tags", postgresql_using="gin"),
        Index("ix_tickets_solved_at", "solved_at"),
        Index("ix_tickets_first_solved_at", "first_solved_at"),
    )

    number: Mapped[int] = mapped_column(BigInteger, Identity(), unique=True)
    subject: Mapped[str] = mapped_column(String(250))
    status: Mapped[TicketStatus] = mapped_column(StoredEnum(TicketStatus, String(16)))
    priority: Mapped[Priority] = mapped_column(StoredEnum(Priority, String(16)))
    channel: Mapped[Channel] = mapped_column(StoredEnum(Channel, String(16)))
    tier: Mapped[Tier] = mapped_column(StoredEnum(Tier, SmallInteger()), default=Tier.FRONT_LINE)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("orders.id"))
    assignee: Mapped[str | None] = mapped_column(String(128))
    team: Mapped[str | None] = mapped_column(String(64))
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())
    # What the metrics need later, kept current by every change.
    first_responded_at: Mapped[datetime | None]
    first_solved_at: Mapped[datetime | None]
    solved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    public_agent_reply_count: Mapped[int] = mapped_column(default=0)
    reopen_count: Mapped[int] = mapped_column(default=0)
    first_reopened_at: Mapped[datetime | None]
    last_reopened_at: Mapped[datetime | None]
    replies_at_first_solve: Mapped[int | None]  # public agent replies when first solved (FCR)
    # Creation to first reply / first solve on the clock of the ticket's SLA policy: business
    # hours where the policy counts them, calendar time otherwise.
    first_response_seconds: Mapped[float | None]
    resolution_seconds: Mapped[float | None]
    awaiting_reply_since: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    escalation_reason: Mapped[str | None] = mapped_column(String(1000))

    customer: Mapped[Customer] = relationship(lazy="raise")
    order: Mapped[Order | None] = relationship(lazy="raise")


class TicketMessage(UUIDPrimaryKey, Base):
    __tablename__ = "ticket_messages"
    __table_args__ = (Index("ix_ticket_messages_ticket_id_created_at", "ticket_id", "created_at"),)

    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    author_type: Mapped[AuthorType] = mapped_column(StoredEnum(AuthorType, String(16)))
    public: Mapped[bool]
    body: Mapped[str] = mapped_column(Text)
    channel: Mapped[Channel] = mapped_column(StoredEnum(Channel, String(16)))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class TicketStatusLink(Base):
    """The customer's capability to read the ticket's status page: one live link per ticket,
    replaced when rotated, deleted when revoked. Only the token's SHA-256 is kept."""

    __tablename__ = "ticket_status_links"

    ticket_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
