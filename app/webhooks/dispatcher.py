"""The delivery dispatcher: claim due deliveries, send each in its own task, record the outcome.

Claiming is `SELECT ... FOR UPDATE SKIP LOCKED` plus a lease (`locked_until`): any number of
workers share the queue without taking the same delivery twice, and a delivery claimed by a
worker that died is due again once the lease expires. The job never waits for a receiver:
it only claims as many deliveries as it has free slots (a global limit, and a small limit per
endpoint so a slow or dead endpoint can hold a few slots at most), launches them as tasks and
returns, so the next claim is never held up by a hanging endpoint.
"""

import asyncio
import contextlib
import logging
import random
import uuid
from collections import Counter
from datetime import datetime, timedelta

import httpx

from app.config import Settings
from app.kit.jobs import JobContext
from app.kit.tracing import linked_span
from app.webhooks.delivery import Claim, active_secrets, message_for, record_attempt
from app.webhooks.repository import WebhookDeliveryRepository
from app.webhooks.sender import (
    AttemptResult,
    SendOptions,
    new_http_client,
    send_message,
)
from app.webhooks.ssrf import Resolver

logger = logging.getLogger("aftercare.webhooks")

# Each round of a claim fills the free slots or saturates at least one more endpoint; a few
# rounds let a backlog of one dead endpoint be stepped over without scanning it for ever.
MAX_CLAIM_ROUNDS = 8
LEASE_MARGIN = timedelta(seconds=30)


class WebhookDispatcher:
    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.options = SendOptions.from_settings(settings, resolver)
        self.rng = rng
        self._tasks: set[asyncio.Task[None]] = set()
        self._per_endpoint: Counter[uuid.UUID] = Counter()
        self._slot_freed = asyncio.Event()
        self._client: httpx.AsyncClient | None = None

    @property
    def lease_duration(self) -> timedelta:
        # An attempt is bounded by the timeout; recording it takes a moment more.
        return timedelta(seconds=2 * self.settings.webhook_timeout_seconds) + LEASE_MARGIN

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def run(self, context: JobContext) -> int:
        """The worker job: claim what fits in the free slots and launch it; returns at once."""
        poll = self.settings.webhook_delivery_poll_seconds
        if self._free_slots() == 0:
            await self._wait_for_any_attempt_to_end(poll)
        claims = await self.claim(context)
        if not claims and self._tasks:
            # Due work may only be waiting for a busy endpoint: look again as soon as any
            # attempt ends instead of after a whole poll interval.
            await self._wait_for_any_attempt_to_end(poll)
            claims = await self.claim(context)
        for claim in claims:
            self._launch(context, claim)
        return len(claims)

    async def deliver_due(self, context: JobContext) -> int:
        """Claim, send, and wait until every launched attempt is recorded (tests, benchmarks)."""
        claimed = await self.run(context)
        await self.wait_idle()
        return claimed

    async def wait_idle(self) -> None:
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self, grace_seconds: float | None = None) -> None:
        """Let attempts in flight finish (up to grace_seconds); cancelled ones are retried
        by whichever worker claims them after their lease."""
        grace = self.settings.webhook_timeout_seconds if grace_seconds is None else grace_seconds
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def claim(self, context: JobContext) -> list[Claim]:
        free_slots = self._free_slots()
        if free_slots == 0:
            return []
        now = context.clock.now()
        lease = now + self.lease_duration
        async with context.transaction() as session:
            repository = WebhookDeliveryRepository(session)
            claimed_ids = await self._claim_ids(repository, now, lease, free_slots)
            if not claimed_ids:
                return []
            rows = await repository.claimed_work(claimed_ids)
        return [
            Claim(
                delivery_id=delivery.id,
                endpoint_id=endpoint.id,
                lease=lease,
                attempts_made=delivery.attempts_made,
                endpoint_failing=endpoint.failing_since is not None,
                url=endpoint.url,
                secrets=active_secrets(endpoint, now),
                message=message_for(delivery, event),
                traceparent=event.traceparent if event is not None else None,
            )
            for delivery, endpoint, event in rows
        ]

    async def _claim_ids(
        self,
        repository: WebhookDeliveryRepository,
        now: datetime,
        lease: datetime,
        free_slots: int,
    ) -> list[uuid.UUID]:
        limit = self.settings.webhook_per_endpoint_concurrency
        busy = Counter(self._per_endpoint)
        claimed: list[uuid.UUID] = []
        for _ in range(MAX_CLAIM_ROUNDS):
            wanted = free_slots - len(claimed)
            saturated = {endpoint for endpoint, count in busy.items() if count >= limit}
            candidates = await repository.lock_due(now, wanted, excluding_endpoints=saturated)
            chosen = []
            for delivery in candidates:
                if busy[delivery.endpoint_id] < limit:
                    busy[delivery.endpoint_id] += 1
                    chosen.append(delivery.id)
            # Leased at once, so the next round's query no longer sees them as due.
            if chosen:
                await repository.lease(chosen, lease)
                claimed.extend(chosen)
            if len(candidates) < wanted or len(claimed) >= free_slots:
                break
        return claimed

    def _free_slots(self) -> int:
        return max(0, self.settings.webhook_max_concurrency - len(self._tasks))

    async def _wait_for_any_attempt_to_end(self, timeout: float) -> None:  # noqa: ASYNC109
        self._slot_freed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._slot_freed.wait(), timeout)

    def _launch(self, context: JobContext, claim: Claim) -> None:
        task = asyncio.create_task(
            self._attempt(context, claim), name=f"webhook-delivery:{claim.delivery_id}"
        )
        self._tasks.add(task)
        self._per_endpoint[claim.endpoint_id] += 1

        def release(done: asyncio.Task[None]) -> None:
            self._tasks.discard(done)
            self._per_endpoint[claim.endpoint_id] -= 1
            if self._per_endpoint[claim.endpoint_id] <= 0:
                del self._per_endpoint[claim.endpoint_id]
            self._slot_freed.set()

        task.add_done_callback(release)

    async def _attempt(self, context: JobContext, claim: Claim) -> None:
        try:
            with linked_span("webhook delivery", claim.traceparent, _span_attributes(claim)):
                result = await send_message(
                    self._http_client(), claim.url, claim.secrets, claim.message,
                    now=context.clock.now(), options=self.options,
                )
                await self._record(context, claim, result)
        except Exception:
            # The lease runs out and another claim tries again: nothing is lost.
            logger.exception(
                "webhook attempt failed", extra={"delivery_id": str(claim.delivery_id)}
            )

    async def _record(self, context: JobContext, claim: Claim, result: AttemptResult) -> None:
        async with context.transaction() as session:
            recorded = await record_attempt(
                session, claim, result, settings=self.settings, rng=self.rng
            )
        if not recorded:
            logger.warning(
                "webhook attempt not recorded: claim lost (lease expired or delivery deleted)",
                extra={"delivery_id": str(claim.delivery_id)},
            )

    def _http_client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = new_http_client(self.settings.webhook_max_concurrency)
        return self._client


def _span_attributes(claim: Claim) -> dict[str, str]:
    return {
        "aftercare.webhook.delivery_id": str(claim.delivery_id),
        "aftercare.webhook.endpoint_id": str(claim.endpoint_id),
        "aftercare.webhook.message_id": claim.message.id,
    }
