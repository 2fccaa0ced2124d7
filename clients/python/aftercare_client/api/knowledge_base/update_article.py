from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article_out import ArticleOut
from ...models.article_update import ArticleUpdate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    article_id: UUID,
    *,
    body: ArticleUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/articles/{article_id}".format(
            article_id=quote(str(article_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArticleOut | Problem | None:
    if response.status_code == 200:
        response_200 = ArticleOut.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ArticleOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    article_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ArticleUpdate,
) -> Response[ArticleOut | Problem]:
    """Update Article

     Change an article. Publishing (status `published`) writes a version and records
    article.published; a content change of a published article writes a version; every other
    change of an article once published records article.updated.

    Args:
        article_id (UUID):
        body (ArticleUpdate): Only the fields sent change (at least one); null clears `summary`,
            `category` and
            `notice`. A change of a published article's content is a new version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArticleOut | Problem]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    article_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ArticleUpdate,
) -> ArticleOut | Problem | None:
    """Update Article

     Change an article. Publishing (status `published`) writes a version and records
    article.published; a content change of a published article writes a version; every other
    change of an article once published records article.updated.

    Args:
        article_id (UUID):
        body (ArticleUpdate): Only the fields sent change (at least one); null clears `summary`,
            `category` and
            `notice`. A change of a published article's content is a new version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArticleOut | Problem
    """

    return sync_detailed(
        article_id=article_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    article_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ArticleUpdate,
) -> Response[ArticleOut | Problem]:
    """Update Article

     Change an article. Publishing (status `published`) writes a version and records
    article.published; a content change of a published article writes a version; every other
    change of an article once published records article.updated.

    Args:
        article_id (UUID):
        body (ArticleUpdate): Only the fields sent change (at least one); null clears `summary`,
            `category` and
            `notice`. A change of a published article's content is a new version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArticleOut | Problem]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    article_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ArticleUpdate,
) -> ArticleOut | Problem | None:
    """Update Article

     Change an article. Publishing (status `published`) writes a version and records
    article.published; a content change of a published article writes a version; every other
    change of an article once published records article.updated.

    Args:
        article_id (UUID):
        body (ArticleUpdate): Only the fields sent change (at least one); null clears `summary`,
            `category` and
            `notice`. A change of a published article's content is a new version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArticleOut | Problem
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
            body=body,
        )
    ).parsed
