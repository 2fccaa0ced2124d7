import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.expectation_area import ExpectationArea
from ...models.feedback_source import FeedbackSource
from ...models.feedback_status import FeedbackStatus
from ...models.page_feedback_out import PageFeedbackOut
from ...models.problem import Problem
from ...models.sentiment import Sentiment
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    source: FeedbackSource | None | Unset = UNSET,
    status: FeedbackStatus | None | Unset = UNSET,
    area: ExpectationArea | None | Unset = UNSET,
    sentiment: None | Sentiment | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_source: None | str | Unset
    if isinstance(source, Unset):
        json_source = UNSET
    elif isinstance(source, FeedbackSource):
        json_source = source.value
    else:
        json_source = source
    params["source"] = json_source

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, FeedbackStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_area: None | str | Unset
    if isinstance(area, Unset):
        json_area = UNSET
    elif isinstance(area, ExpectationArea):
        json_area = area.value
    else:
        json_area = area
    params["area"] = json_area

    json_sentiment: None | str | Unset
    if isinstance(sentiment, Unset):
        json_sentiment = UNSET
    elif isinstance(sentiment, Sentiment):
        json_sentiment = sentiment.value
    else:
        json_sentiment = sentiment
    params["sentiment"] = json_sentiment

    json_customer: None | str | Unset
    if isinstance(customer, Unset):
        json_customer = UNSET
    else:
        json_customer = customer
    params["customer"] = json_customer

    json_order: None | str | Unset
    if isinstance(order, Unset):
        json_order = UNSET
    else:
        json_order = order
    params["order"] = json_order

    json_ticket: None | str | Unset
    if isinstance(ticket, Unset):
        json_ticket = UNSET
    elif isinstance(ticket, UUID):
        json_ticket = str(ticket)
    else:
        json_ticket = ticket
    params["ticket"] = json_ticket

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/v1/feedback",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageFeedbackOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageFeedbackOut.from_dict(response.json())

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
) -> Response[PageFeedbackOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    source: FeedbackSource | None | Unset = UNSET,
    status: FeedbackStatus | None | Unset = UNSET,
    area: ExpectationArea | None | Unset = UNSET,
    sentiment: None | Sentiment | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageFeedbackOut | Problem]:
    """List Feedback

    Args:
        source (FeedbackSource | None | Unset):
        status (FeedbackStatus | None | Unset):
        area (ExpectationArea | None | Unset):
        sentiment (None | Sentiment | Unset):
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        ticket (None | Unset | UUID): ticket id
        from_ (datetime.datetime | None | Unset): created at or after
        to (datetime.datetime | None | Unset): created before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFeedbackOut | Problem]
    """

    kwargs = _get_kwargs(
        source=source,
        status=status,
        area=area,
        sentiment=sentiment,
        customer=customer,
        order=order,
        ticket=ticket,
        from_=from_,
        to=to,
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
    source: FeedbackSource | None | Unset = UNSET,
    status: FeedbackStatus | None | Unset = UNSET,
    area: ExpectationArea | None | Unset = UNSET,
    sentiment: None | Sentiment | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageFeedbackOut | Problem | None:
    """List Feedback

    Args:
        source (FeedbackSource | None | Unset):
        status (FeedbackStatus | None | Unset):
        area (ExpectationArea | None | Unset):
        sentiment (None | Sentiment | Unset):
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        ticket (None | Unset | UUID): ticket id
        from_ (datetime.datetime | None | Unset): created at or after
        to (datetime.datetime | None | Unset): created before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFeedbackOut | Problem
    """

    return sync_detailed(
        client=client,
        source=source,
        status=status,
        area=area,
        sentiment=sentiment,
        customer=customer,
        order=order,
        ticket=ticket,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    source: FeedbackSource | None | Unset = UNSET,
    status: FeedbackStatus | None | Unset = UNSET,
    area: ExpectationArea | None | Unset = UNSET,
    sentiment: None | Sentiment | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageFeedbackOut | Problem]:
    """List Feedback

    Args:
        source (FeedbackSource | None | Unset):
        status (FeedbackStatus | None | Unset):
        area (ExpectationArea | None | Unset):
        sentiment (None | Sentiment | Unset):
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        ticket (None | Unset | UUID): ticket id
        from_ (datetime.datetime | None | Unset): created at or after
        to (datetime.datetime | None | Unset): created before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFeedbackOut | Problem]
    """

    kwargs = _get_kwargs(
        source=source,
        status=status,
        area=area,
        sentiment=sentiment,
        customer=customer,
        order=order,
        ticket=ticket,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    source: FeedbackSource | None | Unset = UNSET,
    status: FeedbackStatus | None | Unset = UNSET,
    area: ExpectationArea | None | Unset = UNSET,
    sentiment: None | Sentiment | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageFeedbackOut | Problem | None:
    """List Feedback

    Args:
        source (FeedbackSource | None | Unset):
        status (FeedbackStatus | None | Unset):
        area (ExpectationArea | None | Unset):
        sentiment (None | Sentiment | Unset):
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        ticket (None | Unset | UUID): ticket id
        from_ (datetime.datetime | None | Unset): created at or after
        to (datetime.datetime | None | Unset): created before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFeedbackOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            source=source,
            status=status,
            area=area,
            sentiment=sentiment,
            customer=customer,
            order=order,
            ticket=ticket,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
