import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Uuid, bindparam, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.customers.schemas import CustomerRef
from app.kit.ids import uuid7
from app.kit.pagination import PageParams, fetch_page
from app.models import Customer

# What a body may tell about a customer; a detail left out (None) keeps the stored one.
_DETAILS = ("email", "name", "locale", "time_zone")
# Built once: every new ticket looks its customer up.
_BY_EXTERNAL_REF = select(Customer).where(Customer.external_ref == bindparam("external_ref"))
# The customer as it is, or inserted if there is none, in one statement; no row when another
# transaction inserted it after this statement began (its snapshot cannot see that row).
_FOUND_OR_INSERTED = (
    select(Customer)
    .from_statement(
        text(
            "WITH known AS (SELECT * FROM customers WHERE external_ref = :external_ref),"
            " inserted AS ("
            " INSERT INTO customers (id, external_ref, email, name, created_at, updated_at)"
            " SELECT :id, :external_ref, :email, :name, :now, :now"
            " WHERE NOT EXISTS (SELECT FROM known)"
            " ON CONFLICT (external_ref) DO NOTHING RETURNING *)"
            " SELECT * FROM inserted UNION ALL SELECT * FROM known"
        ).bindparams(
            bindparam("id", type_=Uuid()), bindparam("now", type_=DateTime(timezone=True))
        )
    )
    .execution_options(populate_existing=True)
)



def upsert_parts(goes: str) -> tuple[tuple[str, str], ...]:
    """`CustomerRepository.upsert` as parts of a caller's statement, written only when the SQL
    condition `goes` holds: `customer` is the customer as it is after them (inserted with every
    detail given, updated where a given detail differs, else as found). It is empty when
    another transaction inserted the customer after the statement began: run the statement
    again, which then finds it. Parameters: :customer_id (a new customer's), :customer_
    external_ref, _email, _name, _locale, _time_zone, :customer_now."""
    given = {name: f"CAST(:customer_{name} AS varchar)" for name in _DETAILS}
    changed = " OR ".join(
        f"coalesce({value}, customers.{name}) IS DISTINCT FROM customers.{name}"
        for name, value in given.items()
    )
    now = "CAST(:customer_now AS timestamptz)"
    updates = ", ".join(
        f"{name} = coalesce({value}, customers.{name})" for name, value in given.items()
    )
    # (S608: built from this module's constants and the caller's SQL condition.)
    return (
        ("known_customer",
         "SELECT * FROM customers WHERE external_ref = CAST(:customer_external_ref AS varchar)"),
        ("inserted_customer",
         f"INSERT INTO customers (id, external_ref, {', '.join(given)}, created_at, updated_at)"  # noqa: S608
         f" SELECT CAST(:customer_id AS uuid), CAST(:customer_external_ref AS varchar),"
         f" {', '.join(given.values())}, {now}, {now}"
         f" WHERE {goes} AND NOT EXISTS (SELECT FROM known_customer)"
         " ON CONFLICT (external_ref) DO NOTHING RETURNING *"),
        ("updated_customer",
         f"UPDATE customers SET {updates}, updated_at = {now}"  # noqa: S608
         f" WHERE {goes} AND external_ref = CAST(:customer_external_ref AS varchar)"
         f" AND ({changed}) RETURNING customers.*"),
        ("customer",
         "SELECT * FROM updated_customer UNION ALL SELECT * FROM inserted_customer"
         " UNION ALL SELECT * FROM known_customer WHERE NOT EXISTS (SELECT FROM updated_customer)"),
    )


def upsert_values(ref: CustomerRef, now: datetime) -> dict[str, Any]:
    return {
        "customer_id": uuid7(), "customer_external_ref": ref.external_ref,
        **{f"customer_{name}": getattr(ref, name) for name in _DETAILS},
        "customer_now": now,
    }


class CustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, ref: CustomerRef, now: datetime) -> Customer:
        """Insert, or update the details that were given and differ; never blank them.
        A new customer, or a known one with nothing new, costs one statement (and the known
        one no write, so no lock)."""
        customer: Customer | None = await self.session.scalar(_FOUND_OR_INSERTED, {
            "id": uuid7(), "external_ref": ref.external_ref, "email": ref.email,
            "name": ref.name, "now": now,
        })
        if customer is not None and not _changes(customer, ref):
            return customer
        # It changed, or a concurrent request inserted it after this statement's snapshot.
        return await self._insert_or_update(ref, now)

    async def _insert_or_update(self, ref: CustomerRef, now: datetime) -> Customer:
        excluded = insert(Customer).excluded
        changed = or_(*(
            getattr(excluded, name).is_not(None)
            & getattr(excluded, name).is_distinct_from(getattr(Customer, name))
            for name in _DETAILS
        ))
        statement = (
            insert(Customer)
            .values(
                external_ref=ref.external_ref, email=ref.email, name=ref.name,
                locale=ref.locale, time_zone=ref.time_zone, created_at=now, updated_at=now,
            )
            .on_conflict_do_update(
                index_elements=[Customer.external_ref],
                set_={
                    **{
                        name: func.coalesce(getattr(excluded, name), getattr(Customer, name))
                        for name in _DETAILS
                    },
                    "updated_at": now,
                },
                where=changed,
            )
            .returning(Customer)
            .execution_options(populate_existing=True)
        )
        customer = await self.session.scalar(statement)
        if customer is None:  # it existed and nothing changed: no write, just read it
            customer = await self.by_external_ref(ref.external_ref)
        assert customer is not None
        return customer

    async def by_external_ref(
        self, external_ref: str, *, for_update: bool = False
    ) -> Customer | None:
        if for_update:
            return await self.session.scalar(
                _BY_EXTERNAL_REF.with_for_update(), {"external_ref": external_ref}
            )
        return await self.session.scalar(_BY_EXTERNAL_REF, {"external_ref": external_ref})

    async def by_id(self, customer_id: uuid.UUID) -> Customer | None:
        return await self.session.get(Customer, customer_id)

    async def page(
        self, params: PageParams, *, email: str | None
    ) -> tuple[Sequence[Customer], str | None]:
        statement = select(Customer)
        if email is not None:
            statement = statement.where(func.lower(Customer.email) == email.lower())
        return await fetch_page(self.session, statement, Customer.created_at, Customer.id, params)


def _changes(customer: Customer, ref: CustomerRef) -> bool:
    return any(
        (given := getattr(ref, name)) is not None and given != getattr(customer, name)
        for name in _DETAILS
    )
