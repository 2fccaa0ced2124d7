"""Proactive notices: `order.delivery_at_risk` once per promise, before the promise passes.

An order with a promise it may still keep is watched: each look estimates its chance to arrive
by the promise from the transit times of comparable deliveries (app.orders.estimates). In
transit: P(T <= promise | T > elapsed). Not shipped yet: the chance that a shipment right now
would make it. Below the threshold, the event is recorded with the look (same transaction) and
the order is no longer watched until it gets a new promise; otherwise the next look is when the
chance would first drop below the threshold (it only falls as time passes), or sooner when the
history may have moved (`delivery_watch_recheck_minutes`). Orders are claimed with FOR UPDATE
SKIP LOCKED through ix_orders_risk_watch, so two workers never report one order twice.
"""

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.events.service import new_event, record_events
from app.events.types import NewEvent
from app.models import Order
from app.orders.delivery import TransitHistory
from app.orders.estimates import (
    Level,
    Risk,
    Transit,
    arrival,
    quantile,
    risk_before_shipment,
    risk_in_transit,
    risk_starts_after,
    transit_seconds,
)
from app.orders.lifecycle import watched_for_risk
from app.orders.repository import Lane, OrderRepository, OverdueOrder, RiskLook
from app.orders.schemas import OrderDeliveryAtRiskData
from app.sla.business_hours import BusinessCalendar

SOONEST_LOOK = timedelta(seconds=1)


async def report_deliveries_at_risk(
    session: AsyncSession, history: TransitHistory, now: datetime, limit: int
) -> int:
    """Look at up to `limit` orders whose look is due; return how many were looked at."""
    repository = OrderRepository(session)
    claimed = await repository.claim_risk_checks(now, limit)
    looks, events = [], []
    for item in claimed:
        look, event = await _look(session, history, item, now)
        looks.append(look)
        if event is not None:
            events.append(event)
    await repository.set_risk_checks(looks)
    await record_events(session, events)
    return len(claimed)


async def _look(
    session: AsyncSession, history: TransitHistory, item: OverdueOrder, now: datetime
) -> tuple[RiskLook, NewEvent | None]:
    order = item.order
    settings = history.settings
    promise = order.promised_delivery_at
    done = RiskLook(order.id, None, order.at_risk_notified_at)
    if (
        promise is None
        or not watched_for_risk(order.status, promise, order.delivered_at)
        or order.at_risk_notified_at is not None
        or promise <= now  # past the promise: the overdue watch speaks now
    ):
        return done, None
    lane = Lane(
        order.carrier, order.service_level, order.destination_country, order.destination_region
    )
    found = await history.comparable(session, lane, now)
    recheck = now + timedelta(minutes=settings.delivery_watch_recheck_minutes)
    if found is None:  # no history yet: nothing to say, look again later
        return RiskLook(order.id, min(recheck, promise), None), None
    level, transit = found
    calendar = (await history.calendars(session, now)).of(order.carrier)
    threshold = settings.delivery_at_risk_threshold
    if order.shipped_at is None:
        remaining = transit_seconds(calendar, now, promise)
        risk = risk_before_shipment(transit, remaining, threshold)
        expected = (
            None if risk.expected_seconds is None else arrival(calendar, now, risk.expected_seconds)
        )
        crossing = _unshipped_crossing(transit, remaining, threshold, calendar, now)
    else:
        elapsed = transit_seconds(calendar, order.shipped_at, now)
        budget = transit_seconds(calendar, order.shipped_at, promise)
        risk = risk_in_transit(transit, elapsed, budget, threshold)
        expected = (
            None
            if risk.expected_seconds is None
            else arrival(calendar, order.shipped_at, risk.expected_seconds)
        )
        crossing = arrival(
            calendar, order.shipped_at, risk_starts_after(transit, budget, threshold)
        )
    if risk.at_risk:
        event = _at_risk_event(item, risk, expected, level, transit, settings, now)
        return RiskLook(order.id, None, now), event
    next_look = max(min(crossing, recheck, promise), now + SOONEST_LOOK)
    return RiskLook(order.id, next_look, None), None


def _unshipped_crossing(
    transit: Transit,
    remaining: float,
    threshold: float,
    calendar: BusinessCalendar,
    now: datetime,
) -> datetime:
    """When the time left to the promise shrinks to the threshold-quantile of the transit
    times: from then on, even a shipment at once would have less than the threshold's chance."""
    needed = quantile(transit, threshold) or 0.0
    return arrival(calendar, now, max(remaining - needed, 0.0))


def _at_risk_event(
    item: OverdueOrder,
    risk: Risk,
    expected: datetime | None,
    level: Level,
    transit: Transit,
    settings: Settings,
    now: datetime,
) -> NewEvent:
    order: Order = item.order
    assert order.promised_delivery_at is not None
    data = OrderDeliveryAtRiskData(
        order_id=order.id,
        external_ref=order.external_ref,
        customer_external_ref=item.customer_external_ref,
        status=order.status,
        carrier=order.carrier,
        service_level=order.service_level,
        destination_country=order.destination_country,
        destination_region=order.destination_region,
        shipped_at=order.shipped_at,
        tracking_url=order.tracking_url,
        promised_delivery_at=order.promised_delivery_at,
        probability=round(risk.probability, 4),
        threshold=settings.delivery_at_risk_threshold,
        expected_delivery_at=expected,
        level=level,
        sample_size=len(transit),
    )
    return new_event(data, now=now, subject_type="order", subject_id=order.id)
