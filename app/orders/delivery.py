"""Delivery estimates and their calibration, from the transit times of past deliveries.

Transit times are counted in the business time of each carrier's shipping calendar (the
`shipping_calendars` setting: carrier -> business calendar id, `*` for the others); a carrier
without one counts every hour of every day. The arithmetic is in `estimates` (pure).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.kit.errors import invalid_field
from app.metrics.schemas import Figure
from app.orders.countries import is_country_code
from app.orders.errors import UnknownCountryCode
from app.orders.estimates import (
    FALLBACK_CHAIN,
    Level,
    Transit,
    arrival,
    business_days,
    choose_level,
    days_label,
    quantile,
    transit_seconds,
)
from app.orders.repository import (
    Delivery,
    Lane,
    LaneQuantiles,
    OrderRepository,
    PromiseCounts,
)
from app.orders.schemas import (
    CalibrationLane,
    DeliveryCalibration,
    DeliveryEstimate,
    EstimateQuery,
    TransitQuantiles,
)
from app.sla import service as sla
from app.sla.business_hours import BusinessCalendar

HISTORY_PER_LEVEL = 2000  # the latest deliveries a level's distribution is made of
CALIBRATION_CONFIDENCES = (0.5, 0.8, 0.9, 0.95)
DEFAULT_CARRIER = "*"
_ALWAYS_OPEN = BusinessCalendar.always_open()


@dataclass(frozen=True, slots=True)
class ShippingCalendars:
    """Each carrier's shipping calendar (calendar time for a carrier without one)."""

    by_carrier: Mapping[str, BusinessCalendar]

    def of(self, carrier: str | None) -> BusinessCalendar:
        found = self.by_carrier.get(carrier or DEFAULT_CARRIER)
        return found or self.by_carrier.get(DEFAULT_CARRIER, _ALWAYS_OPEN)

    def counts_business_days(self, carrier: str | None) -> bool:
        return self.of(carrier) is not _ALWAYS_OPEN

    def transit(self, delivery: Delivery) -> float:
        calendar = self.of(delivery.lane.carrier)
        return transit_seconds(calendar, delivery.shipped_at, delivery.delivered_at)


async def shipping_calendars(session: AsyncSession, settings: Settings) -> ShippingCalendars:
    mapping = settings.shipping_calendars
    found = await sla.business_calendars(session, mapping.values())
    return ShippingCalendars(
        {
            carrier: found[calendar_id]
            for carrier, calendar_id in mapping.items()
            if calendar_id in found
        }
    )


def fallback_lanes(lane: Lane) -> list[tuple[Level, Lane]]:
    """The chain of comparisons, most specific first, for the fields the lane has."""
    candidates = {
        Level.REGION: lane,
        Level.DESTINATION: Lane(lane.carrier, lane.service_level, lane.destination_country),
        Level.SERVICE: Lane(lane.carrier, lane.service_level),
        Level.CARRIER: Lane(lane.carrier),
        Level.ALL: Lane(),
    }
    needed = {
        Level.REGION: (
            lane.carrier,
            lane.service_level,
            lane.destination_country,
            lane.destination_region,
        ),
        Level.DESTINATION: (lane.carrier, lane.service_level, lane.destination_country),
        Level.SERVICE: (lane.carrier, lane.service_level),
        Level.CARRIER: (lane.carrier,),
        Level.ALL: (),
    }
    return [
        (level, candidates[level])
        for level in FALLBACK_CHAIN
        if all(value is not None for value in needed[level])
    ]


class TransitHistory:
    """Transit-time distributions per lane, read once and kept for `ttl` (a watch tick asks
    for many orders' lanes; each is read from the database once)."""

    def __init__(self, settings: Settings, ttl: timedelta = timedelta(0)) -> None:
        self.settings = settings
        self.ttl = ttl
        self._calendars: tuple[datetime, ShippingCalendars] | None = None
        self._transit: dict[Lane, tuple[datetime, Transit]] = {}

    async def calendars(self, session: AsyncSession, now: datetime) -> ShippingCalendars:
        if self._calendars is None or now - self._calendars[0] > self.ttl:
            self._calendars = (now, await shipping_calendars(session, self.settings))
        return self._calendars[1]

    async def transit(self, session: AsyncSession, lane: Lane, now: datetime) -> Transit:
        cached = self._transit.get(lane)
        if cached is not None and now - cached[0] <= self.ttl:
            return cached[1]
        calendars = await self.calendars(session, now)
        since = now - timedelta(days=self.settings.delivery_history_days)
        deliveries = await OrderRepository(session).recent_deliveries(
            lane, since, HISTORY_PER_LEVEL
        )
        transit = Transit.of(calendars.transit(delivery) for delivery in deliveries)
        self._transit[lane] = (now, transit)
        return transit

    async def comparable(
        self, session: AsyncSession, lane: Lane, now: datetime
    ) -> tuple[Level, Transit] | None:
        """The sample that answers for the lane along the fallback chain; None without any
        history."""
        samples = []
        for level, candidate in fallback_lanes(lane):
            transit = await self.transit(session, candidate, now)
            samples.append((level, transit))
            if len(transit) >= self.settings.delivery_estimate_min_sample:
                break
        return choose_level(samples, self.settings.delivery_estimate_min_sample)


async def estimate(
    session: AsyncSession, query: EstimateQuery, settings: Settings, now: datetime
) -> DeliveryEstimate:
    """The promise that `query.confidence` of comparable past deliveries would have kept."""
    if query.destination is not None and not is_country_code(query.destination):
        raise invalid_field(
            "/destination",
            f"{query.destination} is not an ISO 3166-1 alpha-2 country code",
            location="query",
            problem=UnknownCountryCode,
        )
    if query.destination_region is not None and query.destination is None:
        raise invalid_field(
            "/destination_region",
            "a region narrows a destination: send destination too",
            location="query",
        )
    ship_at = query.ship_at or now
    history = TransitHistory(settings)
    calendars = await history.calendars(session, now)
    found = await history.comparable(
        session,
        Lane(query.carrier, query.service_level, query.destination, query.destination_region),
        now,
    )
    business = calendars.counts_business_days(query.carrier)
    asked = {
        "carrier": query.carrier,
        "service_level": query.service_level,
        "destination": query.destination,
        "destination_region": query.destination_region,
        "confidence": query.confidence,
        "ship_at": ship_at,
        "min_sample": settings.delivery_estimate_min_sample,
        "business_days": business,
    }
    if found is None:
        return DeliveryEstimate(
            **asked, note="no delivered order with shipped_at and delivered_at yet: no estimate"
        )
    level, transit = found
    calendar = calendars.of(query.carrier)
    promise = quantile(transit, query.confidence)
    earliest = quantile(transit, min(query.confidence, 1 - query.confidence))
    assert promise is not None
    assert earliest is not None
    latest_at = arrival(calendar, ship_at, promise)
    fewest = business_days(calendar, ship_at, arrival(calendar, ship_at, earliest))
    most = business_days(calendar, ship_at, latest_at)
    small = len(transit) < settings.delivery_estimate_min_sample
    return DeliveryEstimate(
        **asked,
        level=level,
        sample_size=len(transit),
        transit=quantiles_of(transit),
        promise_seconds=promise,
        latest_delivery_at=latest_at,
        days_min=fewest,
        days_max=most,
        label=days_label(fewest, most, business=business),
        note=f"only {len(transit)} comparable deliveries: read it with care" if small else None,
    )


def quantiles_of(transit: Transit) -> TransitQuantiles:
    return TransitQuantiles(
        sample_size=len(transit),
        min_seconds=transit.seconds[0] if transit.seconds else None,
        p50_seconds=quantile(transit, 0.5) if transit.seconds else None,
        p90_seconds=quantile(transit, 0.9) if transit.seconds else None,
        p95_seconds=quantile(transit, 0.95) if transit.seconds else None,
        max_seconds=transit.seconds[-1] if transit.seconds else None,
    )


async def calibration(
    session: AsyncSession, start: datetime, end: datetime, settings: Settings, now: datetime
) -> DeliveryCalibration:
    """Per carrier, service and destination: promises kept, observed transit, and the promise
    each confidence level would have needed."""
    repository = OrderRepository(session)
    calendars = await shipping_calendars(session, settings)
    observed = await _observed_by_lane(repository, start, end, calendars)
    kept = {counts.lane: counts for counts in await repository.promises_kept(start, end, now)}
    lanes = sorted(set(observed) | set(kept), key=_lane_order)
    return DeliveryCalibration(
        period_from=start,
        period_to=end,
        rows=[_calibration_row(lane, observed.get(lane), kept.get(lane)) for lane in lanes],
    )


# min (0), the reported quantiles and every calibration confidence, max (1)
_CALIBRATION_SHARES = (0.0, *sorted({0.5, 0.9, 0.95, *CALIBRATION_CONFIDENCES}), 1.0)


async def _observed_by_lane(
    repository: OrderRepository, start: datetime, end: datetime, calendars: ShippingCalendars
) -> dict[Lane, LaneQuantiles]:
    """Transit quantiles per lane: in SQL for carriers counting calendar time (percentile_disc
    picks the same observed value as `quantile`), in Python in the shipping calendar of the
    carriers that have one."""
    with_calendar = sorted(calendars.by_carrier)
    if DEFAULT_CARRIER in calendars.by_carrier:
        in_sql: list[LaneQuantiles] = []
        in_python = await repository.deliveries_between(start, end)
    else:
        in_sql = await repository.calendar_transit_quantiles(
            start, end, _CALIBRATION_SHARES, excluded=with_calendar
        )
        in_python = (
            await repository.deliveries_between(start, end, carriers=with_calendar)
            if with_calendar
            else []
        )
    computed = [
        _lane_quantiles(lane, transit)
        for lane, transit in _transit_by_lane(in_python, calendars).items()
    ]
    return {found.lane: found for found in [*in_sql, *computed]}


def _lane_quantiles(lane: Lane, transit: Transit) -> LaneQuantiles:
    return LaneQuantiles(
        lane,
        len(transit),
        {
            share: transit.seconds[0] if share == 0 else _observed_quantile(transit, share)
            for share in _CALIBRATION_SHARES
        },
    )


def _observed_quantile(transit: Transit, share: float) -> float:
    found = quantile(transit, share)
    assert found is not None  # a lane is only grouped with a delivery
    return found


def _transit_by_lane(
    deliveries: Iterable[Delivery], calendars: ShippingCalendars
) -> dict[Lane, Transit]:
    grouped: dict[Lane, list[float]] = {}
    for delivery in deliveries:
        grouped.setdefault(delivery.lane, []).append(calendars.transit(delivery))
    return {lane: Transit.of(values) for lane, values in grouped.items()}


def _observed_quantiles(observed: LaneQuantiles | None) -> TransitQuantiles:
    if observed is None:
        return quantiles_of(Transit(()))
    return TransitQuantiles(
        sample_size=observed.size,
        min_seconds=observed.seconds_at[0.0],
        p50_seconds=observed.seconds_at[0.5],
        p90_seconds=observed.seconds_at[0.9],
        p95_seconds=observed.seconds_at[0.95],
        max_seconds=observed.seconds_at[1.0],
    )


def _calibration_row(
    lane: Lane, observed: LaneQuantiles | None, counts: PromiseCounts | None
) -> CalibrationLane:
    numerator, denominator = (counts.kept, counts.settled) if counts else (0, 0)
    return CalibrationLane(
        carrier=lane.carrier,
        service_level=lane.service_level,
        destination_country=lane.destination_country,
        kept=Figure(
            value=None if denominator == 0 else round(100 * numerator / denominator, 2),
            numerator=numerator,
            denominator=denominator,
            sample_size=denominator,
        ),
        observed=_observed_quantiles(observed),
        promise_for_confidence={
            f"{share:g}": None if observed is None else observed.seconds_at[share]
            for share in CALIBRATION_CONFIDENCES
        },
    )


def _lane_order(lane: Lane) -> tuple[str, str, str]:
    return (lane.carrier or "", lane.service_level or "", lane.destination_country or "")
