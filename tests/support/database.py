"""The test database: a fresh, migrated database on the server the suite was pointed at."""

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy import text

from app.kit.db import Database, asyncpg_dsn, start_embedded_postgres, with_database
from app.models import Base

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def server_url() -> str:
    """AFTERCARE_TEST_DATABASE_URL when set, else an embedded server under .aftercare/."""
    configured = os.environ.get("AFTERCARE_TEST_DATABASE_URL")
    if configured:
        return configured
    return start_embedded_postgres(PROJECT_ROOT / ".aftercare" / "test")


def scratch_database_name(purpose: str) -> str:
    """Unique per checkout, purpose and xdist worker, so parallel runs never share a database."""
    checkout = hashlib.sha1(str(PROJECT_ROOT).encode()).hexdigest()[:8]  # noqa: S324
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"aftercare_{purpose}_{checkout}_{worker}"


async def recreate_database(url: str, name: str) -> str:
    """Drop and create `name` on the server of `url`; return the URL of the new database."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return with_database(url, name)


async def drop_database(url: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


@asynccontextmanager
async def migrated_scratch_database(server: str, purpose: str) -> AsyncIterator[str]:
    """A fresh, migrated database for processes a test starts; dropped afterwards."""
    from app.kit import migrations as schema

    name = scratch_database_name(purpose)
    url = await recreate_database(server, name)
    try:
        await asyncio.to_thread(schema.upgrade, url)
        yield url
    finally:
        await drop_database(server, name)


# Tables the migrations seed: the rows matching the condition survive the cleanup between tests.
SEEDED_TABLES = {"survey_templates": "builtin"}


async def empty_tables(database: Database) -> None:
    """Every table back to what the migrations left: between tests, or a property's examples."""
    tables = ", ".join(
        f'"{table.name}"'
        for table in Base.metadata.sorted_tables
        if table.name not in SEEDED_TABLES
    )
    async with database.engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table, seeded_rows in SEEDED_TABLES.items():
            delete = f'DELETE FROM "{table}" WHERE NOT ({seeded_rows})'  # noqa: S608 constants
            await connection.execute(text(delete))
