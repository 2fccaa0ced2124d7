import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.kit.pagination import PageParams, fetch_page
from app.models import Event, WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint
from app.webhooks.types import DeliveryStatus


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
