from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.customers.repository import CustomerRepository
from app.models import Order
from app.orders.errors import OrderNotFound
from app.orders.repository import OrderRepository
from app.orders.schemas import OrderUpsert


async def upsert_order(
    session: AsyncSession, external_ref: str, body: OrderUpsert, now: datetime
) -> tuple[Order, bool]:
    """Create or replace the order `external_ref` with its customer; True when it is new."""
    customer = await CustomerRepository(session).upsert(body.customer, now)
    orders = OrderRepository(session)
    _, created = await orders.upsert(external_ref, body, customer.id, now)
    order = await orders.by_external_ref(external_ref)
    assert order is not None
    return order, created


async def get_order(session: AsyncSession, external_ref: str) -> Order:
    order = await OrderRepository(session).by_external_ref(external_ref)
    if order is None:
        raise OrderNotFound(f"No order with external_ref {external_ref!r}.")
    return order
