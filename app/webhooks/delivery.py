"""Recording an attempt: the attempt log, the delivery's next step, the endpoint's health."""

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.events.service import record_event
from app.kit.prometheus import WEBHOOK_DELIVERIES, count_on_commit
from app.models import Event, WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint
from app.webhooks.outcomes import next_step
from app.webhooks.repository import (
    FinishedAttempt,
    WebhookAttemptRepository,
    WebhookDeliveryRepository,
    WebhookEndpointRepository,
)
from app.webhooks.rotation import parse_retired, signing_secrets
from app.webhooks.schemas import WebhookEndpointDisabledData
from app.webhooks.sender import WEBHOOK_TEST_TYPE, AttemptResult, Message
from app.webhooks.types import DeliveryStatus

GONE_REASON = "the endpoint answered 410 Gone"


def active_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """The current secret, plus each rotated-out one while its own overlap lasts."""
    return secrets_of(endpoint.secret, endpoint.retired_secrets, now)


def secrets_of(secret: str, retired_secrets: list[dict[str, Any]], now: datetime) -> list[str]:
    return signing_secrets(secret, parse_retired(retired_secrets), now)


def message_for(delivery: WebhookDelivery, event: Event | None) -> Message:
    if event is not None:
        return Message.of(event.id, event.type, event.created_at, event.data)
    # A test delivery has no event: its own id is the message id, so receivers can dedupe it.
    return Message.of(
        delivery.id, WEBHOOK_TEST_TYPE, delivery.created_at,
        {"endpoint_id": str(delivery.endpoint_id)},
    )


@dataclass(frozen=True, slots=True)
class Claim:
    """A delivery leased to this worker, with everything needed to attempt it without the DB."""

    delivery_id: uuid.UUID
    endpoint_id: uuid.UUID
    lease: datetime  # also the fencing token: the outcome is recorded only while it still holds
    attempts_made: int
    endpoint_failing: bool
    url: str
    secrets: list[str]
    message: Message
    traceparent: str | None = None  # of the span that recorded the event (tracing on)


def claim_of(row: Any, lease: datetime, now: datetime) -> Claim:
    """A Claim from a row of WebhookDeliveryRepository.claim_due."""
    if row.event_id is not None:
        message = Message.of(row.event_id, row.event_type, row.event_created_at, row.event_data)
    else:  # a test delivery sent again: its own id is the message id
        message = Message.of(
            row.id, WEBHOOK_TEST_TYPE, row.created_at, {"endpoint_id": str(row.endpoint_id)}
        )
    return Claim(
        delivery_id=row.id,
        endpoint_id=row.endpoint_id,
        lease=lease,
        attempts_made=row.attempts_made,
        endpoint_failing=row.endpoint_failing,
        url=row.url,
        secrets=secrets_of(row.secret, row.retired_secrets, now),
        message=message,
        traceparent=row.event_traceparent,
    )


async def record_attempt(
    session: AsyncSession,
    claim: Claim,
    result: AttemptResult,
    *,
    settings: Settings,
    rng: random.Random | None = None,
) -> bool:
    """Log the attempt, move the delivery on, update the endpoint's health.

    False (and nothing written) when the claim no longer holds: the lease expired and another
    worker took the delivery, or it was deleted.
    """
    [recorded] = await record_attempts(session, [(claim, result)], settings=settings, rng=rng)
    return recorded


async def record_attempts(
    session: AsyncSession,
    attempts: Sequence[tuple[Claim, AttemptResult]],
    *,
    settings: Settings,
    rng: random.Random | None = None,
) -> list[bool]:
    """`record_attempt` for many attempts, the deliveries and the log in one statement; for
    each attempt whether it was recorded."""
    outcomes = [_finished(claim, result, rng) for claim, result in attempts]
    finished = await WebhookDeliveryRepository(session).finish_leased_many(outcomes)
    for outcome in outcomes:
        if outcome.delivery_id in finished:
            count_on_commit(session, WEBHOOK_DELIVERIES.labels(_outcome(outcome.status)))
    # In endpoint order, so two workers updating the same endpoints lock them in one order.
    for claim, result in sorted(attempts, key=lambda attempt: attempt[0].endpoint_id):
        if claim.delivery_id in finished:
            await _update_endpoint_health(session, claim, result, settings)
    return [claim.delivery_id in finished for claim, _ in attempts]


def _finished(
    claim: Claim, result: AttemptResult, rng: random.Random | None
) -> FinishedAttempt:
    attempts_made = claim.attempts_made + 1
    # The wait before a retry starts when the failed attempt ended, not when it began: a
    # receiver that is slow to fail gets the whole backoff.
    step = next_step(
        result.outcome, attempts_made, result.finished_at, retry_after=result.retry_after, rng=rng
    )
    succeeded = step.status == DeliveryStatus.SUCCEEDED
    return FinishedAttempt(
        delivery_id=claim.delivery_id,
        lease=claim.lease,
        status=step.status,
        next_attempt_at=step.next_attempt_at,
        attempts_made=attempts_made,
        attempted_at=result.attempted_at,
        delivered_at=result.attempted_at if succeeded else None,
        status_code=result.status_code,
        latency_ms=result.latency_ms,
        response_body=result.response_body,
        error=result.error,
    )


def _outcome(status: DeliveryStatus) -> str:
    """The label of aftercare_webhook_deliveries_total: a pending delivery is retrying."""
    return "retrying" if status == DeliveryStatus.PENDING else status.value


async def record_test_attempt(
    session: AsyncSession, delivery: WebhookDelivery, result: AttemptResult
) -> None:
    """A test is tried once and never retried; it says nothing about the endpoint's health."""
    await _log_attempt(session, delivery, result)
    delivery.status = DeliveryStatus.SUCCEEDED if result.succeeded else DeliveryStatus.FAILED
    delivery.next_attempt_at = None
    if result.succeeded:
        delivery.delivered_at = result.attempted_at
    await session.flush()


async def disable_endpoint(
    session: AsyncSession, endpoint_id: uuid.UUID, reason: str, now: datetime
) -> bool:
    """Disable the endpoint and record `webhook_endpoint.disabled`; False if it already was."""
    url = await WebhookEndpointRepository(session).disable(endpoint_id, reason, now)
    if url is None:
        return False
    await record_event(
        session,
        WebhookEndpointDisabledData(endpoint_id=endpoint_id, url=url, reason=reason),
        now=now,
        subject_type="webhook_endpoint",
        subject_id=endpoint_id,
    )
    return True


async def _log_attempt(
    session: AsyncSession, delivery: WebhookDelivery, result: AttemptResult
) -> None:
    await WebhookAttemptRepository(session).add(_attempt_row(delivery.id, result))
    delivery.attempts_made += 1
    delivery.last_attempt_at = result.attempted_at
    delivery.locked_until = None


def _attempt_row(delivery_id: uuid.UUID, result: AttemptResult) -> WebhookDeliveryAttempt:
    return WebhookDeliveryAttempt(
        delivery_id=delivery_id,
        attempted_at=result.attempted_at,
        status_code=result.status_code,
        latency_ms=result.latency_ms,
        response_body=result.response_body,
        error=result.error,
    )


async def _update_endpoint_health(
    session: AsyncSession, claim: Claim, result: AttemptResult, settings: Settings
) -> None:
    endpoints = WebhookEndpointRepository(session)
    endpoint_id, now = claim.endpoint_id, result.attempted_at
    if result.succeeded:
        # Only a write when the endpoint was failing as the claim saw it: the common case,
        # a healthy endpoint answering 2xx, costs no statement at all.
        if claim.endpoint_failing:
            await endpoints.mark_healthy(endpoint_id)
        return
    if result.outcome == "gone":
        await disable_endpoint(session, endpoint_id, GONE_REASON, now)
        return
    failing_since = await endpoints.mark_failing(endpoint_id, now)
    limit = timedelta(days=settings.webhook_disable_after_days)
    if failing_since is not None and now - failing_since >= limit:
        reason = f"every delivery failed for {settings.webhook_disable_after_days:g} days"
        await disable_endpoint(session, endpoint_id, reason, now)
