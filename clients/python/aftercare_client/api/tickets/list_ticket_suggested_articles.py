from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.suggested_articles import SuggestedArticles
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ticket_id: int | UUID,
    *,
    limit: int | Unset = 5,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tickets/{ticket_id}/suggested-articles".format(
            ticket_id=quote(str(ticket_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SuggestedArticles | None:
    if response.status_code == 200:
        response_200 = SuggestedArticles.from_dict(response.json())

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
) -> Response[Problem | SuggestedArticles]:
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
    limit: int | Unset = 5,
) -> Response[Problem | SuggestedArticles]:
    """List Ticket Suggested Articles

     Published knowledge-base articles that may answer the ticket, best first: ranked as
    `GET /v1/articles/search` ranks (title over summary over body, typos tolerated) against
    the subject and the customer's first messages, any word matching, in the customer's
    language, else (nothing there) the default locale's. `tickets:read` is enough: the
    articles are published ones, readable by anyone; the ticket's text is what is guarded.
    Cite one with `article_ids` on the reply.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        limit (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuggestedArticles]
    """

    kwargs = _get_kwargs(
        ticket_id=ticket_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 5,
) -> Problem | SuggestedArticles | None:
    """List Ticket Suggested Articles

     Published knowledge-base articles that may answer the ticket, best first: ranked as
    `GET /v1/articles/search` ranks (title over summary over body, typos tolerated) against
    the subject and the customer's first messages, any word matching, in the customer's
    language, else (nothing there) the default locale's. `tickets:read` is enough: the
    articles are published ones, readable by anyone; the ticket's text is what is guarded.
    Cite one with `article_ids` on the reply.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        limit (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuggestedArticles
    """

    return sync_detailed(
        ticket_id=ticket_id,
        client=client,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 5,
) -> Response[Problem | SuggestedArticles]:
    """List Ticket Suggested Articles

     Published knowledge-base articles that may answer the ticket, best first: ranked as
    `GET /v1/articles/search` ranks (title over summary over body, typos tolerated) against
    the subject and the customer's first messages, any word matching, in the customer's
    language, else (nothing there) the default locale's. `tickets:read` is enough: the
    articles are published ones, readable by anyone; the ticket's text is what is guarded.
    Cite one with `article_ids` on the reply.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        limit (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuggestedArticles]
    """

    kwargs = _get_kwargs(
        ticket_id=ticket_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ticket_id: int | UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 5,
) -> Problem | SuggestedArticles | None:
    """List Ticket Suggested Articles

     Published knowledge-base articles that may answer the ticket, best first: ranked as
    `GET /v1/articles/search` ranks (title over summary over body, typos tolerated) against
    the subject and the customer's first messages, any word matching, in the customer's
    language, else (nothing there) the default locale's. `tickets:read` is enough: the
    articles are published ones, readable by anyone; the ticket's text is what is guarded.
    Cite one with `article_ids` on the reply.

    Args:
        ticket_id (int | UUID): the ticket's id (UUID) or its number
        limit (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuggestedArticles
    """

    return (
        await asyncio_detailed(
            ticket_id=ticket_id,
            client=client,
            limit=limit,
        )
    ).parsed
