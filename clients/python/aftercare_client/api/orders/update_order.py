from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.order_out import OrderOut
from ...models.order_update import OrderUpdate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    external_ref: str,
    *,
    body: OrderUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/orders/{external_ref}".format(
            external_ref=quote(str(external_ref), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrderOut | Problem | None:
    if response.status_code == 200:
        response_200 = OrderOut.from_dict(response.json())

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
) -> Response[OrderOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    external_ref: str,
    *,
    client: AuthenticatedClient,
    body: OrderUpdate,
) -> Response[OrderOut | Problem]:
    """Update Order

     Report what happened to an order (shipped, delivered, a new promise) without sending
    it whole. Its status may only move forward (409 otherwise), and the order as it then
    stands must make sense: a delivered or returned order has `delivered_at`, no other has.

    Args:
        external_ref (str): the shop's order id
        body (OrderUpdate): Only the fields sent change; the order as it then stands must make
            sense (a delivered
            order has delivered_at, ...) and its status may only move forward (README, Orders).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderOut | Problem]
    """

    kwargs = _get_kwargs(
        external_ref=external_ref,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    external_ref: str,
    *,
    client: AuthenticatedClient,
    body: OrderUpdate,
) -> OrderOut | Problem | None:
    """Update Order

     Report what happened to an order (shipped, delivered, a new promise) without sending
    it whole. Its status may only move forward (409 otherwise), and the order as it then
    stands must make sense: a delivered or returned order has `delivered_at`, no other has.

    Args:
        external_ref (str): the shop's order id
        body (OrderUpdate): Only the fields sent change; the order as it then stands must make
            sense (a delivered
            order has delivered_at, ...) and its status may only move forward (README, Orders).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderOut | Problem
    """

    return sync_detailed(
        external_ref=external_ref,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    external_ref: str,
    *,
    client: AuthenticatedClient,
    body: OrderUpdate,
) -> Response[OrderOut | Problem]:
    """Update Order

     Report what happened to an order (shipped, delivered, a new promise) without sending
    it whole. Its status may only move forward (409 otherwise), and the order as it then
    stands must make sense: a delivered or returned order has `delivered_at`, no other has.

    Args:
        external_ref (str): the shop's order id
        body (OrderUpdate): Only the fields sent change; the order as it then stands must make
            sense (a delivered
            order has delivered_at, ...) and its status may only move forward (README, Orders).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderOut | Problem]
    """

    kwargs = _get_kwargs(
        external_ref=external_ref,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    external_ref: str,
    *,
    client: AuthenticatedClient,
    body: OrderUpdate,
) -> OrderOut | Problem | None:
    """Update Order

     Report what happened to an order (shipped, delivered, a new promise) without sending
    it whole. Its status may only move forward (409 otherwise), and the order as it then
    stands must make sense: a delivered or returned order has `delivered_at`, no other has.

    Args:
        external_ref (str): the shop's order id
        body (OrderUpdate): Only the fields sent change; the order as it then stands must make
            sense (a delivered
            order has delivered_at, ...) and its status may only move forward (README, Orders).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderOut | Problem
    """

    return (
        await asyncio_detailed(
            external_ref=external_ref,
            client=client,
            body=body,
        )
    ).parsed
