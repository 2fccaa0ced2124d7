from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.public_survey import PublicSurvey
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["accept-language"] = accept_language

    params: dict[str, Any] = {}

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/surveys/{token}".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublicSurvey | None:
    if response.status_code == 200:
        response_200 = PublicSurvey.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | PublicSurvey]:
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
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | PublicSurvey]:
    """Get Public Survey

     The survey this link invites to answer: an HTML form for a browser, this JSON otherwise.
    In the language asked for (`lang`), else the customer's, else Accept-Language, else the
    default, when the survey speaks it; else in the template's own.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicSurvey]
    """

    kwargs = _get_kwargs(
        token=token,
        lang=lang,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | PublicSurvey | None:
    """Get Public Survey

     The survey this link invites to answer: an HTML form for a browser, this JSON otherwise.
    In the language asked for (`lang`), else the customer's, else Accept-Language, else the
    default, when the survey speaks it; else in the template's own.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicSurvey
    """

    return sync_detailed(
        token=token,
        client=client,
        lang=lang,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | PublicSurvey]:
    """Get Public Survey

     The survey this link invites to answer: an HTML form for a browser, this JSON otherwise.
    In the language asked for (`lang`), else the customer's, else Accept-Language, else the
    default, when the survey speaks it; else in the template's own.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicSurvey]
    """

    kwargs = _get_kwargs(
        token=token,
        lang=lang,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | PublicSurvey | None:
    """Get Public Survey

     The survey this link invites to answer: an HTML form for a browser, this JSON otherwise.
    In the language asked for (`lang`), else the customer's, else Accept-Language, else the
    default, when the survey speaks it; else in the template's own.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicSurvey
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            lang=lang,
            accept_language=accept_language,
        )
    ).parsed
