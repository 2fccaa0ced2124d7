from datetime import UTC, datetime

import pytest

from app.metrics.formulas import bucket_starts, percent


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(0, 0, None), (3, 4, 75.0), (1, 3, 33.33), (2, 3, 66.67), (0, 5, 0.0)],
)
def test_percent(numerator: int, denominator: int, expected: float | None) -> None:
    assert percent(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("promoters", "detractors", "responses", "expected"),
    [(0, 0, 0, None), (10, 0, 10, 100.0), (0, 10, 10, -100.0), (5, 2, 10, 30.0), (1, 1, 3, 0.0)],
)
def test_nps(promoters: int, detractors: int, responses: int, expected: float | None) -> None:
    assert percent(promoters - detractors, responses) == expected  # how the service scores NPS


def test_day_buckets_follow_local_midnight_across_dst() -> None:
    # Berlin leaves summer time on 2026-10-25: that day is 25 hours long.
    starts = bucket_starts(
        datetime(2026, 10, 24, 12, tzinfo=UTC),
        datetime(2026, 10, 26, 23, tzinfo=UTC),
        "day",
        "Europe/Berlin",
    )
    assert [s.astimezone(UTC) for s in starts] == [
        datetime(2026, 10, 23, 22, tzinfo=UTC),  # Sat 24 00:00 CEST
        datetime(2026, 10, 24, 22, tzinfo=UTC),  # Sun 25 00:00 CEST
        datetime(2026, 10, 25, 23, tzinfo=UTC),  # Mon 26 00:00 CET
    ]


def test_week_buckets_start_on_monday() -> None:
    starts = bucket_starts(
        datetime(2026, 11, 4, tzinfo=UTC), datetime(2026, 11, 17, tzinfo=UTC), "week", "UTC"
    )
    assert [s.date().isoformat() for s in starts] == ["2026-11-02", "2026-11-09", "2026-11-16"]


def test_month_buckets_start_on_the_first() -> None:
    starts = bucket_starts(
        datetime(2026, 1, 31, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC), "month", "UTC"
    )
    assert [s.date().isoformat() for s in starts] == ["2026-01-01", "2026-02-01", "2026-03-01"]
