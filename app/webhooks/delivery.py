"""Recording an attempt: the attempt log, the delivery's next step, the endpoint's health."""

import random
import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.events.service import record_event
from app.events.types import EventType
from app.models import Event, WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint
from app.webhooks.outcomes import next_step
from app.webhooks.repository import WebhookAttemptRepository, WebhookEndpointRepository
from app.webhooks.sender import WEBHOOK_TEST_TYPE, AttemptResult, Message

GONE_REASON = "the endpoint answered 410 Gone"


def active_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """The current secret, plus the rotated-out one while its overlap lasts."""
    secrets = [endpoint.secret]
    expires_at = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires_at is not None and expires_at > now:
        secrets.append(endpoint.previous_secret)
    return secrets


def message_for(delivery: WebhookDelivery, event: Event | None) -> Message:
    if event is not None:
        return Message.of(event.id, event.type, event.created_at, event.data)
    # A test delivery has no event: its own id is the message id, so receivers can dedupe it.
    return Message.of(
        delivery.id, WEBHOOK_TEST_TYPE, delivery.created_at,
        {"endpoint_id": str(delivery.endpoint_id)},
    )


async def record_attempt(
    session: AsyncSession,
    delivery: WebhookDelivery,
    result: AttemptResult,
    *,
    settings: Settings,
    rng: random.Random | None = None,
) -> None:
    """Log the attempt and move the delivery (and its endpoint's health) on accordingly."""
    await _log_attempt(session, delivery, result)
    now = result.attempted_at
    step = next_step(
        result.outcome, delivery.attempts_made, now, retry_after=result.retry_after, rng=rng
    )
    delivery.status = step.status
    delivery.next_attempt_at = step.next_attempt_at
    if step.status == "succeeded":
        delivery.delivered_at = now
    await session.flush()
    await _update_endpoint_health(session, delivery.endpoint_id, result, now, settings)


async def record_test_attempt(
    session: AsyncSession, delivery: WebhookDelivery, result: AttemptResult
) -> None:
    """A test is tried once and never retried; it says nothing about the endpoint's health."""
    await _log_attempt(session, delivery, result)
    delivery.status = "succeeded" if result.succeeded else "failed"
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
        EventType.WEBHOOK_ENDPOINT_DISABLED,
        {"endpoint_id": str(endpoint_id), "url": url, "reason": reason},
        now=now,
        subject_type="webhook_endpoint",
        subject_id=endpoint_id,
    )
    return True


async def _log_attempt(
    session: AsyncSession, delivery: WebhookDelivery, result: AttemptResult
) -> None:
    await WebhookAttemptRepository(session).add(
        WebhookDeliveryAttempt(
            delivery_id=delivery.id,
            attempted_at=result.attempted_at,
            status_code=result.status_code,
            latency_ms=result.latency_ms,
            response_body=result.response_body,
            error=result.error,
        )
    )
    delivery.attempts_made += 1
    delivery.last_attempt_at = result.attempted_at
    delivery.locked_until = None


async def _update_endpoint_health(
    session: AsyncSession,
    endpoint_id: uuid.UUID,
    result: AttemptResult,
    now: datetime,
    settings: Settings,
) -> None:
    endpoints = WebhookEndpointRepository(session)
    if result.succeeded:
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
