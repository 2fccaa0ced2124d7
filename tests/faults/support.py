"""Counting and SQL helpers shared by the fault tests (plain SQL on the test database)."""

from typing import Any

from sqlalchemy import text

from app.kit.db import Database


async def scalar(database: Database, sql: str, **params: Any) -> Any:
    async with database.sessionmaker() as session:
        return await session.scalar(text(sql), params)


async def rows(database: Database, sql: str, **params: Any) -> list[Any]:
    async with database.sessionmaker() as session:
        return list((await session.execute(text(sql), params)).all())


async def execute(database: Database, sql: str, **params: Any) -> None:
    async with database.sessionmaker() as session, session.begin():
        await session.execute(text(sql), params)
