from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.customers.errors import CustomerNotFound
from app.customers.repository import CustomerRepository
from app.customers.schemas import EXTERNAL_REF_PATTERN, CustomerOut
from app.kit.db import SessionDep
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(
    prefix="/v1/customers", tags=["customers"], dependencies=[Depends(require(Scope.TICKETS_READ))]
)


@router.get("", response_model=Page[CustomerOut])
async def list_customers(
    session: SessionDep,
    page: PageParamsDep,
    email: Annotated[
        str | None, Query(max_length=320, description="exact, case-insensitive")
    ] = None,
) -> Page[CustomerOut]:
    rows, next_cursor = await CustomerRepository(session).page(page, email=email)
    return Page(items=[CustomerOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/{external_ref}", response_model=CustomerOut)
async def get_customer(
    session: SessionDep, external_ref: Annotated[str, Path(pattern=EXTERNAL_REF_PATTERN)]
) -> CustomerOut:
    customer = await CustomerRepository(session).by_external_ref(external_ref)
    if customer is None:
        raise CustomerNotFound(f"No customer with external_ref {external_ref!r}.")
    return CustomerOut.model_validate(customer)
