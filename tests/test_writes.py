"""Writes that share one statement (app.kit.writes): deferred, sent together with the next
write or at commit, forgotten on rollback."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import Integer, event, text

from app.kit.db import Database
from app.kit.writes import Write, defer_writes, execute_write, flush_writes

# Two parts, the second reading the first: the names are prefixed per write in a shared statement.
_ADD_PAIR = Write(
    parts=(
        ("probe_first", "INSERT INTO writes_probe (n, label) VALUES (:n, :label) RETURNING n"),
        ("probe_second",
         "INSERT INTO writes_probe (n, label) SELECT n + 1, :label FROM probe_first"),
    ),
    types={"n": Integer()},
)
_ADD_ONE = Write(
    parts=(("probe_added", "INSERT INTO writes_probe (n, label) VALUES (:n, 'last') RETURNING n"),),
    types={"n": Integer()},
    returns="(SELECT n * 10 FROM probe_added)",
)


@pytest.fixture
async def probe_table(database: Database) -> AsyncIterator[None]:
    async with database.engine.begin() as connection:
        await connection.execute(text("CREATE TABLE writes_probe (n integer, label text)"))
    yield
    async with database.engine.begin() as connection:
        await connection.execute(text("DROP TABLE writes_probe"))


async def _rows(database: Database) -> list[tuple[int, str]]:
    async with database.engine.connect() as connection:
        result = await connection.execute(text("SELECT n, label FROM writes_probe ORDER BY n"))
        return [(row.n, row.label) for row in result]


def _count_statements(database: Database) -> list[str]:
    statements: list[str] = []

    @event.listens_for(database.engine.sync_engine, "before_cursor_execute")
    def counted(*args: Any) -> None:
        statements.append(args[2])

    return statements


@pytest.mark.usefixtures("probe_table")
async def test_deferred_writes_go_with_the_next_one_in_a_single_statement(
    database: Database,
) -> None:
    statements = _count_statements(database)
    async with database.sessionmaker() as session, session.begin():
        defer_writes(session)
        assert await execute_write(session, _ADD_PAIR, {"n": 1, "label": "a"}) is None
        assert await execute_write(session, _ADD_PAIR, {"n": 5, "label": "b"}) is None
        assert await _rows(database) == []  # nothing sent yet
        assert await flush_writes(session, _ADD_ONE, {"n": 9}) == 90
        inserts = [sql for sql in statements if "INSERT INTO writes_probe" in sql]
        assert len(inserts) == 1
    assert await _rows(database) == [(1, "a"), (2, "a"), (5, "b"), (6, "b"), (9, "last")]


@pytest.mark.usefixtures("probe_table")
async def test_a_commit_sends_what_is_still_pending(database: Database) -> None:
    async with database.sessionmaker() as session, session.begin():
        defer_writes(session)
        await execute_write(session, _ADD_PAIR, {"n": 1, "label": "a"})
    assert await _rows(database) == [(1, "a"), (2, "a")]


@pytest.mark.usefixtures("probe_table")
async def test_a_rollback_forgets_what_is_pending(database: Database) -> None:
    async with database.sessionmaker() as session:
        async with session.begin():
            defer_writes(session)
            await execute_write(session, _ADD_PAIR, {"n": 1, "label": "a"})
            await session.rollback()
        async with session.begin():
            assert await execute_write(session, _ADD_ONE, {"n": 3}) == 30  # not deferred now
    assert await _rows(database) == [(3, "last")]


@pytest.mark.usefixtures("probe_table")
async def test_a_write_runs_at_once_when_the_session_does_not_defer(database: Database) -> None:
    async with database.sessionmaker() as session, session.begin():
        assert await execute_write(session, _ADD_PAIR, {"n": 1, "label": "a"}) is None
        assert await session.scalar(text("SELECT count(*) FROM writes_probe")) == 2
        assert await flush_writes(session) is None  # nothing pending: no statement


@pytest.mark.usefixtures("probe_table")
async def test_a_literal_spelt_like_a_part_is_written_as_it_is(database: Database) -> None:
    """Part names are prefixed outside quoted literals only."""
    labelled = Write(
        parts=(
            ("last", "INSERT INTO writes_probe (n, label) VALUES (:n, 'the last') RETURNING n"),
        ),
        types={"n": Integer()},
        returns="(SELECT n FROM last)",
    )
    async with database.sessionmaker() as session, session.begin():
        defer_writes(session)
        await execute_write(session, _ADD_ONE, {"n": 1})
        assert await flush_writes(session, labelled, {"n": 7}) == 7
    assert await _rows(database) == [(1, "last"), (7, "the last")]
