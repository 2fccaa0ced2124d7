import time
import uuid

from app.kit.ids import uuid7


def test_ids_are_version_7_with_the_current_millisecond() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid7()
    after = time.time_ns() // 1_000_000
    assert (made.version, made.variant) == (7, uuid.RFC_4122)
    assert before <= made.int >> 80 <= after


def test_ids_made_in_a_row_sort_in_the_order_they_were_made() -> None:
    made = [uuid7() for _ in range(10_000)]  # many share a millisecond
    assert sorted(made) == made
    assert len(set(made)) == len(made)
    assert all((u.version, u.variant) == (7, uuid.RFC_4122) for u in made)
