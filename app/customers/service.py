"""Customers by the shop's own reference, and the one check that links belong to a customer."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.customers.errors import CustomerNotFound
from app.customers.repository import LOOKUP_PART, CustomerRepository
from app.customers.repository import planned_write as repository_planned_write
from app.customers.repository import write_parts as repository_write_parts
from app.customers.schemas import CustomerRef, CustomerUpdate
from app.kit.errors import ForeignReference, RequestInvalid, UnknownReference, field_error
from app.kit.pagination import PageParams
from app.models import Customer, Order, Ticket


async def upsert_customer(session: AsyncSession, ref: CustomerRef, now: datetime) -> Customer:
    """Create the customer on first sight; later, update the details that were given."""
    return await CustomerRepository(session).upsert(ref, now)


def lookup_part() -> tuple[str, str]:
    """A new ticket's customer, read before its one-statement write: `known_customer`
    (customer_id, _email, _name, _locale, _time_zone) for :customer_external_ref."""
    return LOOKUP_PART


def write_parts(goes: str) -> tuple[tuple[str, str], ...]:
    """`upsert_customer` as parts of a caller's statement (see the repository's)."""
    return repository_write_parts(goes)


def planned_write(
    ref: CustomerRef, known: Mapping[str, Any] | None, now: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parameters of `write_parts` given what `lookup_part` read, and the customer as the
    write leaves it."""
    return repository_planned_write(ref, known, now)


async def find_customer(session: AsyncSession, external_ref: str) -> Customer | None:
    return await CustomerRepository(session).by_external_ref(external_ref)


async def customer_by_id(session: AsyncSession, customer_id: uuid.UUID) -> Customer | None:
    return await CustomerRepository(session).by_id(customer_id)


async def get_customer(session: AsyncSession, external_ref: str) -> Customer:
    customer = await find_customer(session, external_ref)
    if customer is None:
        raise CustomerNotFound(f"No customer with external_ref {external_ref!r}.")
    return customer


async def update_customer(
    session: AsyncSession, external_ref: str, body: CustomerUpdate, now: datetime
) -> Customer:
    """Change the fields sent; `locale: null` and `time_zone: null` fall back to the defaults."""
    sent = body.model_fields_set
    if not sent:
        raise RequestInvalid("Send at least one of email, name, locale, time_zone.")
    customer = await CustomerRepository(session).by_external_ref(external_ref, for_update=True)
    if customer is None:
        raise CustomerNotFound(f"No customer with external_ref {external_ref!r}.")
    changed = False
    for name in sent:
        value = getattr(body, name)
        if value != getattr(customer, name):
            setattr(customer, name, value)
            changed = True
    if changed:
        customer.updated_at = now
    return customer


async def list_customers(
    session: AsyncSession, page: PageParams, *, email: str | None
) -> tuple[Sequence[Customer], str | None]:
    return await CustomerRepository(session).page(page, email=email)


def check_same_customer(
    customer: Customer | None, *, order: Order | None = None, ticket: Ticket | None = None
) -> None:
    """A request may link an order and a ticket only to their own customer: 422 otherwise,
    naming the body's `order_external_ref` or `ticket_id`."""
    if customer is None:
        return
    errors = []
    if order is not None and order.customer_id != customer.id:
        errors.append(field_error("/order_external_ref", "the order belongs to another customer"))
    if ticket is not None and ticket.customer_id != customer.id:
        errors.append(field_error("/ticket_id", "the ticket belongs to another customer"))
    if errors:
        raise ForeignReference(_summary(errors), errors=errors)


def unknown_references(errors: list[dict[str, str]]) -> UnknownReference:
    """One 422 naming every reference of a body that matches nothing."""
    return UnknownReference(_summary(errors), errors=errors)


def _summary(errors: list[dict[str, str]]) -> str:
    return "; ".join(f"body {error['pointer']}: {error['detail']}" for error in errors)
