"""The in-process caches of API keys and SLA policies (app.kit.cache), with the app's lifespan
running so that its LISTEN connection is up: a change committed anywhere reaches them through
the triggers' NOTIFY, and a lost LISTEN connection makes every lookup go to the database."""

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text

from app.auth.scopes import Scope
from app.kit.cache import LISTENER_APPLICATION_NAME, CacheListener
from app.kit.db import Database
from app.models import ApiKey
from tests.conftest import MakeKey
from tests.factories import add_policy, ticket_body
from tests.support.api import bearer
from tests.support.clock import MutableClock
from tests.support.waiting import eventually

NOTIFIED_WITHIN = 1.0


@pytest.fixture
async def listening(app: FastAPI, database: Database) -> AsyncIterator[CacheListener]:
    """The app's lifespan (its cache listener) running, the listener connected."""
    async with app.router.lifespan_context(app):
        listener: CacheListener = app.state.cache_listener
        await asyncio.wait_for(listener.listening.wait(), 10)
        yield listener
    assert not database.caches.enabled


async def _sql(database: Database, statement: str, **params: Any) -> None:
    """A change made outside this app (another replica, the CLI, psql)."""
    async with database.sessionmaker() as session, session.begin():
        await session.execute(text(statement), params)


async def _status(client: httpx.AsyncClient, key: str) -> int:
    return (await client.get("/v1/api-keys?limit=1", headers=bearer(key))).status_code


async def test_a_key_revoked_elsewhere_stops_working_within_a_second(
    listening: CacheListener, client: httpx.AsyncClient, make_key: MakeKey, database: Database
) -> None:
    key = await make_key(Scope.ADMIN)
    assert await _status(client, key) == 200  # now cached
    await _sql(database, "UPDATE api_keys SET revoked_at = now()")

    async def refused() -> bool:
        return await _status(client, key) == 401

    await eventually(refused, timeout=NOTIFIED_WITHIN, what="the revoked key refused")


async def test_a_cached_key_is_not_read_again(
    listening: CacheListener, client: httpx.AsyncClient, make_key: MakeKey, database: Database
) -> None:
    """While cached, a change that sends no notification (here: one the trigger ignores, made
    to look like a revocation) is not seen: the answers come from memory."""
    key = await make_key(Scope.ADMIN)
    assert await _status(client, key) == 200
    await _sql(database, "ALTER TABLE api_keys DISABLE TRIGGER api_keys_notify_cache")
    try:
        await _sql(database, "UPDATE api_keys SET revoked_at = now()")
        assert await _status(client, key) == 200
    finally:
        await _sql(database, "ALTER TABLE api_keys ENABLE TRIGGER api_keys_notify_cache")


async def test_revoking_through_the_api_takes_effect_at_once_here(
    listening: CacheListener, client: httpx.AsyncClient, make_key: MakeKey, admin_key: str
) -> None:
    key = await make_key(Scope.ADMIN, name="doomed")
    assert await _status(client, key) == 200
    listed = await client.get("/v1/api-keys", headers=bearer(admin_key))
    doomed = next(item for item in listed.json()["items"] if item["name"] == "doomed")
    revoked = await client.delete(f"/v1/api-keys/{doomed['id']}", headers=bearer(admin_key))
    assert revoked.status_code == 204, revoked.text
    assert await _status(client, key) == 401  # no wait for the notification


async def test_a_lost_listen_connection_bypasses_the_cache_until_it_is_back(
    listening: CacheListener, client: httpx.AsyncClient, make_key: MakeKey, database: Database
) -> None:
    key = await make_key(Scope.ADMIN)
    assert await _status(client, key) == 200
    reconnect = asyncio.Event()
    real_connect = listening.connect

    async def held_connect(*args: Any, **kwargs: Any) -> Any:
        await reconnect.wait()
        return await real_connect(*args, **kwargs)

    listening.connect = held_connect
    await _sql(
        database,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE application_name = :name AND datname = current_database()",
        name=LISTENER_APPLICATION_NAME,
    )
    await eventually(
        lambda: not listening.listening.is_set(), timeout=5, what="the loss noticed"
    )
    # No notification can arrive now: the change must be read from the database.
    await _sql(database, "ALTER TABLE api_keys DISABLE TRIGGER api_keys_notify_cache")
    try:
        await _sql(database, "UPDATE api_keys SET revoked_at = now()")
        assert await _status(client, key) == 401
        await _sql(database, "UPDATE api_keys SET revoked_at = NULL")
        assert await _status(client, key) == 200
        reconnect.set()
        await asyncio.wait_for(listening.listening.wait(), 10)
        # Emptied when LISTEN came back: what it held before is read again.
        await _sql(database, "UPDATE api_keys SET revoked_at = now()")
        assert await _status(client, key) == 401
    finally:
        await _sql(database, "ALTER TABLE api_keys ENABLE TRIGGER api_keys_notify_cache")


async def test_last_use_is_written_once_per_minute_from_the_cache(
    listening: CacheListener, client: httpx.AsyncClient, make_key: MakeKey,
    clock: MutableClock, database: Database,
) -> None:
    key = await make_key(Scope.ADMIN)
    first_use = clock.now()
    assert await _status(client, key) == 200
    clock.advance(timedelta(seconds=59))
    assert await _status(client, key) == 200
    async with database.sessionmaker() as session:
        assert await session.scalar(select(ApiKey.last_used_at)) == first_use
    later = clock.advance(timedelta(seconds=2))
    assert await _status(client, key) == 200
    async with database.sessionmaker() as session:
        assert await session.scalar(select(ApiKey.last_used_at)) == later


async def test_a_policy_changed_elsewhere_applies_to_the_next_tickets_within_a_second(
    listening: CacheListener, client: httpx.AsyncClient, admin_headers: dict[str, str],
    database: Database, clock: MutableClock,
) -> None:
    await add_policy(database, clock.now())

    async def first_response_due_in() -> timedelta:
        created = await client.post("/v1/tickets", json=ticket_body(), headers=admin_headers)
        assert created.status_code == 201, created.text
        detail = (await client.get(f"/v1/tickets/{created.json()['id']}",
                                   headers=admin_headers)).json()
        due = detail["expectations"]["first_response"]["due_at"]
        return datetime.fromisoformat(due) - clock.now()

    assert await first_response_due_in() == timedelta(hours=1)  # now cached
    await _sql(
        database,
        "UPDATE sla_policies SET targets = jsonb_set(targets,"
        " '{first_response,target_minutes}', '15')",
    )

    async def changed() -> bool:
        return await first_response_due_in() == timedelta(minutes=15)

    await eventually(changed, timeout=NOTIFIED_WITHIN, what="the new target applied")
