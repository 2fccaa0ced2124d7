from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_article_vote_data_body import CreateArticleVoteDataBody
from ...models.create_article_vote_json_vote_create import (
    CreateArticleVoteJsonVoteCreate,
)
from ...models.problem import Problem
from ...models.vote_receipt import VoteReceipt
from ...types import UNSET, Response, Unset


def _get_kwargs(
    article_id: UUID,
    *,
    body: CreateArticleVoteJsonVoteCreate | CreateArticleVoteDataBody | Unset = UNSET,
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
        "url": "/v1/public/articles/{article_id}/votes".format(
            article_id=quote(str(article_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, CreateArticleVoteJsonVoteCreate):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, CreateArticleVoteDataBody):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | VoteReceipt | None:
    if response.status_code == 201:
        response_201 = VoteReceipt.from_dict(response.json())

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
) -> Response[Any | Problem | VoteReceipt]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    article_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CreateArticleVoteJsonVoteCreate | CreateArticleVoteDataBody | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | Problem | VoteReceipt]:
    """Create Article Vote

     Did this article answer your question? JSON `{"helpful": false, "comment": "..."}`, or
    the article page's form (`helpful` yes/no, `comment`). A negative vote with a comment also
    becomes a feedback item (source `knowledge_base`), whose id the receipt carries.

    Args:
        article_id (UUID):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (CreateArticleVoteJsonVoteCreate): Did this article answer the reader's question? A
            `false` with a comment becomes a
            feedback item (source `knowledge_base`) for the team to read.
        body (CreateArticleVoteDataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | VoteReceipt]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        body=body,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    article_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CreateArticleVoteJsonVoteCreate | CreateArticleVoteDataBody | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | Problem | VoteReceipt | None:
    """Create Article Vote

     Did this article answer your question? JSON `{"helpful": false, "comment": "..."}`, or
    the article page's form (`helpful` yes/no, `comment`). A negative vote with a comment also
    becomes a feedback item (source `knowledge_base`), whose id the receipt carries.

    Args:
        article_id (UUID):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (CreateArticleVoteJsonVoteCreate): Did this article answer the reader's question? A
            `false` with a comment becomes a
            feedback item (source `knowledge_base`) for the team to read.
        body (CreateArticleVoteDataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | VoteReceipt
    """

    return sync_detailed(
        article_id=article_id,
        client=client,
        body=body,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    article_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CreateArticleVoteJsonVoteCreate | CreateArticleVoteDataBody | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | Problem | VoteReceipt]:
    """Create Article Vote

     Did this article answer your question? JSON `{"helpful": false, "comment": "..."}`, or
    the article page's form (`helpful` yes/no, `comment`). A negative vote with a comment also
    becomes a feedback item (source `knowledge_base`), whose id the receipt carries.

    Args:
        article_id (UUID):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (CreateArticleVoteJsonVoteCreate): Did this article answer the reader's question? A
            `false` with a comment becomes a
            feedback item (source `knowledge_base`) for the team to read.
        body (CreateArticleVoteDataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | VoteReceipt]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        body=body,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    article_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CreateArticleVoteJsonVoteCreate | CreateArticleVoteDataBody | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | Problem | VoteReceipt | None:
    """Create Article Vote

     Did this article answer your question? JSON `{"helpful": false, "comment": "..."}`, or
    the article page's form (`helpful` yes/no, `comment`). A negative vote with a comment also
    becomes a feedback item (source `knowledge_base`), whose id the receipt carries.

    Args:
        article_id (UUID):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        body (CreateArticleVoteJsonVoteCreate): Did this article answer the reader's question? A
            `false` with a comment becomes a
            feedback item (source `knowledge_base`) for the team to read.
        body (CreateArticleVoteDataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | VoteReceipt
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
            body=body,
            lang=lang,
        )
    ).parsed
