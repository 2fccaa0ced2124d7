import uuid
from collections.abc import Mapping, Sequence
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



# A new ticket's customer as its write (`write_parts`) will find it: read first, the answer
# made from it, then written in one statement that checks it still is as the answer shows it.
LOOKUP_PART = (
    "known_customer",
    "SELECT id AS customer_id, email AS customer_email, name AS customer_name,"
    " locale AS customer_locale, time_zone AS customer_time_zone"
    " FROM customers WHERE external_ref = CAST(:customer_external_ref AS varchar)",
)


def write_parts(goes: str) -> tuple[tuple[str, str], ...]:
    """`CustomerRepository.upsert` as parts of a caller's statement, planned from the row
    `LOOKUP_PART` read (`planned_write`), written only when the SQL condition `goes` holds:
    `written_customer` (its id) is inserted (none was read: another transaction inserting it
    meanwhile fails the statement on the unique reference), updated where a given detail
    differs, or kept as read. It is empty when the row no longer shows what the caller's
    answer says of it (a detail this write does not set changed, or, kept as read, any): the
    caller reads it again. Parameters: :customer_mode (new, changed or same), :customer_id,
    :customer_external_ref, _email, _name, _locale, _time_zone (given), :customer_shown_email
    and the others (as the answer shows them), :customer_now."""
    given = {name: f"CAST(:customer_{name} AS varchar)" for name in _DETAILS}
    shown = {name: f"CAST(:customer_shown_{name} AS varchar)" for name in _DETAILS}
    now = "CAST(:customer_now AS timestamptz)"
    updates = ", ".join(
        f"{name} = coalesce({value}, customers.{name})" for name, value in given.items()
    )
    mode = "CAST(:customer_mode AS text)"
    read = "customers.id = CAST(:customer_id AS uuid)"
    kept = " AND ".join(
        f"({given[name]} IS NOT NULL OR customers.{name} IS NOT DISTINCT FROM {shown[name]})"
        for name in _DETAILS
    )
    same = " AND ".join(f"customers.{name} IS NOT DISTINCT FROM {shown[name]}" for name in _DETAILS)
    # (S608: built from this module's constants and the caller's SQL condition.)
    return (
        ("inserted_customer",
         f"INSERT INTO customers (id, external_ref, {', '.join(given)}, created_at, updated_at)"
         f" SELECT CAST(:customer_id AS uuid), CAST(:customer_external_ref AS varchar),"
         f" {', '.join(given.values())}, {now}, {now}"
         f" WHERE {mode} = 'new' AND {goes} RETURNING id"),
        ("updated_customer",
         f"UPDATE customers SET {updates}, updated_at = {now}"  # noqa: S608
         f" WHERE {mode} = 'changed' AND {goes} AND {read} AND {kept} RETURNING customers.id"),
        ("written_customer",
         "SELECT id FROM inserted_customer UNION ALL SELECT id FROM updated_customer"  # noqa: S608
         f" UNION ALL SELECT id FROM customers WHERE {mode} = 'same' AND {goes} AND {read}"
         f" AND {same}"),
    )


def planned_write(
    ref: CustomerRef, known: Mapping[str, Any] | None, now: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parameters of `write_parts` for this customer, given what `LOOKUP_PART` read
    (None: no row), and the customer as the write leaves it (id, external_ref and details)."""
    given = {name: getattr(ref, name) for name in _DETAILS}
    if known is None:
        customer_id, mode, details = uuid7(), "new", given
    else:
        customer_id = known["customer_id"]
        details = {
            name: known[f"customer_{name}"] if value is None else value
            for name, value in given.items()
        }
        same = all(details[name] == known[f"customer_{name}"] for name in _DETAILS)
        mode = "same" if same else "changed"
    values = {
        "customer_mode": mode, "customer_id": customer_id,
        "customer_external_ref": ref.external_ref, "customer_now": now,
        **{f"customer_{name}": value for name, value in given.items()},
        **{f"customer_shown_{name}": value for name, value in details.items()},
    }
    return values, {"id": customer_id, "external_ref": ref.external_ref, **details}


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
