from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.ticket_status_view import TicketStatusView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    sent: bool | Unset = False,
    lang: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["sent"] = sent

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/tickets/{token}".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TicketStatusView | None:
    if response.status_code == 200:
        response_200 = TicketStatusView.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Problem | TicketStatusView]:
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
    sent: bool | Unset = False,
    lang: None | str | Unset = UNSET,
) -> Response[Problem | TicketStatusView]:
    """Get Ticket Status Page

     The customer's page of a ticket: its status in plain words, what was promised and
    whether it is on track, the public conversation, and a form to write. HTML for a browser
    (`Accept: text/html`), this JSON otherwise; texts in the customer's language (`lang`, the
    customer's locale, Accept-Language, the default) and times in their time zone.

    Args:
        token (str):
        sent (bool | Unset): show that a message was just sent Default: False.
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TicketStatusView]
    """

    kwargs = _get_kwargs(
        token=token,
        sent=sent,
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
    sent: bool | Unset = False,
    lang: None | str | Unset = UNSET,
) -> Problem | TicketStatusView | None:
    """Get Ticket Status Page

     The customer's page of a ticket: its status in plain words, what was promised and
    whether it is on track, the public conversation, and a form to write. HTML for a browser
    (`Accept: text/html`), this JSON otherwise; texts in the customer's language (`lang`, the
    customer's locale, Accept-Language, the default) and times in their time zone.

    Args:
        token (str):
        sent (bool | Unset): show that a message was just sent Default: False.
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TicketStatusView
    """

    return sync_detailed(
        token=token,
        client=client,
        sent=sent,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    sent: bool | Unset = False,
    lang: None | str | Unset = UNSET,
) -> Response[Problem | TicketStatusView]:
    """Get Ticket Status Page

     The customer's page of a ticket: its status in plain words, what was promised and
    whether it is on track, the public conversation, and a form to write. HTML for a browser
    (`Accept: text/html`), this JSON otherwise; texts in the customer's language (`lang`, the
    customer's locale, Accept-Language, the default) and times in their time zone.

    Args:
        token (str):
        sent (bool | Unset): show that a message was just sent Default: False.
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TicketStatusView]
    """

    kwargs = _get_kwargs(
        token=token,
        sent=sent,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    sent: bool | Unset = False,
    lang: None | str | Unset = UNSET,
) -> Problem | TicketStatusView | None:
    """Get Ticket Status Page

     The customer's page of a ticket: its status in plain words, what was promised and
    whether it is on track, the public conversation, and a form to write. HTML for a browser
    (`Accept: text/html`), this JSON otherwise; texts in the customer's language (`lang`, the
    customer's locale, Accept-Language, the default) and times in their time zone.

    Args:
        token (str):
        sent (bool | Unset): show that a message was just sent Default: False.
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TicketStatusView
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            sent=sent,
            lang=lang,
        )
    ).parsed
