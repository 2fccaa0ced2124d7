from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.response_receipt import ResponseReceipt
from ...models.response_submit import ResponseSubmit
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    body: ResponseSubmit,
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
        "method": "post",
        "url": "/v1/public/surveys/{token}/responses".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ResponseReceipt | None:
    if response.status_code == 201:
        response_201 = ResponseReceipt.from_dict(response.json())

        return response_201

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
) -> Response[Problem | ResponseReceipt]:
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
    body: ResponseSubmit,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | ResponseReceipt]:
    """Answer Public Survey

     Answer the survey, once. Every answer is checked against its question: a wrong type,
    an out-of-range value, a missing required answer, an unknown question or an over-long
    text is a 422 whose `errors` point at `/answers/<question key>`. Option labels match
    whatever their case, in the survey's language (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language wanted (BCP 47), before Accept-Language; one the
            survey does not speak is passed over
        accept_language (None | str | Unset):
        body (ResponseSubmit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResponseReceipt]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
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
    body: ResponseSubmit,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | ResponseReceipt | None:
    """Answer Public Survey

     Answer the survey, once. Every answer is checked against its question: a wrong type,
    an out-of-range value, a missing required answer, an unknown question or an over-long
    text is a 422 whose `errors` point at `/answers/<question key>`. Option labels match
    whatever their case, in the survey's language (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language wanted (BCP 47), before Accept-Language; one the
            survey does not speak is passed over
        accept_language (None | str | Unset):
        body (ResponseSubmit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResponseReceipt
    """

    return sync_detailed(
        token=token,
        client=client,
        body=body,
        lang=lang,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResponseSubmit,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | ResponseReceipt]:
    """Answer Public Survey

     Answer the survey, once. Every answer is checked against its question: a wrong type,
    an out-of-range value, a missing required answer, an unknown question or an over-long
    text is a 422 whose `errors` point at `/answers/<question key>`. Option labels match
    whatever their case, in the survey's language (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language wanted (BCP 47), before Accept-Language; one the
            survey does not speak is passed over
        accept_language (None | str | Unset):
        body (ResponseSubmit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResponseReceipt]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        lang=lang,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResponseSubmit,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | ResponseReceipt | None:
    """Answer Public Survey

     Answer the survey, once. Every answer is checked against its question: a wrong type,
    an out-of-range value, a missing required answer, an unknown question or an over-long
    text is a 422 whose `errors` point at `/answers/<question key>`. Option labels match
    whatever their case, in the survey's language (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language wanted (BCP 47), before Accept-Language; one the
            survey does not speak is passed over
        accept_language (None | str | Unset):
        body (ResponseSubmit):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResponseReceipt
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
            lang=lang,
            accept_language=accept_language,
        )
    ).parsed
