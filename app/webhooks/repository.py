import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    DateTime,
    Integer,
    Row,
    Text,
    Uuid,
    bindparam,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.kit.pagination import PageParams, fetch_page
from app.models import Event, WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint
from app.webhooks.types import DELIVERIES_DUE_CHANNEL, DeliveryStatus


def _due(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Pending, due, not leased to an attempt in flight, for an enabled endpoint."""
    enabled_endpoints = select(WebhookEndpoint.id).where(WebhookEndpoint.enabled)
    return (
        WebhookDelivery.status == DeliveryStatus.PENDING,
        WebhookDelivery.next_attempt_at <= now,
        or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until <= now),
        WebhookDelivery.endpoint_id.in_(enabled_endpoints),
    )


class WebhookEndpointRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, endpoint: WebhookEndpoint) -> WebhookEndpoint:
        self.session.add(endpoint)
        await self.session.flush()
        return endpoint

    async def by_id(
        self, endpoint_id: uuid.UUID, *, for_update: bool = False
    ) -> WebhookEndpoint | None:
        return await self.session.get(WebhookEndpoint, endpoint_id, with_for_update=for_update)

    async def page(self, params: PageParams) -> tuple[Sequence[WebhookEndpoint], str | None]:
        return await fetch_page(
            self.session, select(WebhookEndpoint), WebhookEndpoint.created_at,
            WebhookEndpoint.id, params,
        )

    async def remove(self, endpoint: WebhookEndpoint) -> None:
        await self.session.delete(endpoint)
        await self.session.flush()

    async def mark_failing(self, endpoint_id: uuid.UUID, now: datetime) -> datetime | None:
        """Start the failure clock unless it runs already; the time it started (None: deleted)."""
        statement = (
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == endpoint_id)
            .values(failing_since=func.coalesce(WebhookEndpoint.failing_since, now))
            .returning(WebhookEndpoint.failing_since)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def mark_healthy(self, endpoint_id: uuid.UUID) -> None:
        await self.session.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.failing_since.is_not(None))
            .values(failing_since=None)
        )

    async def disable(self, endpoint_id: uuid.UUID, reason: str, now: datetime) -> str | None:
        """Disable an enabled endpoint; its URL, or None if it was disabled (or gone) already.

        The WHERE on `enabled` is re-checked after a concurrent update commits, so of two
        workers disabling the same endpoint only one gets a row back.
        """
        statement = (
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.enabled)
            .values(enabled=False, disabled_at=now, disabled_reason=reason, updated_at=now)
            .returning(WebhookEndpoint.url)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()


# One round of a claim, in one statement: lock up to :wanted due deliveries of enabled endpoints
# (oldest due first, skipping rows another worker holds, and skipping the endpoints this worker
# has saturated), keep for each endpoint only as many as it has room for (the per-endpoint limit
# minus what is already in flight to it), lease those, and return them with what sending needs:
# the endpoint's URL and secrets, the event. `examined` is how many candidates were locked: fewer
# than :wanted means nothing more is due. (The candidates left out stay unleased: another claim
# may take them.)
_CLAIM_DUE = text(
    "WITH candidates AS ("
    " SELECT d.id, d.endpoint_id, d.next_attempt_at FROM webhook_deliveries AS d"
    " WHERE d.status = 'pending' AND d.next_attempt_at <= :now"
    " AND (d.locked_until IS NULL OR d.locked_until <= :now)"
    " AND d.endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled)"
    " AND d.endpoint_id <> ALL(:saturated)"
    " ORDER BY d.next_attempt_at LIMIT :wanted FOR UPDATE OF d SKIP LOCKED),"
    " ranked AS (SELECT id, endpoint_id, row_number() OVER"
    " (PARTITION BY endpoint_id ORDER BY next_attempt_at, id) AS place FROM candidates),"
    " busy AS (SELECT * FROM unnest(:busy_endpoints, :busy_counts) AS b(endpoint_id, in_flight)),"
    " leased AS (UPDATE webhook_deliveries AS d SET locked_until = :lease"
    " FROM ranked LEFT JOIN busy ON busy.endpoint_id = ranked.endpoint_id"
    " WHERE d.id = ranked.id AND ranked.place <= :per_endpoint - coalesce(busy.in_flight, 0)"
    " RETURNING d.id, d.endpoint_id, d.event_id, d.attempts_made, d.created_at,"
    " d.next_attempt_at)"
    " SELECT leased.id, leased.endpoint_id, leased.event_id, leased.attempts_made,"
    " leased.created_at, endpoint.url, endpoint.secret, endpoint.retired_secrets,"
    " endpoint.failing_since IS NOT NULL AS endpoint_failing, event.type AS event_type,"
    " event.created_at AS event_created_at, event.data AS event_data,"
    " event.traceparent AS event_traceparent,"
    " (SELECT count(*) FROM candidates) AS examined"
    " FROM leased JOIN webhook_endpoints AS endpoint ON endpoint.id = leased.endpoint_id"
    " LEFT JOIN events AS event ON event.id = leased.event_id"
    " ORDER BY leased.next_attempt_at"
).bindparams(
    bindparam("saturated", type_=ARRAY(Uuid())),
    bindparam("busy_endpoints", type_=ARRAY(Uuid())),
    bindparam("busy_counts", type_=ARRAY(Integer())),
    bindparam("now", type_=DateTime(timezone=True)),
    bindparam("lease", type_=DateTime(timezone=True)),
).columns(
    id=Uuid(), endpoint_id=Uuid(), event_id=Uuid(), attempts_made=Integer(),
    created_at=DateTime(timezone=True), url=Text(), secret=Text(), retired_secrets=JSONB(),
    endpoint_failing=Boolean(), event_type=Text(), event_created_at=DateTime(timezone=True),
    event_data=JSONB(), event_traceparent=Text(), examined=Integer(),
)

# Many attempts' outcomes in one statement: each delivery moves on only while this worker's
# lease on it holds (the lease is the fencing token), and only those get their attempt logged.
_FINISH_LEASED = text(
    "WITH outcome AS (SELECT * FROM unnest(:ids, :leases, :statuses, :next_attempt_ats,"
    " :attempts_made, :attempted_ats, :delivered_ats, :status_codes, :latencies, :bodies,"
    " :errors) AS o(id, lease, status, next_attempt_at, attempts_made, attempted_at,"
    " delivered_at, status_code, latency_ms, response_body, error)),"
    " finished AS (UPDATE webhook_deliveries AS d SET status = outcome.status,"
    " next_attempt_at = outcome.next_attempt_at, attempts_made = outcome.attempts_made,"
    " last_attempt_at = outcome.attempted_at, locked_until = NULL,"
    " delivered_at = coalesce(outcome.delivered_at, d.delivered_at)"
    " FROM outcome WHERE d.id = outcome.id AND d.status = 'pending'"
    " AND d.locked_until = outcome.lease RETURNING d.id),"
    " logged AS (INSERT INTO webhook_delivery_attempts (id, delivery_id, attempted_at,"
    " status_code, latency_ms, response_body, error)"
    " SELECT aftercare_uuid7(), outcome.id, outcome.attempted_at, outcome.status_code,"
    " outcome.latency_ms, outcome.response_body, outcome.error"
    " FROM outcome JOIN finished ON finished.id = outcome.id)"
    " SELECT id FROM finished"
).bindparams(
    bindparam("ids", type_=ARRAY(Uuid())),
    bindparam("leases", type_=ARRAY(DateTime(timezone=True))),
    bindparam("statuses", type_=ARRAY(Text())),
    bindparam("next_attempt_ats", type_=ARRAY(DateTime(timezone=True))),
    bindparam("attempts_made", type_=ARRAY(Integer())),
    bindparam("attempted_ats", type_=ARRAY(DateTime(timezone=True))),
    bindparam("delivered_ats", type_=ARRAY(DateTime(timezone=True))),
    bindparam("status_codes", type_=ARRAY(Integer())),
    bindparam("latencies", type_=ARRAY(Integer())),
    bindparam("bodies", type_=ARRAY(Text())),
    bindparam("errors", type_=ARRAY(Text())),
).columns(id=Uuid())


@dataclass(frozen=True, slots=True)
class FinishedAttempt:
    """An attempt's outcome for `finish_leased_many`: the delivery's next state and its log."""

    delivery_id: uuid.UUID
    lease: datetime
    status: DeliveryStatus
    next_attempt_at: datetime | None
    attempts_made: int
    attempted_at: datetime
    delivered_at: datetime | None
    status_code: int | None
    latency_ms: int
    response_body: str
    error: str | None


class WebhookDeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, delivery: WebhookDelivery) -> WebhookDelivery:
        self.session.add(delivery)
        await self.session.flush()
        return delivery

    async def by_id(
        self, delivery_id: uuid.UUID, *, for_update: bool = False
    ) -> WebhookDelivery | None:
        return await self.session.get(WebhookDelivery, delivery_id, with_for_update=for_update)

    async def with_attempts(self, delivery_id: uuid.UUID) -> WebhookDelivery:
        statement = (
            select(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id)
            .options(selectinload(WebhookDelivery.attempts))
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(statement)).one()

    async def page(
        self,
        endpoint_id: uuid.UUID,
        params: PageParams,
        *,
        status: DeliveryStatus | None = None,
        event_type: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[Sequence[WebhookDelivery], str | None]:
        statement = (
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint_id)
            .options(selectinload(WebhookDelivery.attempts))
        )
        if status is not None:
            statement = statement.where(WebhookDelivery.status == status)
        if event_type is not None:
            statement = statement.where(WebhookDelivery.event_type == event_type)
        if since is not None:
            statement = statement.where(WebhookDelivery.created_at >= since)
        if until is not None:
            statement = statement.where(WebhookDelivery.created_at < until)
        return await fetch_page(
            self.session, statement, WebhookDelivery.created_at, WebhookDelivery.id, params
        )

    async def claim_due(
        self,
        now: datetime,
        lease: datetime,
        wanted: int,
        *,
        per_endpoint: int,
        in_flight: Mapping[uuid.UUID, int],
    ) -> tuple[Sequence[Row[Any]], int]:
        """Lease up to `wanted` due deliveries, at most `per_endpoint` in flight per endpoint
        counting `in_flight`; the leased rows (see _CLAIM_DUE) and how many were examined."""
        saturated = [endpoint for endpoint, count in in_flight.items() if count >= per_endpoint]
        busy = [(endpoint, count) for endpoint, count in in_flight.items() if count]
        rows = (await self.session.execute(_CLAIM_DUE, {
            "now": now,
            "lease": lease,
            "wanted": wanted,
            "per_endpoint": per_endpoint,
            "saturated": saturated,
            "busy_endpoints": [endpoint for endpoint, _ in busy],
            "busy_counts": [count for _, count in busy],
        })).all()
        return rows, rows[0].examined if rows else 0

    async def finish_leased_many(self, attempts: Sequence[FinishedAttempt]) -> set[uuid.UUID]:
        """Apply attempts' outcomes and log them, for the deliveries whose lease still holds;
        the ids of those."""
        if not attempts:
            return set()
        result = await self.session.execute(_FINISH_LEASED, {
            "ids": [a.delivery_id for a in attempts],
            "leases": [a.lease for a in attempts],
            "statuses": [a.status for a in attempts],
            "next_attempt_ats": [a.next_attempt_at for a in attempts],
            "attempts_made": [a.attempts_made for a in attempts],
            "attempted_ats": [a.attempted_at for a in attempts],
            "delivered_ats": [a.delivered_at for a in attempts],
            "status_codes": [a.status_code for a in attempts],
            "latencies": [a.latency_ms for a in attempts],
            "bodies": [a.response_body for a in attempts],
            "errors": [a.error for a in attempts],
        })
        return set(result.scalars())

    async def lock_due(
        self, now: datetime, limit: int, *, excluding_endpoints: Collection[uuid.UUID]
    ) -> Sequence[WebhookDelivery]:
        """Due deliveries of enabled endpoints, oldest due first, locked; others' locks skipped."""
        statement = (
            select(WebhookDelivery)
            .where(*_due(now))
            .order_by(WebhookDelivery.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=WebhookDelivery)
        )
        if excluding_endpoints:
            statement = statement.where(WebhookDelivery.endpoint_id.not_in(excluding_endpoints))
        return (await self.session.scalars(statement)).all()

    async def due_backlog(self, now: datetime) -> tuple[int, datetime | None]:
        """How many deliveries are due and waiting, and since when the oldest one is due."""
        statement = select(func.count(), func.min(WebhookDelivery.next_attempt_at)).where(
            *_due(now)
        )
        count, oldest = (await self.session.execute(statement)).one()
        return count, oldest

    async def lease(self, delivery_ids: Sequence[uuid.UUID], until: datetime) -> None:
        await self.session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_(delivery_ids))
            .values(locked_until=until)
        )

    async def claimed_work(
        self, delivery_ids: Sequence[uuid.UUID]
    ) -> Sequence[tuple[WebhookDelivery, WebhookEndpoint, Event | None]]:
        statement = (
            select(WebhookDelivery, WebhookEndpoint, Event)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .outerjoin(Event, Event.id == WebhookDelivery.event_id)
            .where(WebhookDelivery.id.in_(delivery_ids))
            .order_by(WebhookDelivery.next_attempt_at)
        )
        result = await self.session.execute(statement)
        return [(delivery, endpoint, event) for delivery, endpoint, event in result]

    async def finish_leased(
        self, delivery_id: uuid.UUID, lease: datetime, values: dict[str, object]
    ) -> bool:
        """Apply an attempt's outcome if this claim still holds the delivery."""
        statement = (
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.locked_until == lease,
            )
            .values(**values)
            .returning(WebhookDelivery.id)
        )
        return (await self.session.execute(statement)).scalar_one_or_none() is not None

    async def notify_due(self) -> None:
        """Wake the delivery workers when this transaction commits."""
        await self.session.execute(
            select(func.pg_notify(DELIVERIES_DUE_CHANNEL, ""))
        )

    async def requeue_failed(
        self, endpoint_id: uuid.UUID, since: datetime, now: datetime
    ) -> int:
        statement = (
            update(WebhookDelivery)
            .where(
                WebhookDelivery.endpoint_id == endpoint_id,
                WebhookDelivery.status == DeliveryStatus.FAILED,
                WebhookDelivery.created_at >= since,
            )
            .values(**requeued_values(now))
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)


class WebhookAttemptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, attempt: WebhookDeliveryAttempt) -> WebhookDeliveryAttempt:
        self.session.add(attempt)
        await self.session.flush()
        return attempt


def requeued_values(now: datetime) -> dict[str, Any]:
    """A delivery starting its retry schedule again, due at once; past attempts stay logged."""
    return {
        "status": DeliveryStatus.PENDING,
        "attempts_made": 0,
        "next_attempt_at": now,
        "locked_until": None,
        "delivered_at": None,
    }
