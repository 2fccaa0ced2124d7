"""Bounded polling for conditions other processes make true."""

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable


async def eventually(
    condition: Callable[[], bool | Awaitable[bool]],
    *,
    timeout: float,  # noqa: ASYNC109 - a deadline for polling another process, not a cancel scope
    what: str,
    interval: float = 0.05,
) -> float:
    """Poll `condition` until it holds; return the seconds it took. AssertionError on timeout."""
    started = time.monotonic()
    while True:
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not within {timeout} s: {what}")
        await asyncio.sleep(interval)
