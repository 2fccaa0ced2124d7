"""Per-client sliding-window rate limit for the public (keyless) routes.

The state lives in this process: with N API processes a client gets up to N times the limit.
That is enough to stop a single client from hammering or probing survey tokens; a shared limit
belongs in the reverse proxy in front of the service.
"""

import math
from collections import deque
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request

from app.kit.clock import ClockDep
from app.kit.errors import TooManyRequestsError

UNKNOWN_CLIENT = "unknown"


class SlidingWindowRateLimiter:
    """Allows `limit` hits per `window` per key, counting the hits of the last `window`."""

    def __init__(self, limit: int, window: timedelta, *, max_tracked_keys: int = 100_000) -> None:
        self.limit = limit
        self.window = window
        self.max_tracked_keys = max_tracked_keys
        self._hits: dict[str, deque[datetime]] = {}

    def hit(self, key: str, now: datetime) -> timedelta | None:
        """Record a hit and return None, or refuse it and return how long until one is allowed."""
        hits = self._hits.setdefault(key, deque())
        self._forget_before(hits, now - self.window)
        if len(hits) >= self.limit:
            return hits[0] + self.window - now
        hits.append(now)
        if len(self._hits) > self.max_tracked_keys:
            self._forget_idle_keys(now)
        return None

    def tracked_keys(self) -> int:
        return len(self._hits)

    @staticmethod
    def _forget_before(hits: deque[datetime], cutoff: datetime) -> None:
        while hits and hits[0] <= cutoff:
            hits.popleft()

    def _forget_idle_keys(self, now: datetime) -> None:
        cutoff = now - self.window
        idle = [key for key, hits in self._hits.items() if not hits or hits[-1] <= cutoff]
        for key in idle:
            del self._hits[key]


def client_address(request: Request) -> str:
    # The peer address; behind a proxy run uvicorn with --proxy-headers so this is the client.
    return request.client.host if request.client else UNKNOWN_CLIENT


async def limit_public_requests(request: Request, clock: ClockDep) -> None:
    limiter: SlidingWindowRateLimiter = request.app.state.public_rate_limiter
    wait = limiter.hit(client_address(request), clock.now())
    if wait is not None:
        raise TooManyRequestsError(
            "Too many requests from this address; retry later.",
            retry_after_seconds=math.ceil(wait.total_seconds()),
        )


PublicRateLimit = Annotated[None, Depends(limit_public_requests)]
