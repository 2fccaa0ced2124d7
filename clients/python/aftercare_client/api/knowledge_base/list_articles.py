from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article_status import ArticleStatus
from ...models.page_article_list_item import PageArticleListItem
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ArticleStatus | None | Unset = UNSET,
    locale: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    category: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ArticleStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_locale: None | str | Unset
    if isinstance(locale, Unset):
        json_locale = UNSET
    else:
        json_locale = locale
    params["locale"] = json_locale

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    else:
        json_category = category
    params["category"] = json_category

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
        "url": "/v1/articles",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageArticleListItem | Problem | None:
    if response.status_code == 200:
        response_200 = PageArticleListItem.from_dict(response.json())

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
) -> Response[PageArticleListItem | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ArticleStatus | None | Unset = UNSET,
    locale: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    category: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageArticleListItem | Problem]:
    """List Articles

     Articles without their bodies, newest first.

    Args:
        status (ArticleStatus | None | Unset):
        locale (None | str | Unset): BCP 47, exactly
        tag (None | str | Unset):
        category (None | str | Unset):
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageArticleListItem | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        locale=locale,
        tag=tag,
        category=category,
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
    status: ArticleStatus | None | Unset = UNSET,
    locale: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    category: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageArticleListItem | Problem | None:
    """List Articles

     Articles without their bodies, newest first.

    Args:
        status (ArticleStatus | None | Unset):
        locale (None | str | Unset): BCP 47, exactly
        tag (None | str | Unset):
        category (None | str | Unset):
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageArticleListItem | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        locale=locale,
        tag=tag,
        category=category,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ArticleStatus | None | Unset = UNSET,
    locale: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    category: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageArticleListItem | Problem]:
    """List Articles

     Articles without their bodies, newest first.

    Args:
        status (ArticleStatus | None | Unset):
        locale (None | str | Unset): BCP 47, exactly
        tag (None | str | Unset):
        category (None | str | Unset):
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageArticleListItem | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        locale=locale,
        tag=tag,
        category=category,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ArticleStatus | None | Unset = UNSET,
    locale: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
    category: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageArticleListItem | Problem | None:
    """List Articles

     Articles without their bodies, newest first.

    Args:
        status (ArticleStatus | None | Unset):
        locale (None | str | Unset): BCP 47, exactly
        tag (None | str | Unset):
        category (None | str | Unset):
        limit (int | Unset): page size Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page (opaque: pass it back as it
            came)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageArticleListItem | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            locale=locale,
            tag=tag,
            category=category,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
