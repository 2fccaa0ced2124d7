from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.customers import service as customers
from app.events.service import new_event, record_events
from app.events.types import NewEvent
from app.kb import service as kb
from app.kb.schemas import OrderNotices
from app.kit.errors import RequestInvalid, field_error, invalid_field
from app.kit.pagination import PageParams
from app.models import Order
from app.orders import delivery
from app.orders.countries import is_country_code
from app.orders.errors import (
    DeliveredBeforeShipped,
    OrderNotFound,
    OrderTransitionNotAllowed,
    ShipmentOfCancelledOrder,
    UnknownCountryCode,
)
from app.orders.lifecycle import (
    delivered_before_shipped,
    shipment_facts_of_cancelled,
    state_errors,
    transition_refusal,
    watched_for_risk,
)
from app.orders.repository import LOOKUP_PART, OrderRepository, OverdueOrder
from app.orders.schemas import (
    DeliveryCalibration,
    OrderDeliveryOverdueData,
    OrderFilters,
    OrderUpdate,
    OrderUpsert,
)
from app.orders.types import OrderStatus


async def upsert_order(
    session: AsyncSession, external_ref: str, body: OrderUpsert, now: datetime
) -> tuple[Order, bool]:
    """Create or replace the order `external_ref` with its customer; True when it is new."""
    _check_shipping(body.status, body.model_dump(), body.shipped_at, body.delivered_at)
    _refuse_contradictions(state_errors(
        body.status, body.placed_at, body.promised_delivery_at, body.delivered_at,
        body.shipped_at,
    ))
    customer = await customers.upsert_customer(session, body.customer, now)
    orders = OrderRepository(session)
    watched = watched_for_risk(body.status, body.promised_delivery_at, body.delivered_at)
    written = await orders.upsert(
        external_ref, body, customer.id, now, risk_check_at=now if watched else None
    )
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
    shipped = changes.get("shipped_at", order.shipped_at)
    _check_shipping(status, changes, shipped, delivered)
    _refuse_contradictions(state_errors(status, order.placed_at, promised, delivered, shipped))
    if promised != order.promised_delivery_at:
        # A new promise is watched afresh: it may become at risk, then overdue, again.
        order.overdue_notified_at = None
        order.at_risk_notified_at = None
    for name, value in changes.items():
        setattr(order, name, value)
    if changes:
        order.updated_at = now
        order.risk_check_at = now if watched_for_risk(status, promised, delivered) else None
    await session.flush()
    return order


def _check_shipping(
    status: OrderStatus, sent: dict[str, object], shipped: datetime | None,
    delivered: datetime | None,
) -> None:
    """The shipping facts' own problems, each with its problem type: an unknown country, a
    shipment reported for a cancelled order, a delivery before its shipment."""
    country = sent.get("destination_country")
    if isinstance(country, str) and not is_country_code(country):
        raise invalid_field(
            "/destination_country", f"{country} is not an ISO 3166-1 alpha-2 country code",
            problem=UnknownCountryCode,
        )
    if refused := shipment_facts_of_cancelled(status, sent):
        raise ShipmentOfCancelledOrder(
            "A cancelled order is never a delivery: it takes no " + ", ".join(refused) + ".",
            errors=[
                field_error(f"/{name}", "not for a cancelled order") for name in refused
            ],
        )
    if delivered_before_shipped(shipped, delivered):
        raise invalid_field(
            "/delivered_at", "delivered_at is before shipped_at", problem=DeliveredBeforeShipped
        )


def _refuse_contradictions(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise RequestInvalid(
            "; ".join(detail for _, detail in errors),
            errors=[field_error(f"/{name}", detail) for name, detail in errors],
        )


def _refuse_transition(current: OrderStatus, target: OrderStatus) -> None:
    refusal = transition_refusal(current, target)
    if refusal is not None:
        raise OrderTransitionNotAllowed(refusal[0].upper() + refusal[1:] + ".")


async def delivery_calibration(
    session: AsyncSession, start: datetime, end: datetime, settings: Settings, now: datetime
) -> DeliveryCalibration:
    """Per carrier, service level and destination: promises kept, observed transit times and
    the promise each confidence level would have needed (app.orders.delivery)."""
    return await delivery.calibration(session, start, end, settings, now)


def lookup_part() -> tuple[str, str]:
    """`find_order` as a part of a caller's statement: `found_order` (id, customer_id,
    external_ref) for :order_external_ref."""
    return LOOKUP_PART


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


def _overdue_event(item: OverdueOrder, now: datetime) -> NewEvent:
    order = item.order
    assert order.promised_delivery_at is not None
    data = OrderDeliveryOverdueData(
        order_id=order.id, external_ref=order.external_ref,
        customer_external_ref=item.customer_external_ref, status=order.status,
        placed_at=order.placed_at, promised_delivery_at=order.promised_delivery_at,
    )
    return new_event(data, now=now, subject_type="order", subject_id=order.id)


async def order_notices(
    session: AsyncSession,
    external_ref: str,
    products: Sequence[str],
    *,
    at: datetime,
    default_locale: str,
) -> OrderNotices:
    """The update notices in effect at `at` for the order (named by its ref) or the products
    the shop says it holds, in its customer's language where translated."""
    order = await get_order(session, external_ref)
    return await kb.notices_for_order(
        session,
        order.external_ref,
        products,
        at=at,
        preferred_locales=[order.customer.locale, default_locale],
    )
