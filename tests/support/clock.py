from datetime import UTC, datetime, timedelta


class MutableClock:
    """A clock the test moves by hand: no sleeping to make time pass."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime.now(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now
