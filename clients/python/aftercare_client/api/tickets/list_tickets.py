import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel import Channel
from ...models.page_ticket_out import PageTicketOut
from ...models.priority import Priority
from ...models.problem import Problem
from ...models.ticket_status import TicketStatus
from ...models.tier import Tier
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: list[TicketStatus] | Unset = UNSET,
    priority: list[Priority] | Unset = UNSET,
    channel: list[Channel] | Unset = UNSET,
    tier: None | Tier | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    team: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    json_priority: list[str] | Unset = UNSET
    if not isinstance(priority, Unset):
        json_priority = []
        for priority_item_data in priority:
            priority_item = priority_item_data.value
            json_priority.append(priority_item)

    params["priority"] = json_priority

    json_channel: list[str] | Unset = UNSET
    if not isinstance(channel, Unset):
        json_channel = []
        for channel_item_data in channel:
            channel_item = channel_item_data.value
            json_channel.append(channel_item)

    params["channel"] = json_channel

    json_tier: int | None | Unset
    if isinstance(tier, Unset):
        json_tier = UNSET
    elif isinstance(tier, Tier):
        json_tier = tier.value
    else:
        json_tier = tier
    params["tier"] = json_tier

    json_assignee: None | str | Unset
    if isinstance(assignee, Unset):
        json_assignee = UNSET
    else:
        json_assignee = assignee
    params["assignee"] = json_assignee

    json_team: None | str | Unset
    if isinstance(team, Unset):
        json_team = UNSET
    else:
        json_team = team
    params["team"] = json_team

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

    json_tag: list[str] | Unset = UNSET
    if not isinstance(tag, Unset):
        json_tag = tag

    params["tag"] = json_tag

    json_created_from: None | str | Unset
    if isinstance(created_from, Unset):
        json_created_from = UNSET
    elif isinstance(created_from, datetime.datetime):
        json_created_from = created_from.isoformat()
    else:
        json_created_from = created_from
    params["created_from"] = json_created_from

    json_created_to: None | str | Unset
    if isinstance(created_to, Unset):
        json_created_to = UNSET
    elif isinstance(created_to, datetime.datetime):
        json_created_to = created_to.isoformat()
    else:
        json_created_to = created_to
    params["created_to"] = json_created_to

    json_breached: bool | None | Unset
    if isinstance(breached, Unset):
        json_breached = UNSET
    else:
        json_breached = breached
    params["breached"] = json_breached

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
        "url": "/v1/tickets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageTicketOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageTicketOut.from_dict(response.json())

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
) -> Response[PageTicketOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: list[TicketStatus] | Unset = UNSET,
    priority: list[Priority] | Unset = UNSET,
    channel: list[Channel] | Unset = UNSET,
    tier: None | Tier | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    team: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTicketOut | Problem]:
    """List Tickets

     Tickets, newest first. Repeat `status`, `priority`, `channel` to match any of several.

    Args:
        status (list[TicketStatus] | Unset):
        priority (list[Priority] | Unset):
        channel (list[Channel] | Unset):
        tier (None | Tier | Unset): 1 front line, 2 senior
        assignee (None | str | Unset):
        team (None | str | Unset): exactly this team
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        tag (list[str] | Unset): all of these tags
        created_from (datetime.datetime | None | Unset): created at or after
        created_to (datetime.datetime | None | Unset): created before
        breached (bool | None | Unset): has (true) or has no (false) breached SLA target
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTicketOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        priority=priority,
        channel=channel,
        tier=tier,
        assignee=assignee,
        team=team,
        customer=customer,
        order=order,
        tag=tag,
        created_from=created_from,
        created_to=created_to,
        breached=breached,
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
    status: list[TicketStatus] | Unset = UNSET,
    priority: list[Priority] | Unset = UNSET,
    channel: list[Channel] | Unset = UNSET,
    tier: None | Tier | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    team: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTicketOut | Problem | None:
    """List Tickets

     Tickets, newest first. Repeat `status`, `priority`, `channel` to match any of several.

    Args:
        status (list[TicketStatus] | Unset):
        priority (list[Priority] | Unset):
        channel (list[Channel] | Unset):
        tier (None | Tier | Unset): 1 front line, 2 senior
        assignee (None | str | Unset):
        team (None | str | Unset): exactly this team
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        tag (list[str] | Unset): all of these tags
        created_from (datetime.datetime | None | Unset): created at or after
        created_to (datetime.datetime | None | Unset): created before
        breached (bool | None | Unset): has (true) or has no (false) breached SLA target
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTicketOut | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        priority=priority,
        channel=channel,
        tier=tier,
        assignee=assignee,
        team=team,
        customer=customer,
        order=order,
        tag=tag,
        created_from=created_from,
        created_to=created_to,
        breached=breached,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: list[TicketStatus] | Unset = UNSET,
    priority: list[Priority] | Unset = UNSET,
    channel: list[Channel] | Unset = UNSET,
    tier: None | Tier | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    team: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageTicketOut | Problem]:
    """List Tickets

     Tickets, newest first. Repeat `status`, `priority`, `channel` to match any of several.

    Args:
        status (list[TicketStatus] | Unset):
        priority (list[Priority] | Unset):
        channel (list[Channel] | Unset):
        tier (None | Tier | Unset): 1 front line, 2 senior
        assignee (None | str | Unset):
        team (None | str | Unset): exactly this team
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        tag (list[str] | Unset): all of these tags
        created_from (datetime.datetime | None | Unset): created at or after
        created_to (datetime.datetime | None | Unset): created before
        breached (bool | None | Unset): has (true) or has no (false) breached SLA target
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTicketOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        priority=priority,
        channel=channel,
        tier=tier,
        assignee=assignee,
        team=team,
        customer=customer,
        order=order,
        tag=tag,
        created_from=created_from,
        created_to=created_to,
        breached=breached,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: list[TicketStatus] | Unset = UNSET,
    priority: list[Priority] | Unset = UNSET,
    channel: list[Channel] | Unset = UNSET,
    tier: None | Tier | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    team: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageTicketOut | Problem | None:
    """List Tickets

     Tickets, newest first. Repeat `status`, `priority`, `channel` to match any of several.

    Args:
        status (list[TicketStatus] | Unset):
        priority (list[Priority] | Unset):
        channel (list[Channel] | Unset):
        tier (None | Tier | Unset): 1 front line, 2 senior
        assignee (None | str | Unset):
        team (None | str | Unset): exactly this team
        customer (None | str | Unset): customer external_ref
        order (None | str | Unset): order external_ref
        tag (list[str] | Unset): all of these tags
        created_from (datetime.datetime | None | Unset): created at or after
        created_to (datetime.datetime | None | Unset): created before
        breached (bool | None | Unset): has (true) or has no (false) breached SLA target
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTicketOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            priority=priority,
            channel=channel,
            tier=tier,
            assignee=assignee,
            team=team,
            customer=customer,
            order=order,
            tag=tag,
            created_from=created_from,
            created_to=created_to,
            breached=breached,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
