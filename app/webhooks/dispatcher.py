"""The delivery dispatcher: claim due deliveries, send each in its own task, record the outcome.

Claiming is `SELECT ... FOR UPDATE SKIP LOCKED` plus a lease (`locked_until`), one statement per
claim: any number of workers share the queue without taking the same delivery twice, and a
delivery claimed by a worker that died is due again once the lease expires. The job never waits
for a receiver: it only claims as many deliveries as it has free slots (a global limit, and a
small limit per endpoint so a slow or dead endpoint can hold a few slots at most), launches them
as tasks and returns, so the next claim is never held up by a hanging endpoint.

The job sleeps until a NOTIFY says deliveries were written (see the migration
`notify_webhook_deliveries`), an attempt ends and frees a slot, or its poll interval passes.
Connections to each receiver are kept alive (`PinnedClients`), and outcomes that end while an
earlier batch is being written are recorded together, in one transaction and one statement.
"""

import asyncio
import logging
import random
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Generic, TypeVar

from app.config import Settings
from app.kit.jobs import JobContext
from app.kit.tracing import linked_span
from app.webhooks.delivery import Claim, claim_of, record_attempts
from app.webhooks.repository import WebhookDeliveryRepository
from app.webhooks.sender import AttemptResult, SendOptions, send_message
from app.webhooks.ssrf import PinnedClients, Resolver

logger = logging.getLogger("aftercare.webhooks")

# Each round of a claim fills the free slots or saturates at least one more endpoint; a few
# rounds let a backlog of one dead endpoint be stepped over without scanning it for ever.
MAX_CLAIM_ROUNDS = 8
LEASE_MARGIN = timedelta(seconds=30)

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")


class GroupCommit(Generic[ItemT, ResultT]):
    """Items submitted while a batch is being written are written together in the next one.

    An idle writer writes an item at once; under load each write takes everything that queued
    up meanwhile, so the number of transactions follows the database's speed, not the load.
    """

    def __init__(self, write: Callable[[list[ItemT]], Awaitable[list[ResultT]]]) -> None:
        self._write = write
        self._queued: list[tuple[ItemT, asyncio.Future[ResultT]]] = []
        self._writing = asyncio.Lock()

    async def submit(self, item: ItemT) -> ResultT:
        future: asyncio.Future[ResultT] = asyncio.get_running_loop().create_future()
        self._queued.append((item, future))
        async with self._writing:
            if not future.done():
                await self._write_queued()
        return future.result()

    async def _write_queued(self) -> None:
        batch, self._queued = self._queued, []
        try:
            results = await self._write([item for item, _ in batch])
        except Exception as error:
            for _, future in batch:
                future.set_exception(error)
            return
        for (_, future), result in zip(batch, results, strict=True):
            future.set_result(result)


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
        self.wakeup = asyncio.Event()  # set when an attempt ends: its slot is free again
        self._tasks: set[asyncio.Task[None]] = set()
        self._per_endpoint: Counter[uuid.UUID] = Counter()
        # Each endpoint has its own connections, as many as it may have attempts in flight.
        self._clients = PinnedClients(
            settings.webhook_per_endpoint_concurrency, keep_alive=True,
            max_clients=settings.webhook_max_concurrency,
        )
        self._recorder: GroupCommit[tuple[JobContext, Claim, AttemptResult], bool] = (
            GroupCommit(self._record_batch)
        )

    @property
    def lease_duration(self) -> timedelta:
        # An attempt is bounded by the timeout; recording it takes a moment more.
        return timedelta(seconds=2 * self.settings.webhook_timeout_seconds) + LEASE_MARGIN

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def run(self, context: JobContext) -> int:
        """The worker job: claim what fits in the free slots and launch it; returns at once.

        When it claimed nothing the job sleeps until `wakeup` (an attempt ended: due work may
        have been waiting for a busy endpoint), a NOTIFY, or the poll interval.
        """
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
        await self._clients.aclose()

    async def claim(self, context: JobContext) -> list[Claim]:
        free_slots = self._free_slots()
        if free_slots == 0:
            return []
        now = context.clock.now()
        lease = now + self.lease_duration
        limit = self.settings.webhook_per_endpoint_concurrency
        busy = Counter(self._per_endpoint)
        claims: list[Claim] = []
        # Each round is one statement that leases what it returns, committed on its own: no
        # BEGIN and COMMIT round trips between a NOTIFY and the attempt. A round that fails
        # after others leased keeps theirs (sent now); its own rows were never leased.
        async with context.database.single_statements() as session:
            repository = WebhookDeliveryRepository(session)
            for _ in range(MAX_CLAIM_ROUNDS):
                wanted = free_slots - len(claims)
                try:
                    rows, examined = await repository.claim_due(
                        now, lease, wanted, per_endpoint=limit, in_flight=busy
                    )
                except Exception:
                    if not claims:
                        raise
                    logger.warning("a webhook claim round failed", exc_info=True)
                    break
                for row in rows:
                    busy[row.endpoint_id] += 1
                    claims.append(claim_of(row, lease, now))
                if examined < wanted or len(claims) >= free_slots:
                    break
        return claims

    def _free_slots(self) -> int:
        return max(0, self.settings.webhook_max_concurrency - len(self._tasks))

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
            self.wakeup.set()

        task.add_done_callback(release)

    async def _attempt(self, context: JobContext, claim: Claim) -> None:
        try:
            with linked_span("webhook delivery", claim.traceparent, _span_attributes(claim)):
                result = await send_message(
                    self._clients, claim.url, claim.secrets, claim.message,
                    now=context.clock.now(), options=self.options,
                    connections_of=claim.endpoint_id,
                )
                await self._record(context, claim, result)
        except Exception:
            # The lease runs out and another claim tries again: nothing is lost.
            logger.exception(
                "webhook attempt failed", extra={"delivery_id": str(claim.delivery_id)}
            )

    async def _record(self, context: JobContext, claim: Claim, result: AttemptResult) -> None:
        recorded = await self._recorder.submit((context, claim, result))
        if not recorded:
            logger.warning(
                "webhook attempt not recorded: claim lost (lease expired or delivery deleted)",
                extra={"delivery_id": str(claim.delivery_id)},
            )

    async def _record_batch(
        self, batch: Sequence[tuple[JobContext, Claim, AttemptResult]]
    ) -> list[bool]:
        context = batch[0][0]
        async with context.transaction() as session:
            return await record_attempts(
                session, [(claim, result) for _, claim, result in batch],
                settings=self.settings, rng=self.rng,
            )


def _span_attributes(claim: Claim) -> dict[str, str]:
    return {
        "aftercare.webhook.delivery_id": str(claim.delivery_id),
        "aftercare.webhook.endpoint_id": str(claim.endpoint_id),
        "aftercare.webhook.message_id": claim.message.id,
    }
