import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_invitation_out import PageInvitationOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    template: None | str | Unset = UNSET,
    customer_external_ref: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_template: None | str | Unset
    if isinstance(template, Unset):
        json_template = UNSET
    else:
        json_template = template
    params["template"] = json_template

    json_customer_external_ref: None | str | Unset
    if isinstance(customer_external_ref, Unset):
        json_customer_external_ref = UNSET
    else:
        json_customer_external_ref = customer_external_ref
    params["customer_external_ref"] = json_customer_external_ref

    json_order: None | str | Unset
    if isinstance(order, Unset):
        json_order = UNSET
    else:
        json_order = order
    params["order"] = json_order

    json_ticket_id: None | str | Unset
    if isinstance(ticket_id, Unset):
        json_ticket_id = UNSET
    elif isinstance(ticket_id, UUID):
        json_ticket_id = str(ticket_id)
    else:
        json_ticket_id = ticket_id
    params["ticket_id"] = json_ticket_id

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
        "url": "/v1/survey-invitations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageInvitationOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageInvitationOut.from_dict(response.json())

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
) -> Response[PageInvitationOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    template: None | str | Unset = UNSET,
    customer_external_ref: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageInvitationOut | Problem]:
    """List Survey Invitations

    Args:
        template (None | str | Unset): template slug
        customer_external_ref (None | str | Unset):
        order (None | str | Unset): order external_ref
        ticket_id (None | Unset | UUID):
        from_ (datetime.datetime | None | Unset): at or after
        to (datetime.datetime | None | Unset): before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageInvitationOut | Problem]
    """

    kwargs = _get_kwargs(
        template=template,
        customer_external_ref=customer_external_ref,
        order=order,
        ticket_id=ticket_id,
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
    template: None | str | Unset = UNSET,
    customer_external_ref: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageInvitationOut | Problem | None:
    """List Survey Invitations

    Args:
        template (None | str | Unset): template slug
        customer_external_ref (None | str | Unset):
        order (None | str | Unset): order external_ref
        ticket_id (None | Unset | UUID):
        from_ (datetime.datetime | None | Unset): at or after
        to (datetime.datetime | None | Unset): before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageInvitationOut | Problem
    """

    return sync_detailed(
        client=client,
        template=template,
        customer_external_ref=customer_external_ref,
        order=order,
        ticket_id=ticket_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    template: None | str | Unset = UNSET,
    customer_external_ref: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageInvitationOut | Problem]:
    """List Survey Invitations

    Args:
        template (None | str | Unset): template slug
        customer_external_ref (None | str | Unset):
        order (None | str | Unset): order external_ref
        ticket_id (None | Unset | UUID):
        from_ (datetime.datetime | None | Unset): at or after
        to (datetime.datetime | None | Unset): before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageInvitationOut | Problem]
    """

    kwargs = _get_kwargs(
        template=template,
        customer_external_ref=customer_external_ref,
        order=order,
        ticket_id=ticket_id,
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
    template: None | str | Unset = UNSET,
    customer_external_ref: None | str | Unset = UNSET,
    order: None | str | Unset = UNSET,
    ticket_id: None | Unset | UUID = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageInvitationOut | Problem | None:
    """List Survey Invitations

    Args:
        template (None | str | Unset): template slug
        customer_external_ref (None | str | Unset):
        order (None | str | Unset): order external_ref
        ticket_id (None | Unset | UUID):
        from_ (datetime.datetime | None | Unset): at or after
        to (datetime.datetime | None | Unset): before
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageInvitationOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            template=template,
            customer_external_ref=customer_external_ref,
            order=order,
            ticket_id=ticket_id,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
