import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Float,
    Select,
    case,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import array, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from app.kit.pagination import PageParams, fetch_page
from app.models import Customer, Order
from app.models.orders import delivery_expected
from app.orders.lifecycle import DELIVERED_STATUSES, FOLLOWING
from app.orders.schemas import OrderFilters, OrderUpsert

# Enough for the calibration to sort 180 days of a million-ticket demo's deliveries in memory.
CALIBRATION_WORK_MEM = "128MB"
# (from, to) status pairs the lifecycle allows, for the upsert's guard in SQL.
ALLOWED_TRANSITIONS = [
    (current.value, target.value)
    for current, following in FOLLOWING.items()
    for target in following
]


# Only shipped, then delivered orders have a transit time; a cancelled order is never one.
_HAS_TRANSIT = (
    Order.shipped_at.is_not(None),
    Order.delivered_at.is_not(None),
    Order.status.in_(DELIVERED_STATUSES),
)


@dataclass(frozen=True, slots=True)
class Lane:
    """Who carries a parcel where; None in a field leaves it out of a comparison."""

    carrier: str | None = None
    service_level: str | None = None
    destination_country: str | None = None
    destination_region: str | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    lane: Lane
    shipped_at: datetime
    delivered_at: datetime


@dataclass(frozen=True, slots=True)
class LaneQuantiles:
    """A lane's sample size and the observed transit seconds at the asked shares (each the
    smallest observed time that at least that share of the sample is at or under)."""

    lane: Lane
    size: int
    seconds_at: dict[float, float]


@dataclass(frozen=True, slots=True)
class PromiseCounts:
    lane: Lane
    kept: int
    settled: int


@dataclass(frozen=True, slots=True)
class RiskLook:
    order_id: uuid.UUID
    next_check_at: datetime | None
    notified_at: datetime | None


@dataclass(frozen=True, slots=True)
class OverdueOrder:
    order: Order
    customer_external_ref: str


# An order by its reference, as a part of a caller's statement (:order_external_ref NULL: none).
LOOKUP_PART = (
    "found_order",
    "SELECT id, customer_id, external_ref FROM orders"
    " WHERE external_ref = CAST(:order_external_ref AS varchar)",
)


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(
        self,
        external_ref: str,
        body: OrderUpsert,
        customer_id: uuid.UUID,
        now: datetime,
        *,
        risk_check_at: datetime | None,
    ) -> tuple[uuid.UUID, bool] | None:
        """Insert or update by the shop's reference; True when the order is new. None (and
        nothing written) when the order exists and its status may not become the one sent."""
        values = {**body.model_dump(exclude={"customer"}), "risk_check_at": risk_check_at}
        excluded = insert(Order).excluded
        status_may_follow = or_(
            Order.status == excluded.status,
            tuple_(Order.status, excluded.status).in_(ALLOWED_TRANSITIONS),
        )
        promise_moved = Order.promised_delivery_at.is_distinct_from(excluded.promised_delivery_at)
        statement = (
            insert(Order)
            .values(
                external_ref=external_ref,
                customer_id=customer_id,
                created_at=now,
                updated_at=now,
                **values,
            )
            .on_conflict_do_update(
                index_elements=[Order.external_ref],
                set_={
                    "customer_id": excluded.customer_id,
                    **{name: excluded[name] for name in values},
                    # A new promise is watched afresh: it may become overdue again.
                    "overdue_notified_at": case(
                        (promise_moved, None), else_=Order.overdue_notified_at
                    ),
                    "at_risk_notified_at": case(
                        (promise_moved, None), else_=Order.at_risk_notified_at
                    ),
                    "updated_at": now,
                },
                where=status_may_follow,
            )
            .returning(Order.id, literal_column("xmax = 0", Boolean).label("inserted"))
        )
        row = (await self.session.execute(statement)).one_or_none()
        return None if row is None else (row.id, bool(row.inserted))

    async def by_external_ref(self, external_ref: str, *, for_update: bool = False) -> Order | None:
        """The order with its customer; locked for an update with `for_update`."""
        statement = (
            select(Order)
            .where(Order.external_ref == external_ref)
            .options(joinedload(Order.customer))
            .execution_options(populate_existing=True)
        )
        if for_update:
            statement = statement.with_for_update(of=Order)
        return await self.session.scalar(statement)

    async def page(
        self, params: PageParams, filters: OrderFilters
    ) -> tuple[Sequence[Order], str | None]:
        statement = select(Order).options(joinedload(Order.customer))
        if filters.customer_external_ref is not None:
            statement = statement.join(Customer, Order.customer_id == Customer.id).where(
                Customer.external_ref == filters.customer_external_ref
            )
        if filters.placed_from is not None:
            statement = statement.where(Order.placed_at >= filters.placed_from)
        if filters.placed_to is not None:
            statement = statement.where(Order.placed_at < filters.placed_to)
        if filters.delivered is not None:
            delivered = Order.delivered_at.is_not(None)
            statement = statement.where(delivered if filters.delivered else ~delivered)
        if filters.overdue_at is not None:
            statement = statement.where(
                Order.delivered_at.is_(None),
                Order.promised_delivery_at < filters.overdue_at,
                delivery_expected(),
            )
        if filters.not_overdue_at is not None:
            statement = statement.where(
                (Order.delivered_at.is_not(None))
                | ~delivery_expected()
                | Order.promised_delivery_at.is_(None)
                | (Order.promised_delivery_at >= filters.not_overdue_at)
            )
        return await fetch_page(self.session, statement, Order.created_at, Order.id, params)

    async def claim_overdue(self, now: datetime, limit: int) -> list[OverdueOrder]:
        """Undelivered orders past their promise, not cancelled and not yet reported
        (ix_orders_overdue_watch)."""
        statement = (
            select(Order, Customer.external_ref)
            .join(Customer, Customer.id == Order.customer_id)
            .where(
                Order.delivered_at.is_(None),
                Order.overdue_notified_at.is_(None),
                delivery_expected(),
                Order.promised_delivery_at <= now,
            )
            .order_by(Order.promised_delivery_at)
            .limit(limit)
            .with_for_update(of=Order, skip_locked=True)
        )
        rows = (await self.session.execute(statement)).all()
        return [OverdueOrder(order, customer_ref) for order, customer_ref in rows]

    async def mark_overdue_notified(self, orders: Sequence[Order], now: datetime) -> None:
        await self.session.execute(
            update(Order)
            .where(Order.id.in_([order.id for order in orders]))
            .values(overdue_notified_at=now)
            .execution_options(synchronize_session=False)
        )

    async def claim_risk_checks(self, now: datetime, limit: int) -> list[OverdueOrder]:
        rows = await self.session.execute(risk_claim_statement(now, limit))
        return [OverdueOrder(order, customer_ref) for order, customer_ref in rows]

    async def set_risk_checks(self, looks: Sequence[RiskLook]) -> None:
        """Each order's next look (None: no longer watched) and, when reported, the time."""
        if looks:
            await self.session.execute(
                update(Order),
                [
                    {
                        "id": look.order_id,
                        "risk_check_at": look.next_check_at,
                        "at_risk_notified_at": look.notified_at,
                    }
                    for look in looks
                ],
            )

    async def recent_deliveries(self, lane: Lane, since: datetime, limit: int) -> list[Delivery]:
        """The latest `limit` deliveries since `since` on the lane (a None field: any)
        (ix_orders_transit_history)."""
        statement = (
            select(
                Order.carrier,
                Order.service_level,
                Order.destination_country,
                Order.shipped_at,
                Order.delivered_at,
            )
            .where(*_HAS_TRANSIT, Order.delivered_at >= since, *_on_lane(lane))
            .order_by(Order.delivered_at.desc())
            .limit(limit)
        )
        return [_delivery(*row) for row in await self.session.execute(statement)]

    async def deliveries_between(
        self, start: datetime, end: datetime, carriers: Sequence[str] | None = None
    ) -> list[Delivery]:
        """Deliveries in [start, end), of `carriers` only when given."""
        statement = select(
            Order.carrier,
            Order.service_level,
            Order.destination_country,
            Order.shipped_at,
            Order.delivered_at,
        ).where(*_HAS_TRANSIT, Order.delivered_at >= start, Order.delivered_at < end)
        if carriers is not None:
            statement = statement.where(Order.carrier.in_(carriers))
        return [_delivery(*row) for row in await self.session.execute(statement)]

    async def calendar_transit_quantiles(
        self, start: datetime, end: datetime, shares: Sequence[float], excluded: Sequence[str]
    ) -> list[LaneQuantiles]:
        """Per lane, of the deliveries in [start, end) by carriers not in `excluded` (carrier
        None included): the calendar-time transit at each share, in SQL (percentile_disc: the
        first observed value whose cumulative share reaches it, never an interpolation).
        Reads ix_orders_delivered_transit alone; sorts in memory (a spilled sort doubled it)."""
        await self.session.execute(text(f"SET LOCAL work_mem = '{CALIBRATION_WORK_MEM}'"))
        # One exact numeric per row (the interval's epoch), rounded once to float8 as
        # timedelta.total_seconds() rounds: the same value the Python path computes.
        seconds = func.greatest(
            func.extract("epoch", Order.delivered_at - Order.shipped_at), 0
        ).cast(Float)
        statement = (
            select(
                Order.carrier,
                Order.service_level,
                Order.destination_country,
                func.count(),
                func.percentile_disc(array(shares, type_=Float)).within_group(seconds),
            )
            .where(*_HAS_TRANSIT, Order.delivered_at >= start, Order.delivered_at < end)
            .group_by(Order.carrier, Order.service_level, Order.destination_country)
        )
        if excluded:
            statement = statement.where(
                or_(Order.carrier.is_(None), Order.carrier.not_in(excluded))
            )
        return [
            LaneQuantiles(
                Lane(carrier, service, country), size, dict(zip(shares, values, strict=True))
            )
            for carrier, service, country, size, values in await self.session.execute(statement)
        ]

    async def promises_kept(
        self, start: datetime, end: datetime, now: datetime
    ) -> list[PromiseCounts]:
        """Per lane, of the orders (not cancelled) whose promise fell in [start, end) and is
        settled (delivered, or passed): how many were delivered by it."""
        kept = func.count().filter(Order.delivered_at <= Order.promised_delivery_at)
        statement = (
            select(
                Order.carrier, Order.service_level, Order.destination_country, kept, func.count()
            )
            .where(
                delivery_expected(),
                Order.promised_delivery_at >= start,
                Order.promised_delivery_at < end,
                or_(Order.delivered_at.is_not(None), Order.promised_delivery_at < now),
            )
            .group_by(Order.carrier, Order.service_level, Order.destination_country)
        )
        return [
            PromiseCounts(Lane(carrier, service, country), kept_count, settled)
            for carrier, service, country, kept_count, settled in await self.session.execute(
                statement
            )
        ]


def _on_lane(lane: Lane) -> list[ColumnElement[bool]]:
    conditions = []
    if lane.carrier is not None:
        conditions.append(Order.carrier == lane.carrier)
    if lane.service_level is not None:
        conditions.append(Order.service_level == lane.service_level)
    if lane.destination_country is not None:
        conditions.append(Order.destination_country == lane.destination_country)
    if lane.destination_region is not None:
        conditions.append(Order.destination_region == lane.destination_region)
    return conditions


def _delivery(
    carrier: str | None,
    service: str | None,
    country: str | None,
    shipped_at: datetime | None,
    delivered_at: datetime | None,
) -> Delivery:
    assert shipped_at is not None  # _HAS_TRANSIT
    assert delivered_at is not None
    return Delivery(Lane(carrier, service, country), shipped_at, delivered_at)


def risk_claim_statement(now: datetime, limit: int) -> Select[Order, str]:
    """Orders whose next look is due, oldest first, skipping those another worker holds
    (ix_orders_risk_watch)."""
    return (
        select(Order, Customer.external_ref)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Order.risk_check_at <= now)
        .order_by(Order.risk_check_at)
        .limit(limit)
        .with_for_update(of=Order, skip_locked=True)
    )
