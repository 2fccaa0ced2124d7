"""Pooled connections: one idle for a while is pinged before use and replaced if it is gone;
one used recently is trusted (no ping on the hot path)."""

import uuid
from collections.abc import AsyncIterator, Callable

import asyncpg
import pytest
from sqlalchemy import Integer, bindparam, func, literal_column, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.kit.db import Database, DriverQuery, asyncpg_dsn
from app.kit.errors import _is_database_unavailable


async def _pooled_backend_killed(database: Database, database_url: str) -> int:
    """Use the pool's only connection, give it back, then end its server process."""
    async with database.sessionmaker() as session:
        pid = int(await session.scalar(text("SELECT pg_backend_pid()")) or 0)
    killer = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        assert await killer.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await killer.close()
    return pid


async def _backend_pid(database: Database) -> int:
    async with database.sessionmaker() as session:
        return int(await session.scalar(text("SELECT pg_backend_pid()")) or 0)


PoolOfOne = Callable[[float], Database]


@pytest.fixture
async def pool_of_one(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[PoolOfOne]:
    """A Database with one pooled connection, pinging it once idle for the seconds given."""
    made: list[Database] = []

    def make(ping_idle_after: float) -> Database:
        monkeypatch.setattr("app.kit.db.PING_IDLE_AFTER_SECONDS", ping_idle_after)
        made.append(Database(database_url, pool_size=1, max_overflow=0))
        return made[-1]

    yield make
    for database in made:
        await database.dispose()


async def test_an_idle_connection_that_is_gone_is_replaced_before_use(
    pool_of_one: PoolOfOne, database_url: str
) -> None:
    database = pool_of_one(0.0)
    killed = await _pooled_backend_killed(database, database_url)
    assert await _backend_pid(database) not in (0, killed)


async def test_a_recently_used_connection_is_not_pinged(
    pool_of_one: PoolOfOne, database_url: str
) -> None:
    database = pool_of_one(3600.0)
    await _pooled_backend_killed(database, database_url)
    with pytest.raises(DBAPIError) as raised:
        await _backend_pid(database)
    assert raised.value.connection_invalidated
    assert await _backend_pid(database) != 0  # the pool replaced it after the failure


_BACKEND_PID = DriverQuery(select(func.pg_backend_pid()))
_DIVIDE = DriverQuery(select(literal_column("1") / bindparam("divisor", type_=Integer())))


async def _driver_backend_pid(database: Database) -> int:
    row = await database.fetch_row(_BACKEND_PID, {})
    assert row is not None
    return int(row[0])


async def test_a_statement_run_by_the_driver_uses_the_pool_and_its_pings(
    pool_of_one: PoolOfOne, database_url: str
) -> None:
    database = pool_of_one(0.0)
    killed = await _pooled_backend_killed(database, database_url)
    assert await _driver_backend_pid(database) not in (0, killed)
    assert await _driver_backend_pid(database) == await _backend_pid(database)


async def test_a_connection_lost_under_the_driver_is_unavailable_and_replaced(
    pool_of_one: PoolOfOne, database_url: str
) -> None:
    database = pool_of_one(3600.0)
    killed = await _pooled_backend_killed(database, database_url)
    with pytest.raises(DBAPIError) as raised:
        await _driver_backend_pid(database)
    assert raised.value.connection_invalidated
    assert _is_database_unavailable(raised.value)
    assert await _driver_backend_pid(database) not in (0, killed)


async def test_a_statement_error_under_the_driver_is_not_unavailable(
    pool_of_one: PoolOfOne,
) -> None:
    database = pool_of_one(3600.0)
    pid = await _driver_backend_pid(database)
    with pytest.raises(DBAPIError) as raised:
        await database.fetch_row(_DIVIDE, {"divisor": 0})
    assert not raised.value.connection_invalidated
    assert not _is_database_unavailable(raised.value)
    assert await _driver_backend_pid(database) == pid  # the connection stays in the pool


async def test_a_connection_the_server_refuses_under_the_driver_is_unavailable(
    database_url: str,
) -> None:
    """Connecting fails (as while the server shuts down or is full): SQLAlchemy's error, as
    `Engine.connect` raises it, so the request is a 503 and not a 500."""
    role = f"refused_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await admin.execute(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 0')
        database = Database(make_url(database_url).set(username=role).render_as_string())
        try:
            with pytest.raises(DBAPIError) as raised:
                await database.fetch_row(_BACKEND_PID, {})
        finally:
            await database.dispose()
    finally:
        await admin.execute(f'DROP ROLE "{role}"')
        await admin.close()
    assert getattr(raised.value.orig, "sqlstate", None) == "53300"  # too many connections
    assert _is_database_unavailable(raised.value)
