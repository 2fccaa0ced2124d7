"""Hand-built data for metric tests: rows inserted with exact timestamps."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.ids import uuid7
from app.models import Customer, Order, Ticket

T0 = datetime(2026, 10, 1, tzinfo=UTC)


async def customer(session: AsyncSession, ref: str) -> Customer:
    row = Customer(id=uuid7(), external_ref=ref, created_at=T0, updated_at=T0)
    session.add(row)
    await session.flush()
    return row


async def ticket(
    session: AsyncSession, owner: Customer, created_at: datetime, **fields: Any
) -> Ticket:
    values: dict[str, Any] = {
        "subject": "s",
        "status": "open",
        "priority": "normal",
        "channel": "email",
        "tier": 1,
        "tags": [],
        "public_agent_reply_count": 0,
        "reopen_count": 0,
    }
    values.update(fields)
    row = Ticket(
        id=uuid7(), customer_id=owner.id, created_at=created_at, updated_at=created_at, **values
    )
    session.add(row)
    await session.flush()
    return row


async def order(
    session: AsyncSession, owner: Customer, ref: str, placed_at: datetime, **fields: Any
) -> Order:
    row = Order(
        id=uuid7(),
        external_ref=ref,
        customer_id=owner.id,
        status="placed",
        placed_at=placed_at,
        amount=Decimal("10.00"),
        currency="EUR",
        created_at=placed_at,
        updated_at=placed_at,
        **fields,
    )
    session.add(row)
    await session.flush()
    return row


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)
