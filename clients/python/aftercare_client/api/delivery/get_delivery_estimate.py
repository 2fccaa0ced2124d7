import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_estimate import DeliveryEstimate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    carrier: None | str | Unset = UNSET,
    service_level: None | str | Unset = UNSET,
    destination: None | str | Unset = UNSET,
    destination_region: None | str | Unset = UNSET,
    ship_at: datetime.datetime | None | Unset = UNSET,
    confidence: float | Unset = 0.9,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_carrier: None | str | Unset
    if isinstance(carrier, Unset):
        json_carrier = UNSET
    else:
        json_carrier = carrier
    params["carrier"] = json_carrier

    json_service_level: None | str | Unset
    if isinstance(service_level, Unset):
        json_service_level = UNSET
    else:
        json_service_level = service_level
    params["service_level"] = json_service_level

    json_destination: None | str | Unset
    if isinstance(destination, Unset):
        json_destination = UNSET
    else:
        json_destination = destination
    params["destination"] = json_destination

    json_destination_region: None | str | Unset
    if isinstance(destination_region, Unset):
        json_destination_region = UNSET
    else:
        json_destination_region = destination_region
    params["destination_region"] = json_destination_region

    json_ship_at: None | str | Unset
    if isinstance(ship_at, Unset):
        json_ship_at = UNSET
    elif isinstance(ship_at, datetime.datetime):
        json_ship_at = ship_at.isoformat()
    else:
        json_ship_at = ship_at
    params["ship_at"] = json_ship_at

    params["confidence"] = confidence

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/delivery-estimates",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryEstimate | Problem | None:
    if response.status_code == 200:
        response_200 = DeliveryEstimate.from_dict(response.json())

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
) -> Response[DeliveryEstimate | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    carrier: None | str | Unset = UNSET,
    service_level: None | str | Unset = UNSET,
    destination: None | str | Unset = UNSET,
    destination_region: None | str | Unset = UNSET,
    ship_at: datetime.datetime | None | Unset = UNSET,
    confidence: float | Unset = 0.9,
) -> Response[DeliveryEstimate | Problem]:
    """Get Delivery Estimate

     The delivery promise that `confidence` of comparable past deliveries would have kept,
    from their transit times; falls back from carrier+service_level+destination+region to
    carrier+service_level+destination, carrier+service_level, carrier, then all deliveries
    while a sample is smaller than the minimum, and says which answered. With no history at
    all, no figure.

    Args:
        carrier (None | str | Unset):
        service_level (None | str | Unset):
        destination (None | str | Unset): ISO 3166-1 alpha-2 country code
        destination_region (None | str | Unset): region or postcode prefix within the destination,
            as orders carry it
        ship_at (datetime.datetime | None | Unset): when it ships; now if left out
        confidence (float | Unset): the share of comparable deliveries to keep Default: 0.9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryEstimate | Problem]
    """

    kwargs = _get_kwargs(
        carrier=carrier,
        service_level=service_level,
        destination=destination,
        destination_region=destination_region,
        ship_at=ship_at,
        confidence=confidence,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    carrier: None | str | Unset = UNSET,
    service_level: None | str | Unset = UNSET,
    destination: None | str | Unset = UNSET,
    destination_region: None | str | Unset = UNSET,
    ship_at: datetime.datetime | None | Unset = UNSET,
    confidence: float | Unset = 0.9,
) -> DeliveryEstimate | Problem | None:
    """Get Delivery Estimate

     The delivery promise that `confidence` of comparable past deliveries would have kept,
    from their transit times; falls back from carrier+service_level+destination+region to
    carrier+service_level+destination, carrier+service_level, carrier, then all deliveries
    while a sample is smaller than the minimum, and says which answered. With no history at
    all, no figure.

    Args:
        carrier (None | str | Unset):
        service_level (None | str | Unset):
        destination (None | str | Unset): ISO 3166-1 alpha-2 country code
        destination_region (None | str | Unset): region or postcode prefix within the destination,
            as orders carry it
        ship_at (datetime.datetime | None | Unset): when it ships; now if left out
        confidence (float | Unset): the share of comparable deliveries to keep Default: 0.9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryEstimate | Problem
    """

    return sync_detailed(
        client=client,
        carrier=carrier,
        service_level=service_level,
        destination=destination,
        destination_region=destination_region,
        ship_at=ship_at,
        confidence=confidence,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    carrier: None | str | Unset = UNSET,
    service_level: None | str | Unset = UNSET,
    destination: None | str | Unset = UNSET,
    destination_region: None | str | Unset = UNSET,
    ship_at: datetime.datetime | None | Unset = UNSET,
    confidence: float | Unset = 0.9,
) -> Response[DeliveryEstimate | Problem]:
    """Get Delivery Estimate

     The delivery promise that `confidence` of comparable past deliveries would have kept,
    from their transit times; falls back from carrier+service_level+destination+region to
    carrier+service_level+destination, carrier+service_level, carrier, then all deliveries
    while a sample is smaller than the minimum, and says which answered. With no history at
    all, no figure.

    Args:
        carrier (None | str | Unset):
        service_level (None | str | Unset):
        destination (None | str | Unset): ISO 3166-1 alpha-2 country code
        destination_region (None | str | Unset): region or postcode prefix within the destination,
            as orders carry it
        ship_at (datetime.datetime | None | Unset): when it ships; now if left out
        confidence (float | Unset): the share of comparable deliveries to keep Default: 0.9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryEstimate | Problem]
    """

    kwargs = _get_kwargs(
        carrier=carrier,
        service_level=service_level,
        destination=destination,
        destination_region=destination_region,
        ship_at=ship_at,
        confidence=confidence,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    carrier: None | str | Unset = UNSET,
    service_level: None | str | Unset = UNSET,
    destination: None | str | Unset = UNSET,
    destination_region: None | str | Unset = UNSET,
    ship_at: datetime.datetime | None | Unset = UNSET,
    confidence: float | Unset = 0.9,
) -> DeliveryEstimate | Problem | None:
    """Get Delivery Estimate

     The delivery promise that `confidence` of comparable past deliveries would have kept,
    from their transit times; falls back from carrier+service_level+destination+region to
    carrier+service_level+destination, carrier+service_level, carrier, then all deliveries
    while a sample is smaller than the minimum, and says which answered. With no history at
    all, no figure.

    Args:
        carrier (None | str | Unset):
        service_level (None | str | Unset):
        destination (None | str | Unset): ISO 3166-1 alpha-2 country code
        destination_region (None | str | Unset): region or postcode prefix within the destination,
            as orders carry it
        ship_at (datetime.datetime | None | Unset): when it ships; now if left out
        confidence (float | Unset): the share of comparable deliveries to keep Default: 0.9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryEstimate | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            carrier=carrier,
            service_level=service_level,
            destination=destination,
            destination_region=destination_region,
            ship_at=ship_at,
            confidence=confidence,
        )
    ).parsed
