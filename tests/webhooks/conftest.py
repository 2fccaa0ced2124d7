import random
import uuid
from collections.abc import AsyncIterator, Sequence

import httpx
import pytest
import standardwebhooks.webhooks
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.scopes import Scope
from app.config import Settings
from app.kit.db import Database
from app.kit.jobs import JobContext
from app.main import create_app
from app.models import WebhookDelivery, WebhookEndpoint
from app.webhooks.dispatcher import WebhookDispatcher
from tests.conftest import MakeKey
from tests.support.api import bearer
from tests.support.clock import MutableClock
from tests.support.receiver import Receiver, clocked_datetime, running_receiver


@pytest.fixture
async def receiver(clock: MutableClock, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Receiver]:
    monkeypatch.setattr(standardwebhooks.webhooks, "datetime", clocked_datetime(clock))
    async with running_receiver() as server:
        yield server


@pytest.fixture
async def manage_headers(make_key: MakeKey) -> dict[str, str]:
    return bearer(await make_key(Scope.WEBHOOKS_MANAGE))


@pytest.fixture
def context(database: Database, clock: MutableClock, settings: Settings) -> JobContext:
    return JobContext(database, clock, settings)


@pytest.fixture
async def dispatcher(settings: Settings) -> AsyncIterator[WebhookDispatcher]:
    worker = WebhookDispatcher(settings, rng=random.Random(7))
    yield worker
    await worker.close(grace_seconds=0)


async def deliveries(
    database: Database, endpoint_id: str | uuid.UUID | None = None
) -> Sequence[WebhookDelivery]:
    statement = (
        select(WebhookDelivery)
        .options(selectinload(WebhookDelivery.attempts))
        .order_by(WebhookDelivery.created_at, WebhookDelivery.id)
    )
    if endpoint_id is not None:
        statement = statement.where(WebhookDelivery.endpoint_id == uuid.UUID(str(endpoint_id)))
    async with database.sessionmaker() as session:
        return (await session.scalars(statement)).all()


async def one_delivery(database: Database, endpoint_id: str | uuid.UUID) -> WebhookDelivery:
    [delivery] = await deliveries(database, endpoint_id)
    return delivery


async def endpoint_row(database: Database, endpoint_id: str | uuid.UUID) -> WebhookEndpoint:
    async with database.sessionmaker() as session:
        endpoint = await session.get(WebhookEndpoint, uuid.UUID(str(endpoint_id)))
    assert endpoint is not None
    return endpoint


@pytest.fixture
def strict_app(settings: Settings, database: Database, clock: MutableClock) -> FastAPI:
    """The app as in production: private webhook targets refused."""
    strict = settings.model_copy(update={"webhook_allow_private_targets": False})
    return create_app(strict, database=database, clock=clock)


@pytest.fixture
async def strict_client(strict_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=strict_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
