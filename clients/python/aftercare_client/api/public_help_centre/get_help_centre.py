from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.help_centre import HelpCentre
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    category: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    else:
        json_category = category
    params["category"] = json_category

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/articles",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HelpCentre | Problem | None:
    if response.status_code == 200:
        response_200 = HelpCentre.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[HelpCentre | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[HelpCentre | Problem]:
    """Get Help Centre

     The help centre: published articles in the reader's language (`lang`, else
    Accept-Language, else the default), by category, or those matching `q`. A page for a
    browser, JSON otherwise.

    Args:
        category (None | str | Unset): only this category
        q (None | str | Unset): search: the articles matching every word (typos tolerated), best
            first; blank: the index
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HelpCentre | Problem]
    """

    kwargs = _get_kwargs(
        category=category,
        q=q,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    category: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> HelpCentre | Problem | None:
    """Get Help Centre

     The help centre: published articles in the reader's language (`lang`, else
    Accept-Language, else the default), by category, or those matching `q`. A page for a
    browser, JSON otherwise.

    Args:
        category (None | str | Unset): only this category
        q (None | str | Unset): search: the articles matching every word (typos tolerated), best
            first; blank: the index
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HelpCentre | Problem
    """

    return sync_detailed(
        client=client,
        category=category,
        q=q,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[HelpCentre | Problem]:
    """Get Help Centre

     The help centre: published articles in the reader's language (`lang`, else
    Accept-Language, else the default), by category, or those matching `q`. A page for a
    browser, JSON otherwise.

    Args:
        category (None | str | Unset): only this category
        q (None | str | Unset): search: the articles matching every word (typos tolerated), best
            first; blank: the index
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HelpCentre | Problem]
    """

    kwargs = _get_kwargs(
        category=category,
        q=q,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    category: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> HelpCentre | Problem | None:
    """Get Help Centre

     The help centre: published articles in the reader's language (`lang`, else
    Accept-Language, else the default), by category, or those matching `q`. A page for a
    browser, JSON otherwise.

    Args:
        category (None | str | Unset): only this category
        q (None | str | Unset): search: the articles matching every word (typos tolerated), best
            first; blank: the index
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HelpCentre | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            category=category,
            q=q,
            lang=lang,
        )
    ).parsed
