from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.config import Settings
from app.customers.schemas import EXTERNAL_REF_PATTERN, CustomerRefQuery
from app.kb.schemas import MAX_PRODUCTS, OrderNotices
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute, Timestamp
from app.kit.pagination import Page, PageParamsDep
from app.orders import delivery, service
from app.orders.schemas import (
    IDENTIFIER_PATTERN,
    REGION_PATTERN,
    DeliveryEstimate,
    EstimateQuery,
    OrderFilters,
    OrderOut,
    OrderUpdate,
    OrderUpsert,
)

router = APIRouter(prefix="/v1/orders", tags=["orders"], route_class=QueryCheckedRoute)
delivery_router = APIRouter(tags=["delivery"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.ORDERS_READ))]
WriteKey = Annotated[Principal, Depends(require(Scope.ORDERS_WRITE))]
ExternalRef = Annotated[str, Path(pattern=EXTERNAL_REF_PATTERN, description="the shop's order id")]


@router.put(
    "/{external_ref}",
    response_model=OrderOut,
    responses={201: {"model": OrderOut, "description": "the order was created"}},
)
async def upsert_order(
    _: WriteKey,
    external_ref: ExternalRef,
    body: OrderUpsert,
    session: SessionDep,
    clock: ClockDep,
    response: Response,
) -> OrderOut:
    """Create or update an order and its customer. Sending the same order again is safe:
    200 when it existed, 201 when it is new."""
    order, created = await service.upsert_order(session, external_ref, body, clock.now())
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return OrderOut.model_validate(order)


@router.patch("/{external_ref}", response_model=OrderOut)
async def update_order(
    _: WriteKey,
    external_ref: ExternalRef,
    body: OrderUpdate,
    session: SessionDep,
    clock: ClockDep,
) -> OrderOut:
    """Report what happened to an order (shipped, delivered, a new promise) without sending
    it whole. Its status may only move forward (409 otherwise), and the order as it then
    stands must make sense: a delivered or returned order has `delivered_at`, no other has."""
    order = await service.update_order(session, external_ref, body, clock.now())
    return OrderOut.model_validate(order)


@router.get("/{external_ref}", response_model=OrderOut)
async def get_order(_: ReadKey, external_ref: ExternalRef, session: SessionDep) -> OrderOut:
    return OrderOut.model_validate(await service.get_order(session, external_ref))


@router.get("/{external_ref}/notices", response_model=OrderNotices)
async def list_order_notices(
    _: ReadKey,
    external_ref: ExternalRef,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    products: Annotated[
        list[Annotated[str, Query(pattern=EXTERNAL_REF_PATTERN)]],
        Query(
            max_length=MAX_PRODUCTS,
            description="the shop's product references in the order (orders carry none):"
            " notices about any of them apply too",
        ),
    ] = [],  # noqa: B006 (FastAPI copies a default list per request)
    at: Annotated[Timestamp | None, Query(description="in effect at this instant; default now")]
    = None,
) -> OrderNotices:
    """Knowledge-base articles marked as update notices that apply to this order now: its
    external_ref is among the notice's orders, or one of `products` among its products. One
    per translation group, in the order's customer's language when published in it (else the
    default locale's). For the shop's order page and mailer (which follow article.published
    and article.updated); the customer's ticket status page shows them too."""
    settings: Settings = request.app.state.settings
    return await service.order_notices(
        session, external_ref, products, at=at or clock.now(),
        default_locale=settings.default_locale,
    )


@router.get("", response_model=Page[OrderOut])
async def list_orders(
    _: ReadKey,
    session: SessionDep,
    clock: ClockDep,
    page: PageParamsDep,
    customer: CustomerRefQuery = None,
    placed_from: Annotated[Timestamp | None, Query(description="placed at or after")] = None,
    placed_to: Annotated[Timestamp | None, Query(description="placed before")] = None,
    delivered: Annotated[bool | None, Query(description="delivered or not")] = None,
    overdue: Annotated[
        bool | None, Query(description="promised delivery passed and not delivered")
    ] = None,
) -> Page[OrderOut]:
    now = clock.now()
    filters = OrderFilters(
        customer_external_ref=customer,
        placed_from=placed_from,
        placed_to=placed_to,
        delivered=delivered,
        overdue_at=now if overdue is True else None,
        not_overdue_at=now if overdue is False else None,
    )
    rows, next_cursor = await service.list_orders(session, page, filters)
    return Page(items=[OrderOut.model_validate(row) for row in rows], next_cursor=next_cursor)


LaneField = Annotated[str | None, Query(pattern=IDENTIFIER_PATTERN)]


@delivery_router.get("/v1/delivery-estimates", response_model=DeliveryEstimate)
async def get_delivery_estimate(
    _: ReadKey,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    carrier: LaneField = None,
    service_level: LaneField = None,
    destination: Annotated[
        str | None,
        Query(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code"),
    ] = None,
    destination_region: Annotated[
        str | None,
        Query(
            pattern=REGION_PATTERN,
            description="region or postcode prefix within the destination, as orders carry it",
        ),
    ] = None,
    ship_at: Annotated[
        Timestamp | None, Query(description="when it ships; now if left out")
    ] = None,
    confidence: Annotated[
        float, Query(gt=0, lt=1, description="the share of comparable deliveries to keep")
    ] = 0.9,
) -> DeliveryEstimate:
    """The delivery promise that `confidence` of comparable past deliveries would have kept,
    from their transit times; falls back from carrier+service_level+destination+region to
    carrier+service_level+destination, carrier+service_level, carrier, then all deliveries
    while a sample is smaller than the minimum, and says which answered. With no history at
    all, no figure."""
    query = EstimateQuery(
        carrier, service_level, destination, confidence, ship_at, destination_region
    )
    settings: Settings = request.app.state.settings
    return await delivery.estimate(session, query, settings, clock.now())
