from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.public_article import PublicArticle
from ...models.vote_answer import VoteAnswer
from ...types import UNSET, Response, Unset


def _get_kwargs(
    article_id: UUID,
    *,
    voted: None | Unset | VoteAnswer = UNSET,
    lang: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_voted: None | str | Unset
    if isinstance(voted, Unset):
        json_voted = UNSET
    elif isinstance(voted, VoteAnswer):
        json_voted = voted.value
    else:
        json_voted = voted
    params["voted"] = json_voted

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/articles/{article_id}".format(
            article_id=quote(str(article_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | PublicArticle | None:
    if response.status_code == 200:
        response_200 = PublicArticle.from_dict(response.json())

        return response_200

    if response.status_code == 303:
        response_303 = cast(Any, None)
        return response_303

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
) -> Response[Any | Problem | PublicArticle]:
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
    voted: None | Unset | VoteAnswer = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | Problem | PublicArticle]:
    """Get Public Article

     A published article with its published translations. Each reading is counted (in
    article_views), except the page a vote returns to. For a browser, the page is in the
    article's language; `lang` asks for its translation in that language when there is one.

    Args:
        article_id (UUID):
        voted (None | Unset | VoteAnswer): the page after a vote: thanks the reader
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | PublicArticle]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        voted=voted,
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
    voted: None | Unset | VoteAnswer = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | Problem | PublicArticle | None:
    """Get Public Article

     A published article with its published translations. Each reading is counted (in
    article_views), except the page a vote returns to. For a browser, the page is in the
    article's language; `lang` asks for its translation in that language when there is one.

    Args:
        article_id (UUID):
        voted (None | Unset | VoteAnswer): the page after a vote: thanks the reader
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | PublicArticle
    """

    return sync_detailed(
        article_id=article_id,
        client=client,
        voted=voted,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    article_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    voted: None | Unset | VoteAnswer = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | Problem | PublicArticle]:
    """Get Public Article

     A published article with its published translations. Each reading is counted (in
    article_views), except the page a vote returns to. For a browser, the page is in the
    article's language; `lang` asks for its translation in that language when there is one.

    Args:
        article_id (UUID):
        voted (None | Unset | VoteAnswer): the page after a vote: thanks the reader
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | PublicArticle]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        voted=voted,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    article_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    voted: None | Unset | VoteAnswer = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | Problem | PublicArticle | None:
    """Get Public Article

     A published article with its published translations. Each reading is counted (in
    article_views), except the page a vote returns to. For a browser, the page is in the
    article's language; `lang` asks for its translation in that language when there is one.

    Args:
        article_id (UUID):
        voted (None | Unset | VoteAnswer): the page after a vote: thanks the reader
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | PublicArticle
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
            voted=voted,
            lang=lang,
        )
    ).parsed
