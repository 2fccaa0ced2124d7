from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.customers import service as customers
from app.events.service import new_event, record_events
from app.events.types import EventType
from app.kit.pagination import PageParams
from app.models import Event, Order
from app.orders.errors import OrderNotFound
from app.orders.repository import OrderRepository, OverdueOrder
from app.orders.schemas import OrderFilters, OrderUpsert


async def upsert_order(
    session: AsyncSession, external_ref: str, body: OrderUpsert, now: datetime
) -> tuple[Order, bool]:
    """Create or replace the order `external_ref` with its customer; True when it is new."""
    customer = await customers.upsert_customer(session, body.customer, now)
    orders = OrderRepository(session)
    _, created = await orders.upsert(external_ref, body, customer.id, now)
    order = await orders.by_external_ref(external_ref)
    assert order is not None
    return order, created


async def find_order(session: AsyncSession, external_ref: str) -> Order | None:
    """The order with its customer, or None."""
    return await OrderRepository(session).by_external_ref(external_ref)


async def get_order(session: AsyncSession, external_ref: str) -> Order:
    order = await find_order(session, external_ref)
    if order is None:
        raise OrderNotFound(f"No order with external_ref {external_ref!r}.")
    return order


async def list_orders(
    session: AsyncSession, page: PageParams, filters: OrderFilters
) -> tuple[Sequence[Order], str | None]:
    return await OrderRepository(session).page(page, filters)


async def report_overdue_deliveries(session: AsyncSession, now: datetime, limit: int) -> int:
    """Record order.delivery_overdue once for up to `limit` undelivered orders past their
    promise; return how many."""
    repository = OrderRepository(session)
    overdue = await repository.claim_overdue(now, limit)
    if not overdue:
        return 0
    await repository.mark_overdue_notified([item.order for item in overdue], now)
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
