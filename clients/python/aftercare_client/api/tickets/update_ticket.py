from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.ticket_out import TicketOut
from ...models.ticket_update import TicketUpdate
from ...types import Response


def _get_kwargs(
    ticket_id: int | UUID,
    *,
    body: TicketUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/tickets/{ticket_id}".format(
            ticket_id=quote(str(ticket_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TicketOut | None:
    if response.status_code == 200:
        response_200 = TicketOut.from_dict(response.json())

        return response_200

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
) -> Response[Problem | TicketOut]:
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
    body: TicketUpdate,
) -> Response[Problem | TicketOut]:
    """Update Ticket

     Change status, priority, assignee, team or tags. Closed is final; solved may reopen.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        body (TicketUpdate): Only the fields sent are changed (at least one); `assignee: null`
            unassigns,
            `team: null` clears the team.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TicketOut]
    """

    kwargs = _get_kwargs(
        ticket_id=ticket_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
    body: TicketUpdate,
) -> Problem | TicketOut | None:
    """Update Ticket

     Change status, priority, assignee, team or tags. Closed is final; solved may reopen.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        body (TicketUpdate): Only the fields sent are changed (at least one); `assignee: null`
            unassigns,
            `team: null` clears the team.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TicketOut
    """

    return sync_detailed(
        ticket_id=ticket_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
    body: TicketUpdate,
) -> Response[Problem | TicketOut]:
    """Update Ticket

     Change status, priority, assignee, team or tags. Closed is final; solved may reopen.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        body (TicketUpdate): Only the fields sent are changed (at least one); `assignee: null`
            unassigns,
            `team: null` clears the team.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TicketOut]
    """

    kwargs = _get_kwargs(
        ticket_id=ticket_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
    body: TicketUpdate,
) -> Problem | TicketOut | None:
    """Update Ticket

     Change status, priority, assignee, team or tags. Closed is final; solved may reopen.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        body (TicketUpdate): Only the fields sent are changed (at least one); `assignee: null`
            unassigns,
            `team: null` clears the team.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TicketOut
    """

    return (
        await asyncio_detailed(
            ticket_id=ticket_id,
            client=client,
            body=body,
        )
    ).parsed
