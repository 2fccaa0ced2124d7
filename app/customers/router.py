from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.customers import service
from app.customers.schemas import EXTERNAL_REF_PATTERN, CustomerOut, CustomerUpdate
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/customers", tags=["customers"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.TICKETS_READ))]
WriteKey = Annotated[Principal, Depends(require(Scope.TICKETS_WRITE))]
ExternalRefPath = Annotated[str, Path(pattern=EXTERNAL_REF_PATTERN)]


@router.get("", response_model=Page[CustomerOut])
async def list_customers(
    _: ReadKey,
    session: SessionDep,
    page: PageParamsDep,
    email: Annotated[
        str | None, Query(max_length=320, description="exact, case-insensitive")
    ] = None,
) -> Page[CustomerOut]:
    rows, next_cursor = await service.list_customers(session, page, email=email)
    return Page(items=[CustomerOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/{external_ref}", response_model=CustomerOut)
async def get_customer(
    _: ReadKey,
    session: SessionDep,
    external_ref: Annotated[str, Path(pattern=EXTERNAL_REF_PATTERN)],
) -> CustomerOut:
    return CustomerOut.model_validate(await service.get_customer(session, external_ref))


@router.patch("/{external_ref}", response_model=CustomerOut)
async def update_customer(
    _: WriteKey,
    session: SessionDep,
    clock: ClockDep,
    external_ref: ExternalRefPath,
    body: CustomerUpdate,
) -> CustomerOut:
    """Change the customer's email, name, `locale` (BCP 47) or `time_zone` (IANA): the
    language and zone of the sentences and pages they are shown. Orders and tickets may set
    them too, in their `customer` block."""
    customer = await service.update_customer(session, external_ref, body, clock.now())
    return CustomerOut.model_validate(customer)
