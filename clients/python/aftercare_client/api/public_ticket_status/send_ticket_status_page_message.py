from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.message_out import MessageOut
from ...models.problem import Problem
from ...models.send_ticket_status_page_message_data_public_message_create import (
    SendTicketStatusPageMessageDataPublicMessageCreate,
)
from ...models.send_ticket_status_page_message_json_public_message_create import (
    SendTicketStatusPageMessageJsonPublicMessageCreate,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    body: SendTicketStatusPageMessageJsonPublicMessageCreate
    | SendTicketStatusPageMessageDataPublicMessageCreate
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/public/tickets/{token}/messages".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, SendTicketStatusPageMessageJsonPublicMessageCreate):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, SendTicketStatusPageMessageDataPublicMessageCreate):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | MessageOut | Problem | None:
    if response.status_code == 201:
        response_201 = MessageOut.from_dict(response.json())

        return response_201

    if response.status_code == 303:
        response_303 = cast(Any, None)
        return response_303

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | MessageOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendTicketStatusPageMessageJsonPublicMessageCreate
    | SendTicketStatusPageMessageDataPublicMessageCreate
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | MessageOut | Problem]:
    """Send Ticket Status Page Message

     The customer writes to support: JSON, or the page's form (then a 303 back to the page,
    or the page again with the error and the text kept). The same rules as a customer message
    the shop sends: a solved ticket reopens and a next-response target starts.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (SendTicketStatusPageMessageJsonPublicMessageCreate):
        body (SendTicketStatusPageMessageDataPublicMessageCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MessageOut | Problem]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendTicketStatusPageMessageJsonPublicMessageCreate
    | SendTicketStatusPageMessageDataPublicMessageCreate
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | MessageOut | Problem | None:
    """Send Ticket Status Page Message

     The customer writes to support: JSON, or the page's form (then a 303 back to the page,
    or the page again with the error and the text kept). The same rules as a customer message
    the shop sends: a solved ticket reopens and a next-response target starts.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (SendTicketStatusPageMessageJsonPublicMessageCreate):
        body (SendTicketStatusPageMessageDataPublicMessageCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MessageOut | Problem
    """

    return sync_detailed(
        token=token,
        client=client,
        body=body,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendTicketStatusPageMessageJsonPublicMessageCreate
    | SendTicketStatusPageMessageDataPublicMessageCreate
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | MessageOut | Problem]:
    """Send Ticket Status Page Message

     The customer writes to support: JSON, or the page's form (then a 303 back to the page,
    or the page again with the error and the text kept). The same rules as a customer message
    the shop sends: a solved ticket reopens and a next-response target starts.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (SendTicketStatusPageMessageJsonPublicMessageCreate):
        body (SendTicketStatusPageMessageDataPublicMessageCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | MessageOut | Problem]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: SendTicketStatusPageMessageJsonPublicMessageCreate
    | SendTicketStatusPageMessageDataPublicMessageCreate
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | MessageOut | Problem | None:
    """Send Ticket Status Page Message

     The customer writes to support: JSON, or the page's form (then a 303 back to the page,
    or the page again with the error and the text kept). The same rules as a customer message
    the shop sends: a solved ticket reopens and a next-response target starts.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (SendTicketStatusPageMessageJsonPublicMessageCreate):
        body (SendTicketStatusPageMessageDataPublicMessageCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | MessageOut | Problem
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
            lang=lang,
        )
    ).parsed
