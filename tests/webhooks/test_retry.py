import random
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from app.webhooks.retry import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    classify_response,
    next_retry_delay,
    parse_retry_after,
)

NOW = datetime(2025, 3, 14, 12, 0, 0, tzinfo=UTC)


def test_schedule_is_immediate_then_5s_5m_30m_2h_5h_10h_14h_20h_24h() -> None:
    assert list(RETRY_DELAYS) == [
        timedelta(0),
        timedelta(seconds=5),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=5),
        timedelta(hours=10),
        timedelta(hours=14),
        timedelta(hours=20),
        timedelta(hours=24),
    ]
    assert MAX_ATTEMPTS == 10


def test_first_attempt_is_immediate_without_jitter() -> None:
    assert next_retry_delay(0, random.Random(7)) == timedelta(0)


@pytest.mark.parametrize("attempts_made", range(1, 10))
def test_jitter_stays_within_ten_percent(attempts_made: int) -> None:
    rng = random.Random(20250314)
    base = RETRY_DELAYS[attempts_made]

    delays = [next_retry_delay(attempts_made, rng) for _ in range(200)]

    assert all(delay is not None and base * 0.9 <= delay <= base * 1.1 for delay in delays)
    assert min(d for d in delays if d is not None) < base < max(d for d in delays if d is not None)


def test_jitter_is_reproducible_with_a_seeded_rng() -> None:
    first = [next_retry_delay(n, random.Random(42)) for n in range(MAX_ATTEMPTS)]
    second = [next_retry_delay(n, random.Random(42)) for n in range(MAX_ATTEMPTS)]

    assert first == second


def test_default_rng_jitters_within_bounds() -> None:
    delay = next_retry_delay(3)

    assert delay is not None
    assert timedelta(minutes=27) <= delay <= timedelta(minutes=33)


def test_delivery_gets_exactly_ten_attempts() -> None:
    rng = random.Random(1)
    attempts_made = 0
    while next_retry_delay(attempts_made, rng) is not None:
        attempts_made += 1

    assert attempts_made == 10
    assert next_retry_delay(11, rng) is None


def test_negative_attempt_count_is_a_bug() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        next_retry_delay(-1)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", timedelta(seconds=120)),
        ("  45 ", timedelta(seconds=45)),
        ("0", timedelta(0)),
        ("86400", timedelta(hours=24)),
        ("86401", timedelta(hours=24)),
        ("99999999999999999999", timedelta(hours=24)),
        ("9" * 5000, timedelta(hours=24)),
    ],
)
def test_retry_after_delta_seconds(header: str, expected: timedelta) -> None:
    assert parse_retry_after(header, NOW) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Fri, 14 Mar 2025 12:01:30 GMT", timedelta(seconds=90)),
        ("Friday, 14-Mar-25 12:10:00 GMT", timedelta(minutes=10)),
        ("Fri Mar 14 13:00:00 2025", timedelta(hours=1)),
        ("Fri, 14 Mar 2025 11:00:00 GMT", timedelta(0)),
        ("Sat, 15 Mar 2025 12:00:01 GMT", timedelta(hours=24)),
        ("Fri, 31 Dec 9999 23:59:59 GMT", timedelta(hours=24)),
    ],
)
def test_retry_after_http_date(header: str, expected: timedelta) -> None:
    assert parse_retry_after(header, NOW) == expected


def test_retry_after_date_against_a_non_utc_now() -> None:
    header = format_datetime(NOW + timedelta(seconds=300), usegmt=True)
    now_in_paris = NOW.astimezone(timezone(timedelta(hours=1)))

    assert parse_retry_after(header, now_in_paris) == timedelta(seconds=300)


@pytest.mark.parametrize(
    "header", [None, "", "   ", "soon", "-5", "1.5", "1e3", "+30", "²", "Fri, 99 Foo 2025"]
)
def test_retry_after_absent_or_invalid_is_none(header: str | None) -> None:
    assert parse_retry_after(header, NOW) is None


@pytest.mark.parametrize(
    ("status_code", "outcome"),
    [
        (200, "success"),
        (201, "success"),
        (202, "success"),
        (204, "success"),
        (299, "success"),
        (100, "retry"),
        (301, "retry"),
        (302, "retry"),
        (304, "retry"),
        (307, "retry"),
        (308, "retry"),
        (400, "retry"),
        (401, "retry"),
        (404, "retry"),
        (409, "retry"),
        (410, "gone"),
        (413, "retry"),
        (429, "retry_after"),
        (500, "retry"),
        (502, "retry"),
        (503, "retry_after"),
        (504, "retry"),
    ],
)
def test_classify_response(status_code: int, outcome: str) -> None:
    assert classify_response(status_code) == outcome
