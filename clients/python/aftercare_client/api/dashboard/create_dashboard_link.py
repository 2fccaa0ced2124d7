from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dashboard_link_create import DashboardLinkCreate
from ...models.dashboard_link_created import DashboardLinkCreated
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DashboardLinkCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/dashboard-links",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DashboardLinkCreated | Problem | None:
    if response.status_code == 201:
        response_201 = DashboardLinkCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DashboardLinkCreated | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DashboardLinkCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[DashboardLinkCreated | Problem]:
    """Create Dashboard Link

     A link that opens `/dashboard` read-only in a browser, without a key (for a wall
    screen or a colleague), until it expires or is revoked, and while the key that made it
    is active with metrics:read. The URL is in this answer only (and in the stored answer of
    its Idempotency-Key, for 24 h, like a survey invitation's link); only its hash is kept.

    Args:
        idempotency_key (None | str | Unset): a unique key per logical request (1-255 visible
            ASCII characters); a repeat replays the stored answer for 24 h; the key sent again with a
            different request is a 422 (idempotency-key-reused)
        body (DashboardLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DashboardLinkCreated | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: DashboardLinkCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> DashboardLinkCreated | Problem | None:
    """Create Dashboard Link

     A link that opens `/dashboard` read-only in a browser, without a key (for a wall
    screen or a colleague), until it expires or is revoked, and while the key that made it
    is active with metrics:read. The URL is in this answer only (and in the stored answer of
    its Idempotency-Key, for 24 h, like a survey invitation's link); only its hash is kept.

    Args:
        idempotency_key (None | str | Unset): a unique key per logical request (1-255 visible
            ASCII characters); a repeat replays the stored answer for 24 h; the key sent again with a
            different request is a 422 (idempotency-key-reused)
        body (DashboardLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DashboardLinkCreated | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DashboardLinkCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[DashboardLinkCreated | Problem]:
    """Create Dashboard Link

     A link that opens `/dashboard` read-only in a browser, without a key (for a wall
    screen or a colleague), until it expires or is revoked, and while the key that made it
    is active with metrics:read. The URL is in this answer only (and in the stored answer of
    its Idempotency-Key, for 24 h, like a survey invitation's link); only its hash is kept.

    Args:
        idempotency_key (None | str | Unset): a unique key per logical request (1-255 visible
            ASCII characters); a repeat replays the stored answer for 24 h; the key sent again with a
            different request is a 422 (idempotency-key-reused)
        body (DashboardLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DashboardLinkCreated | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DashboardLinkCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> DashboardLinkCreated | Problem | None:
    """Create Dashboard Link

     A link that opens `/dashboard` read-only in a browser, without a key (for a wall
    screen or a colleague), until it expires or is revoked, and while the key that made it
    is active with metrics:read. The URL is in this answer only (and in the stored answer of
    its Idempotency-Key, for 24 h, like a survey invitation's link); only its hash is kept.

    Args:
        idempotency_key (None | str | Unset): a unique key per logical request (1-255 visible
            ASCII characters); a repeat replays the stored answer for 24 h; the key sent again with a
            different request is a 422 (idempotency-key-reused)
        body (DashboardLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DashboardLinkCreated | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
