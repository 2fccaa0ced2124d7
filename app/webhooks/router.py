import uuid
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import JSONResponse
from pydantic import AfterValidator

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.config import Settings
from app.events.types import EVENT_TYPES
from app.idempotency.dependencies import idempotent
from app.idempotency.service import Idempotency
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute, Timestamp
from app.kit.pagination import Page, PageParamsDep
from app.webhooks import service
from app.webhooks.dependencies import SendOptionsDep
from app.webhooks.schemas import (
    DeliveryFilters,
    DeliveryOut,
    DeliveryStatusField,
    RecoverRequest,
    RecoverResult,
    TestDeliveryResult,
    WebhookEndpointCreate,
    WebhookEndpointOut,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
)
from app.webhooks.sender import WEBHOOK_TEST_TYPE

endpoints_router = APIRouter(
    prefix="/v1/webhook-endpoints", tags=["webhooks"], route_class=QueryCheckedRoute
)
deliveries_router = APIRouter(
    prefix="/v1/webhook-deliveries", tags=["webhooks"], route_class=QueryCheckedRoute
)
ManageKey = Annotated[Principal, Depends(require(Scope.WEBHOOKS_MANAGE))]
IdempotentManage = Annotated[Idempotency, Depends(idempotent(Scope.WEBHOOKS_MANAGE))]


def _known_delivery_type(value: str) -> str:
    if value != WEBHOOK_TEST_TYPE and value not in EVENT_TYPES:
        raise ValueError(f"unknown event type; expected one of: {', '.join(sorted(EVENT_TYPES))}")
    return value


DeliveryEventType = Annotated[str, AfterValidator(_known_delivery_type)]


def _with_secret(endpoint: Any) -> WebhookEndpointWithSecret:
    return WebhookEndpointWithSecret(
        **WebhookEndpointOut.model_validate(endpoint).model_dump(), secret=endpoint.secret
    )


@endpoints_router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=WebhookEndpointWithSecret
)
async def create_webhook_endpoint(
    body: WebhookEndpointCreate,
    session: SessionDep,
    _: ManageKey,
    idempotency: IdempotentManage,
    clock: ClockDep,
    options: SendOptionsDep,
) -> JSONResponse:
    """Create an endpoint. Its signing secret is in this answer only (and on rotation)."""
    endpoint = await service.create_endpoint(session, body, clock.now(), options)
    # The stored answer of an Idempotency-Key holds the secret so a replay is identical; that
    # adds no exposure, since the endpoint row must keep the secret in clear to sign anyway.
    return await idempotency.respond(status.HTTP_201_CREATED, _with_secret(endpoint))


@endpoints_router.get("", response_model=Page[WebhookEndpointOut])
async def list_webhook_endpoints(
    session: SessionDep, _: ManageKey, page: PageParamsDep
) -> Page[WebhookEndpointOut]:
    rows, next_cursor = await service.list_endpoints(session, page)
    return Page(
        items=[WebhookEndpointOut.model_validate(row) for row in rows], next_cursor=next_cursor
    )


@endpoints_router.get("/{endpoint_id}", response_model=WebhookEndpointOut)
async def get_webhook_endpoint(
    endpoint_id: uuid.UUID, session: SessionDep, _: ManageKey
) -> WebhookEndpointOut:
    return WebhookEndpointOut.model_validate(await service.get_endpoint(session, endpoint_id))


@endpoints_router.patch("/{endpoint_id}", response_model=WebhookEndpointOut)
async def update_webhook_endpoint(
    endpoint_id: uuid.UUID,
    body: WebhookEndpointUpdate,
    session: SessionDep,
    _: ManageKey,
    clock: ClockDep,
    options: SendOptionsDep,
) -> WebhookEndpointOut:
    """Change some fields. Re-enabling a disabled endpoint resumes its pending deliveries."""
    endpoint = await service.update_endpoint(session, endpoint_id, body, clock.now(), options)
    return WebhookEndpointOut.model_validate(endpoint)


@endpoints_router.delete("/{endpoint_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_webhook_endpoint(
    endpoint_id: uuid.UUID, session: SessionDep, _: ManageKey
) -> None:
    """Delete an endpoint with its deliveries and their attempt log."""
    await service.delete_endpoint(session, endpoint_id)


@endpoints_router.post("/{endpoint_id}/rotate-secret", response_model=WebhookEndpointWithSecret)
async def rotate_webhook_secret(
    endpoint_id: uuid.UUID, request: Request, session: SessionDep, _: ManageKey, clock: ClockDep
) -> WebhookEndpointWithSecret:
    """A new secret, shown once. The old one keeps signing too (one more signature per
    message) for `AFTERCARE_WEBHOOK_SECRET_ROTATION_HOURS` (24 h), so receivers can switch over;
    a secret rotated out earlier keeps signing until its own overlap ends (at most 5 at once:
    409 beyond that). `DELETE .../retired-secrets` ends every overlap at once."""
    settings: Settings = request.app.state.settings
    overlap = timedelta(hours=settings.webhook_secret_rotation_hours)
    endpoint = await service.rotate_secret(session, endpoint_id, clock.now(), overlap)
    return _with_secret(endpoint)


@endpoints_router.delete("/{endpoint_id}/retired-secrets", response_model=WebhookEndpointOut)
async def end_webhook_secret_overlap(
    endpoint_id: uuid.UUID, session: SessionDep, _: ManageKey, clock: ClockDep
) -> WebhookEndpointOut:
    """End the overlap of every rotated-out secret now: only the current secret signs.

    Call it once every receiver verifies with the new secret, or at once when an old secret
    leaked."""
    endpoint = await service.end_secret_overlap(session, endpoint_id, clock.now())
    return WebhookEndpointOut.model_validate(endpoint)


@endpoints_router.post("/{endpoint_id}/test", response_model=TestDeliveryResult)
async def send_webhook_test(
    endpoint_id: uuid.UUID,
    session: SessionDep,
    _: ManageKey,
    clock: ClockDep,
    options: SendOptionsDep,
) -> TestDeliveryResult:
    """Send a `webhook.test` message now and answer with the attempt's outcome (never retried)."""
    return await service.send_test(session, endpoint_id, clock.now(), options)


@endpoints_router.post(
    "/{endpoint_id}/recover", status_code=status.HTTP_202_ACCEPTED, response_model=RecoverResult
)
async def recover_webhook_deliveries(
    endpoint_id: uuid.UUID, body: RecoverRequest, session: SessionDep, _: ManageKey,
    clock: ClockDep,
) -> RecoverResult:
    """Send again every failed delivery created since `since`, each with a fresh schedule."""
    requeued = await service.recover(session, endpoint_id, body.since, clock.now())
    return RecoverResult(requeued=requeued)


@endpoints_router.get("/{endpoint_id}/deliveries", response_model=Page[DeliveryOut])
async def list_webhook_deliveries(
    endpoint_id: uuid.UUID,
    session: SessionDep,
    _: ManageKey,
    page: PageParamsDep,
    delivery_status: Annotated[DeliveryStatusField | None, Query(alias="status")] = None,
    event_type: Annotated[DeliveryEventType | None, Query()] = None,
    since: Annotated[Timestamp | None, Query(description="created at or after")] = None,
    until: Annotated[Timestamp | None, Query(description="created before")] = None,
) -> Page[DeliveryOut]:
    """The endpoint's deliveries, newest first, each with every attempt made."""
    filters = DeliveryFilters(delivery_status, event_type, since, until)
    rows, next_cursor = await service.list_deliveries(session, endpoint_id, page, filters)
    return Page(items=[DeliveryOut.model_validate(row) for row in rows], next_cursor=next_cursor)


@deliveries_router.post(
    "/{delivery_id}/redeliver", status_code=status.HTTP_202_ACCEPTED, response_model=DeliveryOut
)
async def redeliver_webhook_delivery(
    delivery_id: uuid.UUID, session: SessionDep, _: ManageKey, clock: ClockDep
) -> DeliveryOut:
    """Send this delivery again as soon as possible, with a fresh retry schedule."""
    return DeliveryOut.model_validate(await service.redeliver(session, delivery_id, clock.now()))
