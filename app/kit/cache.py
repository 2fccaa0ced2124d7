"""In-process caches of rows that rarely change (API keys, SLA policies and their calendars),
kept correct on every replica by PostgreSQL LISTEN/NOTIFY.

Triggers on the cached tables `pg_notify('aftercare_cache', '<cache name>')` when a change
commits (migration 20261130_1020). Each API process holds one LISTEN connection
(`CacheListener`); a notification empties the named cache. A cache is used only while that
connection is up: until it is (tests without lifespan, `aftercare worker`) and as soon as it is
lost, every lookup goes to the database, and the cache is emptied again when LISTEN is back,
so a change missed meanwhile is never served from memory.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import asyncpg
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

CHANNEL = "aftercare_cache"
LISTENER_APPLICATION_NAME = "aftercare-cache-listener"
# A connection closed or reset is noticed at once (asyncpg's termination listener); one gone
# silent, by a ping this often, given as long to answer (a loaded server may be slow to).
PING_SECONDS = 5.0
RETRY_SECONDS = 1.0

K = TypeVar("K")
V = TypeVar("V")
logger = logging.getLogger("aftercare.cache")


class InvalidatedCache(Generic[K, V]):
    """A dict used only while its registry is enabled. A value read from the database is stored
    only if no invalidation happened since the read began (`generation()` before the read,
    `put` after), so a read racing a change never stores the old row."""

    def __init__(self, registry: "CacheRegistry", name: str) -> None:
        self.registry = registry
        self.name = name
        self._entries: dict[K, V] = {}
        self._generation = 0

    def get(self, key: K) -> V | None:
        return self._entries.get(key) if self.registry.enabled else None

    def generation(self) -> int:
        return self._generation

    def put(self, key: K, value: V, generation: int) -> None:
        if self.registry.enabled and generation == self._generation:
            self._entries[key] = value

    def invalidate(self) -> None:
        self._generation += 1
        self._entries.clear()


class CacheRegistry:
    """The caches of one database, by name (the payload their notifications carry)."""

    def __init__(self) -> None:
        self.enabled = False
        self._caches: dict[str, InvalidatedCache[Any, Any]] = {}

    def named(self, name: str) -> InvalidatedCache[Any, Any]:
        cache = self._caches.get(name)
        if cache is None:
            cache = self._caches[name] = InvalidatedCache(self, name)
        return cache

    def invalidate(self, name: str) -> None:
        cache = self._caches.get(name)
        if cache is not None:
            cache.invalidate()

    def set_enabled(self, enabled: bool) -> None:
        """Emptied either way: on enabling, what was stored before LISTEN may be stale."""
        self.enabled = enabled
        for cache in self._caches.values():
            cache.invalidate()


Connect = Callable[..., Awaitable[Any]]


class CacheListener:
    """LISTENs for the caches' notifications on its own connection, reconnecting when it is
    lost; the caches are enabled only while it listens."""

    def __init__(self, dsn: str, caches: CacheRegistry) -> None:
        self.dsn = dsn
        self.caches = caches
        self.connect: Connect = asyncpg.connect  # read at each (re)connection
        self.listening = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._listen_until_lost(stop)
            except Exception as error:
                logger.warning("cache listener lost; caches bypassed", extra={"error": repr(error)})
            finally:
                self._set_enabled(False)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), RETRY_SECONDS)

    async def _listen_until_lost(self, stop: asyncio.Event) -> None:
        connection = await self.connect(
            self.dsn, server_settings={"application_name": LISTENER_APPLICATION_NAME}
        )
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _: lost.set())
        try:
            await connection.add_listener(CHANNEL, self._notified)
            self._set_enabled(True)
            while not stop.is_set() and not lost.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(_first(stop, lost), PING_SECONDS)
                if not stop.is_set() and not lost.is_set():
                    await asyncio.wait_for(connection.fetchval("SELECT 1"), PING_SECONDS)
            if lost.is_set():
                logger.warning("cache listener connection lost; caches bypassed")
        finally:
            self._set_enabled(False)
            connection.terminate()

    def _notified(self, connection: object, pid: int, channel: str, payload: str) -> None:
        self.caches.invalidate(payload)

    def _set_enabled(self, enabled: bool) -> None:
        self.caches.set_enabled(enabled)
        if enabled:
            self.listening.set()
        else:
            self.listening.clear()


async def _first(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def invalidate_on_commit(session: AsyncSession, registry: CacheRegistry, name: str) -> None:
    """Empty this process's cache `name` as soon as the session's transaction commits: its
    next request reads the change, without waiting for the notification to come back."""

    def invalidate(_: object) -> None:
        registry.invalidate(name)

    event.listen(session.sync_session, "after_commit", invalidate, once=True)
