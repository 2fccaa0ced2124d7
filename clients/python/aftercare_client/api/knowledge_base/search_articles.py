from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article_search_results import ArticleSearchResults
from ...models.article_status import ArticleStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str,
    locale: str,
    status: ArticleStatus | Unset = UNSET,
    limit: int | Unset = 10,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["locale"] = locale

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/articles/search",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArticleSearchResults | Problem | None:
    if response.status_code == 200:
        response_200 = ArticleSearchResults.from_dict(response.json())

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
) -> Response[ArticleSearchResults | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    locale: str,
    status: ArticleStatus | Unset = UNSET,
    limit: int | Unset = 10,
) -> Response[ArticleSearchResults | Problem]:
    """Search Articles

     Full-text search in the locale's language (stemmed, stop words ignored), every word
    required, best first by ts_rank_cd (title over summary over body), with highlighted
    excerpts. A word no article in the language uses is also searched as the most similar word
    one does (`corrections`).

    Args:
        q (str): words to find (typos tolerated)
        locale (str): the reader's language: articles in it are searched
        status (ArticleStatus | Unset): draft -> published <-> archived; a published article never
            goes back to draft.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArticleSearchResults | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        locale=locale,
        status=status,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str,
    locale: str,
    status: ArticleStatus | Unset = UNSET,
    limit: int | Unset = 10,
) -> ArticleSearchResults | Problem | None:
    """Search Articles

     Full-text search in the locale's language (stemmed, stop words ignored), every word
    required, best first by ts_rank_cd (title over summary over body), with highlighted
    excerpts. A word no article in the language uses is also searched as the most similar word
    one does (`corrections`).

    Args:
        q (str): words to find (typos tolerated)
        locale (str): the reader's language: articles in it are searched
        status (ArticleStatus | Unset): draft -> published <-> archived; a published article never
            goes back to draft.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArticleSearchResults | Problem
    """

    return sync_detailed(
        client=client,
        q=q,
        locale=locale,
        status=status,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    locale: str,
    status: ArticleStatus | Unset = UNSET,
    limit: int | Unset = 10,
) -> Response[ArticleSearchResults | Problem]:
    """Search Articles

     Full-text search in the locale's language (stemmed, stop words ignored), every word
    required, best first by ts_rank_cd (title over summary over body), with highlighted
    excerpts. A word no article in the language uses is also searched as the most similar word
    one does (`corrections`).

    Args:
        q (str): words to find (typos tolerated)
        locale (str): the reader's language: articles in it are searched
        status (ArticleStatus | Unset): draft -> published <-> archived; a published article never
            goes back to draft.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArticleSearchResults | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        locale=locale,
        status=status,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str,
    locale: str,
    status: ArticleStatus | Unset = UNSET,
    limit: int | Unset = 10,
) -> ArticleSearchResults | Problem | None:
    """Search Articles

     Full-text search in the locale's language (stemmed, stop words ignored), every word
    required, best first by ts_rank_cd (title over summary over body), with highlighted
    excerpts. A word no article in the language uses is also searched as the most similar word
    one does (`corrections`).

    Args:
        q (str): words to find (typos tolerated)
        locale (str): the reader's language: articles in it are searched
        status (ArticleStatus | Unset): draft -> published <-> archived; a published article never
            goes back to draft.
        limit (int | Unset):  Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArticleSearchResults | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            locale=locale,
            status=status,
            limit=limit,
        )
    ).parsed
