from datetime import UTC, datetime, timedelta

from app.kit.rate_limit import SlidingWindowRateLimiter

START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
WINDOW = timedelta(seconds=60)


def test_the_limit_counts_hits_of_the_last_window_per_key() -> None:
    limiter = SlidingWindowRateLimiter(3, WINDOW)
    for offset in (0, 10, 20):
        assert limiter.hit("a", START + timedelta(seconds=offset)) is None
    assert limiter.hit("a", START + timedelta(seconds=30)) == timedelta(seconds=30)
    assert limiter.hit("b", START + timedelta(seconds=30)) is None
    # The first hit leaves the window at 60 s: one more is allowed, not three.
    assert limiter.hit("a", START + timedelta(seconds=60)) is None
    assert limiter.hit("a", START + timedelta(seconds=61)) == timedelta(seconds=9)


def test_refused_hits_do_not_extend_the_wait() -> None:
    limiter = SlidingWindowRateLimiter(1, WINDOW)
    assert limiter.hit("a", START) is None
    for offset in range(1, 60):
        assert limiter.hit("a", START + timedelta(seconds=offset)) is not None
    assert limiter.hit("a", START + WINDOW) is None


def test_idle_clients_are_forgotten_when_many_are_tracked() -> None:
    limiter = SlidingWindowRateLimiter(5, WINDOW, max_tracked_keys=10)
    for number in range(10):
        limiter.hit(f"client-{number}", START)
    limiter.hit("late", START + WINDOW * 2)
    assert limiter.tracked_keys() == 1
