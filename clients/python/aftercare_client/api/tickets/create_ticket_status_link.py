from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.status_link_out import StatusLinkOut
from ...types import Response


def _get_kwargs(
    ticket_id: int | UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tickets/{ticket_id}/status-link".format(
            ticket_id=quote(str(ticket_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatusLinkOut | None:
    if response.status_code == 201:
        response_201 = StatusLinkOut.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | StatusLinkOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | StatusLinkOut]:
    """Create Ticket Status Link

     A link for the customer to the ticket's status page (HTML for a browser, JSON for
    `Accept: application/json`), valid `status_link_ttl_days`. The URL is in this answer only;
    a new one replaces the previous link, which stops working. No Idempotency-Key: a replay
    would have to store the link.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatusLinkOut]
    """

    kwargs = _get_kwargs(
        ticket_id=ticket_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | StatusLinkOut | None:
    """Create Ticket Status Link

     A link for the customer to the ticket's status page (HTML for a browser, JSON for
    `Accept: application/json`), valid `status_link_ttl_days`. The URL is in this answer only;
    a new one replaces the previous link, which stops working. No Idempotency-Key: a replay
    would have to store the link.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatusLinkOut
    """

    return sync_detailed(
        ticket_id=ticket_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | StatusLinkOut]:
    """Create Ticket Status Link

     A link for the customer to the ticket's status page (HTML for a browser, JSON for
    `Accept: application/json`), valid `status_link_ttl_days`. The URL is in this answer only;
    a new one replaces the previous link, which stops working. No Idempotency-Key: a replay
    would have to store the link.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatusLinkOut]
    """

    kwargs = _get_kwargs(
        ticket_id=ticket_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | StatusLinkOut | None:
    """Create Ticket Status Link

     A link for the customer to the ticket's status page (HTML for a browser, JSON for
    `Accept: application/json`), valid `status_link_ttl_days`. The URL is in this answer only;
    a new one replaces the previous link, which stops working. No Idempotency-Key: a replay
    would have to store the link.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatusLinkOut
    """

    return (
        await asyncio_detailed(
            ticket_id=ticket_id,
            client=client,
        )
    ).parsed
