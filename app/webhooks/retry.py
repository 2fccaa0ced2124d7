"""When to try a webhook delivery again, and what a receiver's HTTP status means for it.

Attempt 1 is made at once; attempt n (n > 1) waits ``RETRY_DELAYS[n - 1]`` after attempt n - 1
ended: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h. After the tenth attempt the
delivery has failed for good.
"""

import random
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal

RETRY_DELAYS: tuple[timedelta, ...] = (
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
)
MAX_ATTEMPTS = len(RETRY_DELAYS)
JITTER_FRACTION = 0.1
MAX_RETRY_AFTER = timedelta(hours=24)

ResponseOutcome = Literal["success", "retry", "gone", "retry_after"]

# Jitter only spreads retries of many endpoints apart; it protects nothing, so any PRNG would do.
# SystemRandom needs no seeding and is safe to share between threads.
_default_rng = random.SystemRandom()
_DELTA_SECONDS = re.compile(r"[0-9]+")


def next_retry_delay(attempts_made: int, rng: random.Random | None = None) -> timedelta | None:
    """How long to wait before the next attempt, or None once all attempts are used up.

    Every delay but the immediate first one is jittered by up to ±10%, so endpoints that failed
    together do not all get retried in the same instant.
    """
    if attempts_made < 0:
        raise ValueError(f"attempts_made must not be negative, got {attempts_made}")
    if attempts_made >= MAX_ATTEMPTS:
        return None
    base_delay = RETRY_DELAYS[attempts_made]
    if base_delay == timedelta(0):
        return base_delay
    jitter_factor = (rng or _default_rng).uniform(1 - JITTER_FRACTION, 1 + JITTER_FRACTION)
    return base_delay * jitter_factor


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """The wait an RFC 9110 ``Retry-After`` header asks for, clamped to [0, 24 h].

    Accepts delta-seconds (``"120"``) or an HTTP-date (IMF-fixdate, RFC 850 or asctime); a date in
    the past means "now". Returns None when the header is absent or malformed, so the caller falls
    back to its own schedule.
    """
    if value is None:
        return None
    text = value.strip()
    if _DELTA_SECONDS.fullmatch(text):
        return _delta_seconds(text)
    retry_at = _parse_http_date(text)
    if retry_at is None:
        return None
    return _clamp(retry_at - _as_utc(now))


def classify_response(status_code: int) -> ResponseOutcome:
    """What a receiver's status code means for the delivery.

    2xx delivered; 410 Gone means the endpoint was removed on purpose, so it gets disabled;
    429 and 503 may carry Retry-After; anything else, redirects included (they are never
    followed), is retried on the schedule.
    """
    if 200 <= status_code <= 299:
        return "success"
    if status_code == 410:
        return "gone"
    if status_code in (429, 503):
        return "retry_after"
    return "retry"


def _delta_seconds(digits: str) -> timedelta:
    # Checked by length first: int() refuses strings over 4300 digits, and timedelta overflows
    # long before that.
    max_seconds = int(MAX_RETRY_AFTER.total_seconds())
    if len(digits) > len(str(max_seconds)):
        return MAX_RETRY_AFTER
    return timedelta(seconds=min(int(digits), max_seconds))


def _parse_http_date(text: str) -> datetime | None:
    try:
        return _as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _as_utc(moment: datetime) -> datetime:
    # HTTP-dates are always GMT; a naive datetime here can only mean UTC.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _clamp(delay: timedelta) -> timedelta:
    return max(timedelta(0), min(delay, MAX_RETRY_AFTER))
