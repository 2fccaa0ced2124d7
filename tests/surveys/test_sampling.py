"""The sample draw: deterministic per customer and slug, uniform over customers, monotonic."""

import uuid

import pytest

from app.kit.ids import uuid7
from app.surveys.sampling import in_sample, sample_draw

CUSTOMERS = [uuid7() for _ in range(20_000)]
# A share measured on 20,000 customers has a standard error of at most 0.35 points; 2 points is
# more than 5 of them, so a correct draw fails this about once in ten million runs.
TOLERANCE_POINTS = 2.0


@pytest.mark.parametrize("percent", [1, 10, 25, 50, 90])
def test_a_template_samples_its_share_of_customers_within_tolerance(percent: int) -> None:
    taken = sum(in_sample(customer, "post-purchase", percent) for customer in CUSTOMERS)
    assert abs(100 * taken / len(CUSTOMERS) - percent) <= TOLERANCE_POINTS


def test_the_same_customer_always_gets_the_same_decision() -> None:
    customer = uuid.UUID("01a228e9-2de0-7c31-9d2e-5b7f0c1e2a90")
    decisions = {in_sample(customer, "support-csat", 50) for _ in range(100)}
    assert len(decisions) == 1
    assert sample_draw(customer, "support-csat") == sample_draw(
        uuid.UUID(str(customer)), "support-csat"
    )


def test_raising_the_share_only_adds_customers() -> None:
    at_10 = {customer for customer in CUSTOMERS if in_sample(customer, "post-purchase", 10)}
    at_20 = {customer for customer in CUSTOMERS if in_sample(customer, "post-purchase", 20)}
    assert at_10 < at_20


def test_templates_draw_independently() -> None:
    in_first = {customer for customer in CUSTOMERS if in_sample(customer, "post-purchase", 50)}
    in_second = {customer for customer in CUSTOMERS if in_sample(customer, "support-csat", 50)}
    both = len(in_first & in_second) / len(CUSTOMERS)
    assert abs(100 * both - 25) <= TOLERANCE_POINTS  # independent halves overlap on a quarter


def test_a_full_sample_takes_everyone() -> None:
    assert all(in_sample(customer, "post-purchase", 100) for customer in CUSTOMERS[:1000])
    assert {sample_draw(customer, "post-purchase") for customer in CUSTOMERS} == set(range(100))
