"""What an attempt's result means for its delivery (pure logic, no I/O)."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.webhooks.retry import ResponseOutcome, next_retry_delay
from app.webhooks.types import DeliveryStatus


@dataclass(frozen=True, slots=True)
class NextStep:
    status: DeliveryStatus
    next_attempt_at: datetime | None


def next_step(
    outcome: ResponseOutcome,
    attempts_made: int,
    now: datetime,
    *,
    retry_after: timedelta | None = None,
    rng: random.Random | None = None,
) -> NextStep:
    """The delivery's state after its attempts_made-th attempt ended with outcome.

    A Retry-After (429/503) is honoured by never retrying sooner than it asks; the schedule's
    own delay still applies when it is longer, so a receiver answering "Retry-After: 1" cannot
    burn through every attempt in seconds.
    """
    if outcome == "success":
        return NextStep(DeliveryStatus.SUCCEEDED, None)
    if outcome == "gone":  # the endpoint gets disabled; retrying would be pointless
        return NextStep(DeliveryStatus.FAILED, None)
    delay = next_retry_delay(attempts_made, rng)
    if delay is None:
        return NextStep(DeliveryStatus.FAILED, None)
    if outcome == "retry_after" and retry_after is not None:
        delay = max(delay, retry_after)
    return NextStep(DeliveryStatus.PENDING, now + delay)
