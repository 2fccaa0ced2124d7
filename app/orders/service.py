from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.customers import service as customers
from app.events.service import new_event, record_events
from app.events.types import EventType
from app.kit.errors import RequestInvalid, field_error
from app.kit.pagination import PageParams
from app.models import Event, Order
from app.orders.errors import OrderNotFound, OrderTransitionNotAllowed
from app.orders.lifecycle import state_errors, transition_refusal
from app.orders.repository import OrderRepository, OverdueOrder
from app.orders.schemas import OrderFilters, OrderUpdate, OrderUpsert
from app.orders.types import OrderStatus


async def upsert_order(
    session: AsyncSession, external_ref: str, body: OrderUpsert, now: datetime
) -> tuple[Order, bool]:
    """Create or replace the order `external_ref` with its customer; True when it is new."""
    customer = await customers.upsert_customer(session, body.customer, now)
    orders = OrderRepository(session)
    written = await orders.upsert(external_ref, body, customer.id, now)
    order = await orders.by_external_ref(external_ref)
    assert order is not None
    if written is None:
        _refuse_transition(order.status, body.status)
    assert written is not None
    return order, written[1]


async def update_order(
    session: AsyncSession, external_ref: str, body: OrderUpdate, now: datetime
) -> Order:
    """Apply the fields sent; the order as it then stands must make sense, and its status
    may only move forward."""
    order = await OrderRepository(session).by_external_ref(external_ref, for_update=True)
    if order is None:
        raise OrderNotFound(f"No order with external_ref {external_ref!r}.")
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    status = changes.get("status", order.status)
    _refuse_transition(order.status, status)
    promised = changes.get("promised_delivery_at", order.promised_delivery_at)
    delivered = changes.get("delivered_at", order.delivered_at)
    errors = state_errors(status, order.placed_at, promised, delivered)
    if errors:
        raise RequestInvalid(
            "; ".join(detail for _, detail in errors),
            errors=[field_error(f"/{name}", detail) for name, detail in errors],
        )
    if promised != order.promised_delivery_at:
        order.overdue_notified_at = None  # a new promise is watched afresh
    for name, value in changes.items():
        setattr(order, name, value)
    if changes:
        order.updated_at = now
    await session.flush()
    return order


def _refuse_transition(current: OrderStatus, target: OrderStatus) -> None:
    refusal = transition_refusal(current, target)
    if refusal is not None:
        raise OrderTransitionNotAllowed(refusal[0].upper() + refusal[1:] + ".")


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
