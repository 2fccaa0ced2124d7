"""Customers, orders and tickets inserted directly: their APIs live on other branches."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from app.kit.db import Database
from app.models import Customer, Order, Ticket


async def add_customer(
    database: Database, external_ref: str = "cust-1", *, email: str | None = "ada@example.com"
) -> Customer:
    async with database.sessionmaker() as session, session.begin():
        customer = Customer(external_ref=external_ref, email=email, name="Ada Lovelace")
        session.add(customer)
    return customer


async def add_order(database: Database, customer_id: uuid.UUID, external_ref: str) -> Order:
    async with database.sessionmaker() as session, session.begin():
        order = Order(
            external_ref=external_ref,
            customer_id=customer_id,
            status="placed",
            placed_at=datetime(2026, 11, 1, tzinfo=UTC),
            amount=Decimal("42.00"),
            currency="EUR",
        )
        session.add(order)
    return order


async def add_ticket(
    database: Database,
    customer_id: uuid.UUID,
    *,
    order_id: uuid.UUID | None = None,
    status: str = "open",
    solved_at: datetime | None = None,
) -> Ticket:
    async with database.sessionmaker() as session, session.begin():
        ticket = Ticket(
            subject="Where is my parcel?",
            status=status,
            priority="normal",
            channel="email",
            customer_id=customer_id,
            order_id=order_id,
            first_solved_at=solved_at,
            solved_at=solved_at,
        )
        session.add(ticket)
    return ticket
