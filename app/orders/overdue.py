"""Proactive support: tell the shop when a promised delivery date passes undelivered."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.service import new_event, record_events
from app.events.types import EventType
from app.models import Customer, Event, Order
from app.worker import JobContext

OVERDUE_BATCH = 500


@dataclass(frozen=True, slots=True)
class OverdueOrder:
    order: Order
    customer_external_ref: str


class OverdueOrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, now: datetime, limit: int) -> list[OverdueOrder]:
        """Undelivered orders past their promise and not yet reported (ix_orders_overdue_watch)."""
        statement = (
            select(Order, Customer.external_ref)
            .join(Customer, Customer.id == Order.customer_id)
            .where(
                Order.delivered_at.is_(None),
                Order.overdue_notified_at.is_(None),
                Order.promised_delivery_at <= now,
            )
            .order_by(Order.promised_delivery_at)
            .limit(limit)
            .with_for_update(of=Order, skip_locked=True)
        )
        rows = (await self.session.execute(statement)).all()
        return [OverdueOrder(order, customer_ref) for order, customer_ref in rows]

    async def mark_notified(self, orders: list[Order], now: datetime) -> None:
        await self.session.execute(
            update(Order)
            .where(Order.id.in_([order.id for order in orders]))
            .values(overdue_notified_at=now)
            .execution_options(synchronize_session=False)
        )


async def report_overdue_deliveries(session: AsyncSession, now: datetime, limit: int) -> int:
    repository = OverdueOrderRepository(session)
    overdue = await repository.claim(now, limit)
    if not overdue:
        return 0
    await repository.mark_notified([item.order for item in overdue], now)
    await record_events(session, [_overdue_event(item, now) for item in overdue])
    return len(overdue)


def _overdue_event(item: OverdueOrder, now: datetime) -> Event:
    order = item.order
    assert order.promised_delivery_at is not None
    data = {
        "order_id": str(order.id),
        "external_ref": order.external_ref,
        "customer_external_ref": item.customer_external_ref,
        "status": order.status,
        "placed_at": order.placed_at.isoformat(),
        "promised_delivery_at": order.promised_delivery_at.isoformat(),
    }
    return new_event(
        EventType.ORDER_DELIVERY_OVERDUE, data, now=now, subject_type="order",
        subject_id=order.id,
    )


async def watch_overdue_deliveries(context: JobContext) -> int:
    async with context.database.sessionmaker() as session, session.begin():
        return await report_overdue_deliveries(session, context.clock.now(), OVERDUE_BATCH)
