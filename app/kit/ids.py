"""Time-ordered UUIDs (RFC 9562 version 7): new rows land at the right edge of the B-tree, and
ids made in one process sort in the order they were made (ties within a millisecond too), so a
request's events keep their order on the timeline."""

import os
import threading
import time
import uuid

_RAND_B_BITS = 62
_last_made = 0
_lock = threading.Lock()


def uuid7() -> uuid.UUID:
    milliseconds, nanoseconds = divmod(time.time_ns(), 1_000_000)
    value = (milliseconds & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    # rand_a: 12 bits of sub-millisecond time (RFC 9562, section 6.2, method 3)
    value |= (nanoseconds * 4096 // 1_000_000) << 64
    value |= 0b10 << 62  # variant
    value |= int.from_bytes(os.urandom(8), "big") & ((1 << _RAND_B_BITS) - 1)
    return uuid.UUID(int=_after_last(value))


def _after_last(value: int) -> int:
    """Monotonic within the process: a value not above the last one made becomes its
    successor (the random part, incremented)."""
    global _last_made
    with _lock:
        if value <= _last_made:
            value = _last_made + 1
        _last_made = value
        return value
