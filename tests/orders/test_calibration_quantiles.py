"""The delivery calibration computes calendar-time quantiles in SQL (percentile_disc) and
business-time ones in Python: both must give the observed value `quantile` picks from the
transit times, for any sample size, odd times, deliveries recorded before their shipment, a
carrier without a name, and a carrier with a shipping calendar next to carriers without one."""

import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from app.config import Settings
from app.kit.db import Database
from app.models import Customer
from app.orders.delivery import CALIBRATION_CONFIDENCES, calibration, shipping_calendars
from app.orders.estimates import Transit, quantile
from app.orders.repository import Delivery, Lane
from tests.factories import add_calendar, add_deliveries, add_order

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
START, END = NOW - timedelta(days=30), NOW
SHIPPED = datetime(2026, 11, 13, 17, 25, 3, 123457, tzinfo=UTC)  # a Friday evening
LANES = {
    ("dhl", "express", "DE"): 41,  # dhl has the weekdays calendar below
    ("dhl", "standard", "FR"): 1,
    ("ups", "express", "DE"): 97,
    ("ups", "standard", "AT"): 2,
    ("gls", "standard", "DE"): 20,
}


def _odd_times(count: int, seed: int) -> list[timedelta]:
    rng = random.Random(seed)
    times = [timedelta(microseconds=rng.randrange(0, 9 * 86_400 * 10**6)) for _ in range(count)]
    if count > 5:
        times[:3] = [-timedelta(hours=2), timedelta(0), times[3]]  # recorded before shipment
    return times


@pytest.fixture
async def seeded(database: Database, customer: Customer) -> list[Delivery]:
    deliveries = []
    for seed, (lane, count) in enumerate(LANES.items()):
        times = _odd_times(count, seed)
        await add_deliveries(database, customer, lane, SHIPPED, times)
        deliveries += [Delivery(Lane(*lane), SHIPPED, SHIPPED + took) for took in times]
    for index, took in enumerate(_odd_times(7, 99)):
        await add_order(
            database,
            customer,
            f"nameless-{index}",
            SHIPPED,
            status="delivered",
            shipped_at=SHIPPED,
            delivered_at=SHIPPED + took,
        )
        deliveries.append(Delivery(Lane(), SHIPPED, SHIPPED + took))
    return deliveries


@pytest.mark.parametrize("calendar_for", [None, "dhl", "*"])
async def test_calibration_quantiles_are_the_observed_ones(
    database: Database, settings: Settings, seeded: list[Delivery], calendar_for: str | None
) -> None:
    if calendar_for is not None:
        weekdays = await add_calendar(
            database,
            NOW,
            name="Weekdays",
            timezone="Europe/Berlin",
            holidays=[],
            weekly_hours={day: [["08:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        )
        settings = settings.model_copy(update={"shipping_calendars": {calendar_for: weekdays}})
    async with database.sessionmaker() as session:
        calendars = await shipping_calendars(session, settings)
        found = await calibration(session, START, END, settings, NOW)
    expected: dict[Lane, list[float]] = {}
    for delivery in seeded:
        expected.setdefault(delivery.lane, []).append(calendars.transit(delivery))
    assert len(found.rows) == len(expected) == len(LANES) + 1
    for row in found.rows:
        transit = Transit.of(
            expected[Lane(row.carrier, row.service_level, row.destination_country)]
        )
        assert row.observed.sample_size == len(transit)
        assert (row.observed.min_seconds, row.observed.max_seconds) == (
            transit.seconds[0],
            transit.seconds[-1],
        )
        assert (row.observed.p50_seconds, row.observed.p90_seconds, row.observed.p95_seconds) == (
            quantile(transit, 0.5),
            quantile(transit, 0.9),
            quantile(transit, 0.95),
        )
        assert row.promise_for_confidence == {
            f"{share:g}": quantile(transit, share) for share in CALIBRATION_CONFIDENCES
        }
    # The business calendar changes the answer where it applies (so both paths ran).
    dhl = next(row for row in found.rows if row.carrier == "dhl" and row.service_level == "express")
    assert dhl.observed.max_seconds is not None
    assert (dhl.observed.max_seconds < 4 * 86_400) == (calendar_for is not None)


@pytest.mark.parametrize("share", sorted({0.5, 0.9, 0.95, *CALIBRATION_CONFIDENCES}))
def test_percentile_disc_ranks_are_the_ones_quantile_picks(share: float) -> None:
    """PostgreSQL's percentile_disc takes the row ceil(share * n); `quantile` takes
    ceil(share * n - 1e-9) to forgive float error: for the calibration's shares, the same row
    for any sample the calibration can meet."""
    assert all(
        math.ceil(share * size) == math.ceil(share * size - 1e-9) for size in range(1, 1_000_001)
    )
