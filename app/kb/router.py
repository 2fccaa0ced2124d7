import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from app.auth.dependencies import require
from app.auth.scopes import Scope
from app.auth.service import Principal
from app.idempotency.dependencies import idempotent
from app.idempotency.service import Idempotency
from app.kb import service
from app.kb.schemas import (
    MAX_SEARCH_LIMIT,
    ArticleCreate,
    ArticleFilters,
    ArticleListItem,
    ArticleLocale,
    ArticleOut,
    ArticleSearchResults,
    ArticleTranslations,
    ArticleUpdate,
    ArticleVersionOut,
    Category,
    SearchQuery,
    StatusField,
    Tag,
)
from app.kb.service import DEFAULT_SEARCH_LIMIT
from app.kb.types import ArticleStatus
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.inputs import QueryCheckedRoute
from app.kit.pagination import Page, PageParamsDep

router = APIRouter(prefix="/v1/articles", tags=["knowledge base"], route_class=QueryCheckedRoute)
ReadKey = Annotated[Principal, Depends(require(Scope.KB_READ))]
WriteKey = Annotated[Principal, Depends(require(Scope.KB_WRITE))]
IdempotentWrite = Annotated[Idempotency, Depends(idempotent(Scope.KB_WRITE))]


@router.post("", status_code=201, response_model=ArticleOut)
async def create_article(
    body: ArticleCreate,
    session: SessionDep,
    clock: ClockDep,
    actor: WriteKey,
    idempotency: IdempotentWrite,
) -> JSONResponse:
    """Write an article: a draft, or `published` at once (version 1, article.published). The
    Markdown body is rendered to sanitised HTML now; `translation_of` links a translation."""
    article = await service.create_article(session, body, now=clock.now(), actor=actor)
    return await idempotency.respond(201, ArticleOut.from_model(article))


@router.get("", response_model=Page[ArticleListItem])
async def list_articles(
    session: SessionDep,
    _: ReadKey,
    page: PageParamsDep,
    status: StatusField | None = None,
    locale: Annotated[ArticleLocale | None, Query(description="BCP 47, exactly")] = None,
    tag: Annotated[Tag | None, Query()] = None,
    category: Annotated[Category | None, Query()] = None,
) -> Page[ArticleListItem]:
    """Articles without their bodies, newest first."""
    filters = ArticleFilters(status=status, locale=locale, tag=tag, category=category)
    rows, next_cursor = await service.list_articles(session, page, filters)
    return Page(items=[ArticleListItem.from_model(row) for row in rows], next_cursor=next_cursor)


@router.get("/search", response_model=ArticleSearchResults)
async def search_articles(
    session: SessionDep,
    _: ReadKey,
    q: Annotated[SearchQuery, Query(description="words to find (typos tolerated)")],
    locale: Annotated[
        ArticleLocale, Query(description="the reader's language: articles in it are searched")
    ],
    status: Annotated[
        StatusField, Query(description="published unless an editor asks otherwise")
    ] = ArticleStatus.PUBLISHED,
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT)] = DEFAULT_SEARCH_LIMIT,
) -> ArticleSearchResults:
    """Full-text search in the locale's language (stemmed, stop words ignored), every word
    required, best first by ts_rank_cd (title over summary over body), with highlighted
    excerpts. A word no article in the language uses is also searched as the most similar word
    one does (`corrections`)."""
    result = await service.search_articles(session, q, locale=locale, status=status, limit=limit)
    return service.search_answer(result)


# `:uuid`: /search is no article id, so PATCH /search is a 405, not a 422 about the id
@router.get("/{article_id:uuid}", response_model=ArticleOut)
async def get_article(article_id: uuid.UUID, session: SessionDep, _: ReadKey) -> ArticleOut:
    return ArticleOut.from_model(await service.get_article(session, article_id))


@router.patch("/{article_id:uuid}", response_model=ArticleOut)
async def update_article(
    article_id: uuid.UUID,
    body: ArticleUpdate,
    session: SessionDep,
    clock: ClockDep,
    actor: WriteKey,
) -> ArticleOut:
    """Change an article. Publishing (status `published`) writes a version and records
    article.published; a content change of a published article writes a version; every other
    change of an article once published records article.updated."""
    article = await service.update_article(session, article_id, body, now=clock.now(), actor=actor)
    return ArticleOut.from_model(article)


@router.get("/{article_id}/versions", response_model=Page[ArticleVersionOut])
async def list_article_versions(
    article_id: uuid.UUID, session: SessionDep, _: ReadKey, page: PageParamsDep
) -> Page[ArticleVersionOut]:
    """The article's published versions, newest first."""
    rows, next_cursor = await service.list_versions(session, article_id, page)
    return Page(items=[ArticleVersionOut.from_model(row) for row in rows], next_cursor=next_cursor)


@router.get("/{article_id}/translations", response_model=ArticleTranslations)
async def list_article_translations(
    article_id: uuid.UUID, session: SessionDep, _: ReadKey
) -> ArticleTranslations:
    """The article and its translations (every status), by locale."""
    rows = await service.list_translations(session, article_id)
    return ArticleTranslations(items=[ArticleListItem.from_model(row) for row in rows])
