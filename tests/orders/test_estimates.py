"""The estimation arithmetic (pure): quantiles and conditional probabilities of observed transit
times, checked against distributions whose right answers are known in closed form."""

import math
import random
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.orders.estimates import (
    Level,
    Risk,
    Transit,
    business_days,
    choose_level,
    conditional_median,
    conditional_on_time,
    days_label,
    quantile,
    risk_before_shipment,
    risk_in_transit,
    risk_starts_after,
    share_within,
)
from app.sla.business_hours import BusinessCalendar, BusinessInterval

DAY = 86_400.0
RATE = 1 / (2 * DAY)  # exponential transit times, mean two days
N = 10_000


def exponential_quantile(share: float) -> float:
    return -math.log(1 - share) / RATE


def stratified_exponential(n: int) -> Transit:
    """n times at the mid-points of n equal-probability strata: the empirical CDF is within
    1/(2n) of the true one everywhere, so every figure is known to within a stated bound."""
    return Transit.of(exponential_quantile((i + 0.5) / n) for i in range(n))


times = st.lists(st.floats(min_value=0, max_value=30 * DAY), min_size=1, max_size=200)
shares = st.floats(min_value=0.001, max_value=1.0)


def test_quantiles_of_a_stratified_exponential_sample_are_the_true_quantiles() -> None:
    transit = stratified_exponential(N)
    for share in (0.5, 0.8, 0.9, 0.95):
        found = quantile(transit, share)
        assert found is not None
        # One stratum either side: the true quantiles at share +- 1/N bound the answer.
        assert exponential_quantile(share - 1 / N) <= found <= exponential_quantile(share + 1 / N)


def test_the_conditional_probability_is_memoryless_for_exponential_transit() -> None:
    """P(T <= e + d | T > e) = 1 - exp(-rate d) whatever e (within 1/N / P(T > e))."""
    transit = stratified_exponential(N)
    for elapsed_days, more_days in ((0, 1), (1, 1), (2, 3), (4, 0.5)):
        elapsed, budget = elapsed_days * DAY, (elapsed_days + more_days) * DAY
        survival = math.exp(-RATE * elapsed)
        found = conditional_on_time(transit, elapsed, budget)
        assert found is not None
        assert found == pytest.approx(1 - math.exp(-RATE * more_days * DAY), abs=2 / N / survival)
        median = conditional_median(transit, elapsed)
        assert median is not None
        assert median == pytest.approx(elapsed + math.log(2) / RATE, rel=1e-2)


def test_a_random_weibull_sample_agrees_with_its_closed_form_within_the_dkw_bound() -> None:
    """Weibull (shape 2, scale 3 days): P(T <= b | T > e) = 1 - exp((e/s)^2 - (b/s)^2). With
    n draws the empirical CDF is within eps = sqrt(ln(2/alpha) / 2n) of the true one with
    probability 1 - alpha (Dvoretzky-Kiefer-Wolfowitz); alpha = 1e-9, seeded."""
    scale, n = 3 * DAY, 20_000
    rng = random.Random(15)
    transit = Transit.of(rng.weibullvariate(scale, 2) for _ in range(n))
    eps = math.sqrt(math.log(2 / 1e-9) / (2 * n))

    def cdf(x: float) -> float:
        return 1 - math.exp(-((x / scale) ** 2))

    for elapsed, budget in ((0.0, 3 * DAY), (2 * DAY, 4 * DAY), (4 * DAY, 5 * DAY)):
        survival = 1 - cdf(elapsed)
        expected = (cdf(budget) - cdf(elapsed)) / survival
        found = conditional_on_time(transit, elapsed, budget)
        assert found is not None
        assert abs(found - expected) <= 2 * eps / (survival - eps)
    for share in (0.5, 0.9):
        found = quantile(transit, share)
        assert found is not None
        assert abs(cdf(found) - share) <= eps + 1 / n


def test_an_empty_sample_has_no_figure() -> None:
    empty = Transit(())
    assert quantile(empty, 0.9) is None
    assert share_within(empty, DAY) is None
    assert conditional_on_time(empty, 0, DAY) is None
    assert conditional_median(empty, 0) is None


def test_small_samples_by_hand() -> None:
    transit = Transit.of([4.0, 1.0, 3.0, 2.0])
    assert [quantile(transit, s) for s in (0.25, 0.5, 0.51, 0.75, 0.9, 1.0)] == [
        1.0, 2.0, 3.0, 3.0, 4.0, 4.0,
    ]
    assert conditional_on_time(transit, 1.0, 3.0) == pytest.approx(2 / 3)
    assert conditional_on_time(transit, 2.0, 2.0) == 0.0  # the promise has passed
    assert conditional_on_time(transit, 4.0, 9.0) is None  # none took this long
    assert conditional_median(transit, 1.5) == 3.0


@given(times, shares)
def test_a_quantile_is_an_observed_time_that_keeps_its_share(
    values: list[float], share: float
) -> None:
    transit = Transit.of(values)
    found = quantile(transit, share)
    assert found in transit.seconds
    within = share_within(transit, found)
    assert within is not None
    assert within >= share - 1e-9
    under = sum(value < found for value in values) / len(values)
    assert under < share + 1e-9


@given(times, shares, shares)
def test_quantiles_grow_with_the_share(values: list[float], one: float, other: float) -> None:
    transit = Transit.of(values)
    low, high = sorted((one, other))
    assert quantile(transit, low) <= quantile(transit, high)  # type: ignore[operator]


@given(times, st.floats(min_value=0, max_value=30 * DAY), st.floats(min_value=0, max_value=DAY),
       st.floats(min_value=0, max_value=DAY))
def test_the_conditional_probability_is_a_probability_growing_with_the_budget(
    values: list[float], elapsed: float, more: float, extra: float
) -> None:
    transit = Transit.of(values)
    nearer = conditional_on_time(transit, elapsed, elapsed + more)
    farther = conditional_on_time(transit, elapsed, elapsed + more + extra)
    if nearer is None or farther is None:
        assert nearer is farther is None
        assert all(value <= elapsed for value in values)
        return
    assert 0 <= nearer <= farther <= 1
    median = conditional_median(transit, elapsed)
    assert median is not None
    assert median > elapsed


def test_the_fallback_chain_takes_the_first_level_with_enough_deliveries() -> None:
    few, many = Transit.of([1.0] * 5), Transit.of([2.0] * 50)
    samples = [(Level.DESTINATION, few), (Level.SERVICE, many), (Level.ALL, many)]
    assert choose_level(samples, 30) == (Level.SERVICE, many)
    assert choose_level([(Level.DESTINATION, few), (Level.ALL, Transit.of([1.0] * 9))], 30) == (
        Level.ALL, Transit.of([1.0] * 9),
    )
    assert choose_level([(Level.ALL, Transit(()))], 30) is None


WEEKDAYS = BusinessCalendar(
    "Europe/Berlin",
    {day: (BusinessInterval(time(0), time(0)),) for day in range(5)},
    frozenset({date(2026, 12, 25)}),
)


def test_business_days_count_working_days_after_the_shipment_day() -> None:
    monday = datetime(2026, 11, 30, 15, tzinfo=UTC)
    assert business_days(WEEKDAYS, monday, monday + timedelta(days=2)) == 2  # Wednesday
    assert business_days(WEEKDAYS, monday, monday + timedelta(days=7)) == 5  # over a weekend
    christmas_eve = datetime(2026, 12, 24, 10, tzinfo=UTC)  # a Thursday; Friday is a holiday
    assert business_days(WEEKDAYS, christmas_eve, christmas_eve + timedelta(days=4)) == 1
    always = BusinessCalendar.always_open()
    assert business_days(always, monday, monday + timedelta(days=7)) == 7


def test_day_labels() -> None:
    assert days_label(3, 5) == "3-5 business days"
    assert days_label(1, 1) == "1 business day"
    assert days_label(2, 2, business=False) == "2 days"


@given(times, st.floats(min_value=0, max_value=30 * DAY),
       st.floats(min_value=0.01, max_value=0.99))
def test_an_order_becomes_at_risk_once_and_stays_so(
    values: list[float], budget: float, threshold: float
) -> None:
    """The instant the watch sleeps until is exactly where the chance first drops below the
    threshold: brute force over every observed time agrees."""
    transit = Transit.of(values)
    starts = risk_starts_after(transit, budget, threshold)
    for elapsed in sorted({0.0, budget, *values}):
        at_risk = risk_in_transit(transit, elapsed, budget, threshold).at_risk
        assert at_risk == (elapsed >= starts), (elapsed, starts)


def test_risk_for_a_known_history() -> None:
    transit = Transit.of([float(hours) for hours in range(1, 11)])  # 1..10 h, in hours
    # Promise at 8 h: P(T <= 8 | T > e) = (8 - e) / (10 - e) for whole e; below 0.5 from e = 7.
    assert risk_starts_after(transit, 8.0, 0.5) == 7.0
    assert risk_in_transit(transit, 5.0, 8.0, 0.5) == Risk(0.6, 8.0, False)
    assert risk_in_transit(transit, 6.0, 8.0, 0.5) == Risk(0.5, 8.0, False)
    assert risk_in_transit(transit, 7.0, 8.0, 0.5) == Risk(1 / 3, 9.0, True)
    # Not shipped with 4 h left: 4 of 10 comparable parcels would make it.
    assert risk_before_shipment(transit, 4.0, 0.5) == Risk(0.4, 5.0, True)
