import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_order_out import PageOrderOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    customer: None | str | Unset = UNSET,
    placed_from: datetime.datetime | None | Unset = UNSET,
    placed_to: datetime.datetime | None | Unset = UNSET,
    delivered: bool | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_customer: None | str | Unset
    if isinstance(customer, Unset):
        json_customer = UNSET
    else:
        json_customer = customer
    params["customer"] = json_customer

    json_placed_from: None | str | Unset
    if isinstance(placed_from, Unset):
        json_placed_from = UNSET
    elif isinstance(placed_from, datetime.datetime):
        json_placed_from = placed_from.isoformat()
    else:
        json_placed_from = placed_from
    params["placed_from"] = json_placed_from

    json_placed_to: None | str | Unset
    if isinstance(placed_to, Unset):
        json_placed_to = UNSET
    elif isinstance(placed_to, datetime.datetime):
        json_placed_to = placed_to.isoformat()
    else:
        json_placed_to = placed_to
    params["placed_to"] = json_placed_to

    json_delivered: bool | None | Unset
    if isinstance(delivered, Unset):
        json_delivered = UNSET
    else:
        json_delivered = delivered
    params["delivered"] = json_delivered

    json_overdue: bool | None | Unset
    if isinstance(overdue, Unset):
        json_overdue = UNSET
    else:
        json_overdue = overdue
    params["overdue"] = json_overdue

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orders",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageOrderOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageOrderOut.from_dict(response.json())

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
) -> Response[PageOrderOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    customer: None | str | Unset = UNSET,
    placed_from: datetime.datetime | None | Unset = UNSET,
    placed_to: datetime.datetime | None | Unset = UNSET,
    delivered: bool | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageOrderOut | Problem]:
    """List Orders

    Args:
        customer (None | str | Unset): customer external_ref
        placed_from (datetime.datetime | None | Unset): placed at or after
        placed_to (datetime.datetime | None | Unset): placed before
        delivered (bool | None | Unset): delivered or not
        overdue (bool | None | Unset): promised delivery passed and not delivered
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageOrderOut | Problem]
    """

    kwargs = _get_kwargs(
        customer=customer,
        placed_from=placed_from,
        placed_to=placed_to,
        delivered=delivered,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    customer: None | str | Unset = UNSET,
    placed_from: datetime.datetime | None | Unset = UNSET,
    placed_to: datetime.datetime | None | Unset = UNSET,
    delivered: bool | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageOrderOut | Problem | None:
    """List Orders

    Args:
        customer (None | str | Unset): customer external_ref
        placed_from (datetime.datetime | None | Unset): placed at or after
        placed_to (datetime.datetime | None | Unset): placed before
        delivered (bool | None | Unset): delivered or not
        overdue (bool | None | Unset): promised delivery passed and not delivered
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageOrderOut | Problem
    """

    return sync_detailed(
        client=client,
        customer=customer,
        placed_from=placed_from,
        placed_to=placed_to,
        delivered=delivered,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    customer: None | str | Unset = UNSET,
    placed_from: datetime.datetime | None | Unset = UNSET,
    placed_to: datetime.datetime | None | Unset = UNSET,
    delivered: bool | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageOrderOut | Problem]:
    """List Orders

    Args:
        customer (None | str | Unset): customer external_ref
        placed_from (datetime.datetime | None | Unset): placed at or after
        placed_to (datetime.datetime | None | Unset): placed before
        delivered (bool | None | Unset): delivered or not
        overdue (bool | None | Unset): promised delivery passed and not delivered
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageOrderOut | Problem]
    """

    kwargs = _get_kwargs(
        customer=customer,
        placed_from=placed_from,
        placed_to=placed_to,
        delivered=delivered,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    customer: None | str | Unset = UNSET,
    placed_from: datetime.datetime | None | Unset = UNSET,
    placed_to: datetime.datetime | None | Unset = UNSET,
    delivered: bool | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageOrderOut | Problem | None:
    """List Orders

    Args:
        customer (None | str | Unset): customer external_ref
        placed_from (datetime.datetime | None | Unset): placed at or after
        placed_to (datetime.datetime | None | Unset): placed before
        delivered (bool | None | Unset): delivered or not
        overdue (bool | None | Unset): promised delivery passed and not delivered
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageOrderOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            customer=customer,
            placed_from=placed_from,
            placed_to=placed_to,
            delivered=delivered,
            overdue=overdue,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
