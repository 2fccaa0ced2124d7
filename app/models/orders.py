import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CHAR, ColumnElement, ForeignKey, Index, Numeric, String, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, StoredEnum, UUIDPrimaryKey
from app.models.customers import Customer
from app.orders.types import OrderStatus


class Order(UUIDPrimaryKey, Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_customer_id_placed_at", "customer_id", "placed_at"),
        # Retention: the orders placed in a period with when their customer ordered next.
        Index("ix_orders_placed_at_next", "placed_at", postgresql_include=["next_placed_at"]),
        # Delivery on time counts orders by their promise (the rollups' raw edges, the records);
        # the delivery calibration's promises kept read it alone.
        Index(
            "ix_orders_promised_delivery_at",
            "promised_delivery_at",
            postgresql_include=[
                "carrier", "service_level", "destination_country", "delivered_at", "status"
            ],
        ),
        Index("ix_orders_created_at_id", "created_at", "id"),
        # The overdue sweep reads only undelivered, un-notified promises of orders that were not
        # cancelled: O(due), not O(orders).
        Index(
            "ix_orders_overdue_watch",
            "promised_delivery_at",
            postgresql_where=text(
                "delivered_at IS NULL AND overdue_notified_at IS NULL AND status <> 'cancelled'"
            ),
        ),
        # The at-risk watch claims orders whose next look is due: O(due), not O(open orders).
        Index(
            "ix_orders_risk_watch", "risk_check_at",
            postgresql_where=text("risk_check_at IS NOT NULL"),
        ),
        # Transit-time history per lane, latest first.
        Index(
            "ix_orders_transit_history",
            "carrier", "service_level", "destination_country", "delivered_at",
            postgresql_where=text("shipped_at IS NOT NULL AND delivered_at IS NOT NULL"),
        ),
        # The delivery calibration: a period's deliveries read from the index alone. No status
        # in the predicate: a generic plan's status = ANY($1) could not prove it.
        Index(
            "ix_orders_delivered_transit",
            "delivered_at",
            postgresql_include=[
                "carrier", "service_level", "destination_country", "shipped_at", "status"
            ],
            postgresql_where=text("shipped_at IS NOT NULL AND delivered_at IS NOT NULL"),
        ),
    )

    external_ref: Mapped[str] = mapped_column(String(128), unique=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"))
    status: Mapped[OrderStatus] = mapped_column(StoredEnum(OrderStatus, String(20)))
    placed_at: Mapped[datetime]
    # When the customer ordered next (ordered by placed_at, id; null: not yet): kept by the
    # orders_relink_next triggers, never written by the application.
    next_placed_at: Mapped[datetime | None]
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(CHAR(3))
    promised_delivery_at: Mapped[datetime | None]
    carrier: Mapped[str | None] = mapped_column(String(64))
    service_level: Mapped[str | None] = mapped_column(String(64))
    destination_country: Mapped[str | None] = mapped_column(CHAR(2))
    destination_region: Mapped[str | None] = mapped_column(String(16))
    shipped_at: Mapped[datetime | None]
    tracking_number: Mapped[str | None] = mapped_column(String(128))
    tracking_url: Mapped[str | None] = mapped_column(String(2048))
    delivered_at: Mapped[datetime | None]
    overdue_notified_at: Mapped[datetime | None]
    # The at-risk watch: when to look at the order next (null: not watched), and when
    # order.delivery_at_risk was emitted for its current promise.
    risk_check_at: Mapped[datetime | None]
    at_risk_notified_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())

    customer: Mapped[Customer] = relationship(lazy="raise")


def delivery_expected() -> ColumnElement[bool]:
    """A cancelled order is no delivery: never late, overdue or on time."""
    return Order.status != OrderStatus.CANCELLED
