import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.order_notices import OrderNotices
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    external_ref: str,
    *,
    products: list[str] | Unset = UNSET,
    at: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_products: list[str] | Unset = UNSET
    if not isinstance(products, Unset):
        json_products = products

    params["products"] = json_products

    json_at: None | str | Unset
    if isinstance(at, Unset):
        json_at = UNSET
    elif isinstance(at, datetime.datetime):
        json_at = at.isoformat()
    else:
        json_at = at
    params["at"] = json_at

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orders/{external_ref}/notices".format(
            external_ref=quote(str(external_ref), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrderNotices | Problem | None:
    if response.status_code == 200:
        response_200 = OrderNotices.from_dict(response.json())

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
) -> Response[OrderNotices | Problem]:
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
    products: list[str] | Unset = UNSET,
    at: datetime.datetime | None | Unset = UNSET,
) -> Response[OrderNotices | Problem]:
    """List Order Notices

     Knowledge-base articles marked as update notices that apply to this order now: its
    external_ref is among the notice's orders, or one of `products` among its products. One
    per translation group, in the order's customer's language when published in it (else the
    default locale's). For the shop's order page and mailer (which follow article.published
    and article.updated); the customer's ticket status page shows them too.

    Args:
        external_ref (str): the shop's order id
        products (list[str] | Unset): the shop's product references in the order (orders carry
            none): notices about any of them apply too
        at (datetime.datetime | None | Unset): in effect at this instant; default now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderNotices | Problem]
    """

    kwargs = _get_kwargs(
        external_ref=external_ref,
        products=products,
        at=at,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    external_ref: str,
    *,
    client: AuthenticatedClient,
    products: list[str] | Unset = UNSET,
    at: datetime.datetime | None | Unset = UNSET,
) -> OrderNotices | Problem | None:
    """List Order Notices

     Knowledge-base articles marked as update notices that apply to this order now: its
    external_ref is among the notice's orders, or one of `products` among its products. One
    per translation group, in the order's customer's language when published in it (else the
    default locale's). For the shop's order page and mailer (which follow article.published
    and article.updated); the customer's ticket status page shows them too.

    Args:
        external_ref (str): the shop's order id
        products (list[str] | Unset): the shop's product references in the order (orders carry
            none): notices about any of them apply too
        at (datetime.datetime | None | Unset): in effect at this instant; default now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderNotices | Problem
    """

    return sync_detailed(
        external_ref=external_ref,
        client=client,
        products=products,
        at=at,
    ).parsed


async def asyncio_detailed(
    external_ref: str,
    *,
    client: AuthenticatedClient,
    products: list[str] | Unset = UNSET,
    at: datetime.datetime | None | Unset = UNSET,
) -> Response[OrderNotices | Problem]:
    """List Order Notices

     Knowledge-base articles marked as update notices that apply to this order now: its
    external_ref is among the notice's orders, or one of `products` among its products. One
    per translation group, in the order's customer's language when published in it (else the
    default locale's). For the shop's order page and mailer (which follow article.published
    and article.updated); the customer's ticket status page shows them too.

    Args:
        external_ref (str): the shop's order id
        products (list[str] | Unset): the shop's product references in the order (orders carry
            none): notices about any of them apply too
        at (datetime.datetime | None | Unset): in effect at this instant; default now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderNotices | Problem]
    """

    kwargs = _get_kwargs(
        external_ref=external_ref,
        products=products,
        at=at,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    external_ref: str,
    *,
    client: AuthenticatedClient,
    products: list[str] | Unset = UNSET,
    at: datetime.datetime | None | Unset = UNSET,
) -> OrderNotices | Problem | None:
    """List Order Notices

     Knowledge-base articles marked as update notices that apply to this order now: its
    external_ref is among the notice's orders, or one of `products` among its products. One
    per translation group, in the order's customer's language when published in it (else the
    default locale's). For the shop's order page and mailer (which follow article.published
    and article.updated); the customer's ticket status page shows them too.

    Args:
        external_ref (str): the shop's order id
        products (list[str] | Unset): the shop's product references in the order (orders carry
            none): notices about any of them apply too
        at (datetime.datetime | None | Unset): in effect at this instant; default now

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderNotices | Problem
    """

    return (
        await asyncio_detailed(
            external_ref=external_ref,
            client=client,
            products=products,
            at=at,
        )
    ).parsed
