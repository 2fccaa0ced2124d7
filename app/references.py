"""Resolve the customer, order and ticket a request body refers to, or 422 naming the field.

Customers and orders are referenced by the shop's own `external_ref`, tickets by id. Nothing
is created here: an unknown reference is the client's mistake.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.customers.repository import CustomerRepository
from app.kit.errors import ForeignReference, UnknownReference, field_error
from app.models import Customer, Order, Ticket
from app.orders.repository import OrderRepository


class ReferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def customer_by_id(self, customer_id: uuid.UUID) -> Customer | None:
        return await self.session.get(Customer, customer_id)

    async def ticket_by_id(self, ticket_id: uuid.UUID) -> Ticket | None:
        return await self.session.get(Ticket, ticket_id)


@dataclass(frozen=True, slots=True)
class References:
    customer: Customer | None
    order: Order | None
    ticket: Ticket | None


async def resolve_references(
    session: AsyncSession,
    *,
    customer_external_ref: str | None,
    order_external_ref: str | None,
    ticket_id: uuid.UUID | None,
) -> References:
    """Look every reference up; with no customer given, take the order's or the ticket's.

    The order and the ticket must belong to the customer: a link across customers is refused.
    """
    repository = ReferenceRepository(session)
    errors: list[dict[str, str]] = []
    customer = order = ticket = None
    if customer_external_ref is not None:
        customer = await CustomerRepository(session).by_external_ref(customer_external_ref)
        if customer is None:
            errors.append(field_error("/customer_external_ref", "no customer with this reference"))
    if order_external_ref is not None:
        order = await OrderRepository(session).by_external_ref(order_external_ref)
        if order is None:
            errors.append(field_error("/order_external_ref", "no order with this reference"))
    if ticket_id is not None:
        ticket = await repository.ticket_by_id(ticket_id)
        if ticket is None:
            errors.append(field_error("/ticket_id", "no ticket with this id"))
    if errors:
        raise UnknownReference(_summary(errors), errors=errors)
    if customer is None and customer_external_ref is None:
        owner_id = order.customer_id if order else ticket.customer_id if ticket else None
        customer = await repository.customer_by_id(owner_id) if owner_id else None
    _check_same_customer(customer, order, ticket)
    return References(customer, order, ticket)


def _check_same_customer(
    customer: Customer | None, order: Order | None, ticket: Ticket | None
) -> None:
    if customer is None:
        return
    errors = []
    if order is not None and order.customer_id != customer.id:
        errors.append(field_error("/order_external_ref", "the order belongs to another customer"))
    if ticket is not None and ticket.customer_id != customer.id:
        errors.append(field_error("/ticket_id", "the ticket belongs to another customer"))
    if errors:
        raise ForeignReference(_summary(errors), errors=errors)


def _summary(errors: list[dict[str, str]]) -> str:
    return "; ".join(f"body {error['pointer']}: {error['detail']}" for error in errors)
