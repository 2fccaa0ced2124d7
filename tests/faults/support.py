"""Seeding and counting helpers shared by the fault tests (plain SQL on the test database)."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from app.db import Database


async def seed_due_targets(database: Database, count: int, due_at: datetime) -> None:
    """`count` open tickets, each with one active first-response target due at `due_at`."""
    start = due_at - timedelta(hours=1)
    statements = [
        "INSERT INTO customers (id, external_ref) VALUES (gen_random_uuid(), 'bulk')",
        "INSERT INTO tickets (id, subject, status, priority, channel, tier, customer_id, tags,"
        " public_agent_reply_count, reopen_count, created_at, updated_at)"
        " SELECT gen_random_uuid(), 'bulk ' || n, 'open', 'normal', 'email', 1,"
        " (SELECT id FROM customers WHERE external_ref = 'bulk'), '{}', 0, 0, :start, :start"
        " FROM generate_series(1, :n) AS n",
        "INSERT INTO ticket_slas (ticket_id, targets, pause_statuses, escalate_on_breach,"
        " applied_at) SELECT id, '{}', '{}', false, :start FROM tickets",
        "INSERT INTO sla_targets (id, ticket_id, metric, status, target, warn_before,"
        " business_hours, started_at, due_at, warn_at, paused_for, created_at)"
        " SELECT gen_random_uuid(), id, 'first_response', 'active', interval '1 hour',"
        " interval '0', false, :start, :due, :due, interval '0', :start FROM tickets",
    ]
    params = {"n": count, "start": start, "due": due_at}
    async with database.sessionmaker() as session, session.begin():
        for statement in statements:
            await session.execute(text(statement), params)


async def scalar(database: Database, sql: str, **params: Any) -> Any:
    async with database.sessionmaker() as session:
        return await session.scalar(text(sql), params)


async def rows(database: Database, sql: str, **params: Any) -> list[Any]:
    async with database.sessionmaker() as session:
        return list((await session.execute(text(sql), params)).all())


async def execute(database: Database, sql: str, **params: Any) -> None:
    async with database.sessionmaker() as session, session.begin():
        await session.execute(text(sql), params)
