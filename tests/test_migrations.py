import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from app.kit import migrations as schema
from app.kit.db import Database
from app.models import Base
from tests.support.database import drop_database, recreate_database, scratch_database_name


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    return list(compare_metadata(context, Base.metadata))


async def test_models_and_migrations_agree(database: Database) -> None:
    async with database.engine.connect() as connection:
        differences = await connection.run_sync(_differences)
    assert differences == []


async def test_downgrade_to_base_and_back_to_head(postgres_server_url: str) -> None:
    name = scratch_database_name("downgrade")
    url = await recreate_database(postgres_server_url, name)
    engine = create_async_engine(url)
    try:
        await asyncio.to_thread(schema.upgrade, url)
        await asyncio.to_thread(schema.downgrade, url, "base")
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert tables == ["alembic_version"]

        await asyncio.to_thread(schema.upgrade, url)
        async with engine.connect() as connection:
            revision = (await connection.execute(text("SELECT version_num FROM alembic_version")))
            assert revision.scalar_one() == schema.head_revision()
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert set(tables) == {"alembic_version", *Base.metadata.tables}
    finally:
        await engine.dispose()
        await drop_database(postgres_server_url, name)
