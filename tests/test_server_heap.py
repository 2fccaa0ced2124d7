"""`aftercare serve` freezes the heap its app was built with (app.kit.server.freeze_startup_heap):
what exists then is left out of every later collection, and what requests make afterwards is
collected as before."""

import gc
import weakref

from app.kit.server import freeze_startup_heap


class _Node:
    partner: "_Node | None" = None


def test_startup_objects_leave_the_collector_and_later_cycles_are_still_collected() -> None:
    built_before = _Node()
    try:
        freeze_startup_heap()
        assert gc.get_freeze_count() > 0
        assert not any(tracked is built_before for tracked in gc.get_objects())
        cycle = _Node()
        cycle.partner = cycle
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
