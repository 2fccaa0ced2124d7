"""PostgreSQL LISTEN/NOTIFY for the worker: wake a job as soon as work for it is committed.

A NOTIFY is delivered only when its transaction commits, so a job woken by one finds the work
it announces. Notifications are a shortcut, never the only way work is found: every job still
polls on its interval, so a notification lost while the listening connection was down costs at
most one polling period. After every (re)connection all subscribers are woken once, for what was
announced while nobody listened.
"""

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

logger = logging.getLogger("aftercare.worker")

APPLICATION_NAME = "aftercare-listener"
RECONNECT_SECONDS = 1.0
# How often an idle listening connection is checked: a connection lost without the server
# closing it (a network cut) is otherwise noticed only by the next write to it.
CHECK_SECONDS = 5.0

Connect = Callable[[str], Awaitable[Any]]
WakeIf = Callable[[str], bool]  # given a notification's payload: wake the subscriber?


async def _connect(dsn: str) -> Any:
    return await asyncpg.connect(dsn, server_settings={"application_name": APPLICATION_NAME})


class Listener:
    """One connection LISTENing on every subscribed channel; a notification sets the channel's
    asyncio.Events. Reconnects (every `reconnect_seconds`) until stopped."""

    def __init__(
        self,
        dsn: str,
        *,
        reconnect_seconds: float = RECONNECT_SECONDS,
        check_seconds: float = CHECK_SECONDS,
        connect: Connect = _connect,
    ) -> None:
        self.dsn = dsn
        self.reconnect_seconds = reconnect_seconds
        self.check_seconds = check_seconds
        self._connect = connect
        self._subscribers: defaultdict[str, list[tuple[asyncio.Event, WakeIf | None]]] = (
            defaultdict(list)
        )
        self.listening = asyncio.Event()  # set while notifications arrive (tests wait on it)
        self.connections = 0  # how many times it connected

    def subscribe(self, channel: str, wakeup: asyncio.Event, wake_if: WakeIf | None = None) -> None:
        """Set wakeup on every notification on channel (for which wake_if holds, if given)."""
        self._subscribers[channel].append((wakeup, wake_if))

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._listen_until_lost(stop)
            except Exception as error:
                logger.warning(
                    "notifications: not listening, polling only until reconnected",
                    extra={"error": f"{type(error).__name__}: {error}"},
                )
            finally:
                self.listening.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.reconnect_seconds)

    async def _listen_until_lost(self, stop: asyncio.Event) -> None:
        connection = await self._connect(self.dsn)
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _: lost.set())
        try:
            for channel in self._subscribers:
                await connection.add_listener(channel, self._notified)
            self.connections += 1
            self.listening.set()
            self._wake_all()
            while not stop.is_set():
                if await wait_for_any(stop, lost, timeout=self.check_seconds):
                    if lost.is_set():
                        raise ConnectionError("the listening connection was closed")
                    return
                async with asyncio.timeout(self.check_seconds):
                    await connection.fetchval("SELECT 1")
        finally:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(self.check_seconds):
                    await connection.close()

    def _notified(self, connection: Any, pid: int, channel: str, payload: str) -> None:
        for wakeup, wake_if in self._subscribers.get(channel, ()):
            if wake_if is None or wake_if(payload):
                wakeup.set()

    def _wake_all(self) -> None:
        for subscribers in self._subscribers.values():
            for wakeup, _ in subscribers:
                wakeup.set()


async def wait_for_any(*events: asyncio.Event, timeout: float) -> bool:  # noqa: ASYNC109
    """Wait until any of events is set (True) or timeout passes (False)."""
    if any(event.is_set() for event in events):
        return True
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        done, _ = await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
    return bool(done)

