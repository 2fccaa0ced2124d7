"""Webhook endpoints and deliveries: the logic behind the routes. Never commits."""

import asyncio
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.errors import RequestInvalid, UnprocessableError, field_error
from app.kit.pagination import PageParams
from app.models import WebhookDelivery, WebhookEndpoint
from app.webhooks.delivery import active_secrets, message_for, record_test_attempt
from app.webhooks.errors import (
    TooManySigningSecrets,
    WebhookDeliveryInFlight,
    WebhookDeliveryNotFound,
    WebhookEndpointDisabled,
    WebhookEndpointNotFound,
    WebhookUrlRefused,
)
from app.webhooks.repository import (
    WebhookDeliveryRepository,
    WebhookEndpointRepository,
    requeued_values,
)
from app.webhooks.rotation import TooManySigningSecretsError, parse_retired, retire
from app.webhooks.schemas import (
    DeliveryAttemptOut,
    DeliveryFilters,
    TestDeliveryResult,
    WebhookEndpointCreate,
    WebhookEndpointUpdate,
)
from app.webhooks.sender import (
    WEBHOOK_TEST_TYPE,
    SendOptions,
    send_message,
)
from app.webhooks.signing import generate_secret
from app.webhooks.ssrf import PinnedClients, UnsafeURLError, parse_webhook_url, resolve_target
from app.webhooks.types import DeliveryStatus

DISABLED_BY_API = "disabled through the API"


async def check_url(url: str, options: SendOptions) -> None:
    """422 naming /url unless url is http(s) and every address of its host may be called."""
    try:
        target = parse_webhook_url(url)
        async with asyncio.timeout(options.timeout):
            await resolve_target(
                target, allow_private=options.allow_private, resolver=options.resolver
            )
    except TimeoutError:
        _refuse_url(f"could not resolve the host within {options.timeout:g} seconds")
    except UnsafeURLError as error:
        _refuse_url(str(error))


async def create_endpoint(
    session: AsyncSession, body: WebhookEndpointCreate, now: datetime, options: SendOptions
) -> WebhookEndpoint:
    await check_url(body.url, options)
    endpoint = WebhookEndpoint(
        url=body.url,
        description=body.description,
        event_types=_event_types(body.event_types),
        enabled=body.enabled,
        secret=generate_secret(),
        disabled_at=None if body.enabled else now,
        disabled_reason=None if body.enabled else DISABLED_BY_API,
        created_at=now,
        updated_at=now,
    )
    return await WebhookEndpointRepository(session).add(endpoint)


async def list_endpoints(
    session: AsyncSession, page: PageParams
) -> tuple[Sequence[WebhookEndpoint], str | None]:
    return await WebhookEndpointRepository(session).page(page)


async def get_endpoint(
    session: AsyncSession, endpoint_id: uuid.UUID, *, for_update: bool = False
) -> WebhookEndpoint:
    endpoint = await WebhookEndpointRepository(session).by_id(endpoint_id, for_update=for_update)
    if endpoint is None:
        raise WebhookEndpointNotFound(f"No webhook endpoint with id {endpoint_id}.")
    return endpoint


async def update_endpoint(
    session: AsyncSession,
    endpoint_id: uuid.UUID,
    body: WebhookEndpointUpdate,
    now: datetime,
    options: SendOptions,
) -> WebhookEndpoint:
    endpoint = await get_endpoint(session, endpoint_id, for_update=True)
    changes = body.model_fields_set
    for field in ("url", "description", "enabled"):
        if field in changes and getattr(body, field) is None:
            _refuse(f"/{field}", f"{field} cannot be null")
    if body.url is not None and body.url != endpoint.url:
        await check_url(body.url, options)
        endpoint.url = body.url
    if body.description is not None:
        endpoint.description = body.description
    if "event_types" in changes:
        endpoint.event_types = _event_types(body.event_types)
    if body.enabled is not None:
        _set_enabled(endpoint, body.enabled, now)
    endpoint.updated_at = now
    await session.flush()
    return endpoint


async def delete_endpoint(session: AsyncSession, endpoint_id: uuid.UUID) -> None:
    """Deletes its deliveries and their attempt log too."""
    endpoint = await get_endpoint(session, endpoint_id)
    await WebhookEndpointRepository(session).remove(endpoint)


async def rotate_secret(
    session: AsyncSession, endpoint_id: uuid.UUID, now: datetime, overlap: timedelta
) -> WebhookEndpoint:
    """A new secret; the current one keeps signing alongside it for `overlap`, and so does
    every earlier one until its own overlap ends."""
    endpoint = await get_endpoint(session, endpoint_id, for_update=True)
    retired = parse_retired(endpoint.retired_secrets)
    try:
        kept = retire(endpoint.secret, retired, now, overlap)
    except TooManySigningSecretsError as error:
        raise TooManySigningSecrets(str(error)) from error
    endpoint.retired_secrets = [secret.to_json() for secret in kept]
    endpoint.secret = generate_secret()
    endpoint.updated_at = now
    await session.flush()
    return endpoint


async def end_secret_overlap(
    session: AsyncSession, endpoint_id: uuid.UUID, now: datetime
) -> WebhookEndpoint:
    """Rotated-out secrets stop signing at once: only the current secret signs."""
    endpoint = await get_endpoint(session, endpoint_id, for_update=True)
    if endpoint.retired_secrets:
        endpoint.retired_secrets = []
        endpoint.updated_at = now
        await session.flush()
    return endpoint


async def send_test(
    session: AsyncSession, endpoint_id: uuid.UUID, now: datetime, options: SendOptions
) -> TestDeliveryResult:
    """Send a `webhook.test` message at once (also to a disabled endpoint) and log it."""
    endpoint = await get_endpoint(session, endpoint_id)
    delivery = await WebhookDeliveryRepository(session).add(
        WebhookDelivery(
            endpoint_id=endpoint.id,
            event_id=None,
            event_type=WEBHOOK_TEST_TYPE,
            status=DeliveryStatus.PENDING,
            attempts_made=0,
            next_attempt_at=None,  # never claimed by the worker: this request sends it
            created_at=now,
        )
    )
    message = message_for(delivery, None)
    async with PinnedClients(1, keep_alive=False) as clients:
        result = await send_message(
            clients, endpoint.url, active_secrets(endpoint, now), message, now=now, options=options
        )
    await record_test_attempt(session, delivery, result)
    loaded = await WebhookDeliveryRepository(session).with_attempts(delivery.id)
    return TestDeliveryResult(
        delivery_id=delivery.id,
        message_id=message.id,
        success=result.succeeded,
        attempt=DeliveryAttemptOut.model_validate(loaded.attempts[-1]),
    )


async def list_deliveries(
    session: AsyncSession,
    endpoint_id: uuid.UUID,
    page: PageParams,
    filters: DeliveryFilters,
) -> tuple[Sequence[WebhookDelivery], str | None]:
    await get_endpoint(session, endpoint_id)
    return await WebhookDeliveryRepository(session).page(
        endpoint_id,
        page,
        status=filters.status,
        event_type=filters.event_type,
        since=filters.since,
        until=filters.until,
    )


async def redeliver(
    session: AsyncSession, delivery_id: uuid.UUID, now: datetime
) -> WebhookDelivery:
    """Send a delivery again, with a fresh retry schedule; its attempt log is kept."""
    repository = WebhookDeliveryRepository(session)
    delivery = await repository.by_id(delivery_id, for_update=True)
    if delivery is None:
        raise WebhookDeliveryNotFound(f"No webhook delivery with id {delivery_id}.")
    endpoint = await get_endpoint(session, delivery.endpoint_id)
    _require_enabled(endpoint)
    if delivery.locked_until is not None and delivery.locked_until > now:
        raise WebhookDeliveryInFlight(
            "This delivery is being attempted right now; try again shortly."
        )
    for name, value in requeued_values(now).items():
        setattr(delivery, name, value)
    await session.flush()
    await repository.notify_due()
    return await repository.with_attempts(delivery.id)


async def recover(
    session: AsyncSession, endpoint_id: uuid.UUID, since: datetime, now: datetime
) -> int:
    """Send again every failed delivery of the endpoint created since `since`; how many."""
    endpoint = await get_endpoint(session, endpoint_id)
    _require_enabled(endpoint)
    repository = WebhookDeliveryRepository(session)
    requeued = await repository.requeue_failed(endpoint.id, since, now)
    if requeued:
        await repository.notify_due()
    return requeued


def _set_enabled(endpoint: WebhookEndpoint, enabled: bool, now: datetime) -> None:
    if enabled == endpoint.enabled:
        return
    endpoint.enabled = enabled
    endpoint.disabled_at = None if enabled else now
    endpoint.disabled_reason = None if enabled else DISABLED_BY_API
    # Re-enabling starts with a clean slate: old failures must not disable it again at once.
    endpoint.failing_since = None


def _require_enabled(endpoint: WebhookEndpoint) -> None:
    if not endpoint.enabled:
        raise WebhookEndpointDisabled(
            f"Webhook endpoint {endpoint.id} is disabled; enable it (PATCH enabled=true) first."
        )


def _event_types(event_types: Sequence[str] | None) -> list[str] | None:
    return None if event_types is None else sorted({str(event_type) for event_type in event_types})


def _refuse_url(detail: str) -> NoReturn:
    _refuse("/url", detail, WebhookUrlRefused)


def _refuse(
    pointer: str, detail: str, problem: type[UnprocessableError] = RequestInvalid
) -> NoReturn:
    raise problem(
        f"body {pointer}: {detail}",
        errors=[field_error(pointer, detail)],
    )
