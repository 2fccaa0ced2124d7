"""The knowledge base's public face: write, publish, read and list articles.

A change and its event are recorded in one transaction: `article.published` when an article is
published (created so, or moved there), `article.updated` for any other change of an article
that has been published. Each publication, and each content change of a published article,
writes a version.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.service import Principal
from app.events.service import actor_data, record_event
from app.kb.errors import (
    ArticleNotCitable,
    ArticleNotFound,
    ArticleTransitionNotAllowed,
    TranslationExists,
)
from app.kb.languages import language_of as language_of
from app.kb.languages import search_config
from app.kb.markdown import plain_text, render_markdown
from app.kb.repository import ArticleRepository, CitationRepository, NoticeRepository
from app.kb.schemas import (
    ArticleCreate,
    ArticleFilters,
    ArticleListItem,
    ArticleOut,
    ArticlePublishedData,
    ArticleSearchHit,
    ArticleSearchResults,
    ArticleUpdate,
    ArticleUpdatedData,
    CitedArticle,
    Notice,
    OrderNotice,
    OrderNotices,
    SearchCorrection,
    public_path,
)
from app.kb.search import MAX_QUERY_WORDS as MAX_QUERY_WORDS
from app.kb.search import best_correction, correctable, excerpt_html, query_words, variants
from app.kb.types import ArticleField, ArticleStatus, NoticeMatch
from app.kit.errors import RequestInvalid, UnknownReference, field_error
from app.kit.ids import uuid7
from app.kit.pagination import PageParams
from app.models import Article, ArticleCitation, ArticleVersion

# Fields whose change, while published, is a new version (what a reader sees).
CONTENT_FIELDS: Final = frozenset(
    {
        ArticleField.TITLE,
        ArticleField.SUMMARY,
        ArticleField.BODY,
        ArticleField.TAGS,
        ArticleField.CATEGORY,
        ArticleField.APPLIES_TO,
    }
)
SEARCHED_FIELDS: Final = frozenset({ArticleField.TITLE, ArticleField.SUMMARY, ArticleField.BODY})
# Where each status may go; a published article never returns to draft.
NEXT_STATUSES: Final = {
    ArticleStatus.DRAFT: {ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED},
    ArticleStatus.PUBLISHED: {ArticleStatus.ARCHIVED},
    ArticleStatus.ARCHIVED: {ArticleStatus.PUBLISHED},
}


DEFAULT_SEARCH_LIMIT: Final = 10


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: Article
    rank: float
    excerpt_html: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[SearchHit]
    corrections: dict[str, str]  # query word -> the known word also searched


def search_answer(result: SearchResult) -> ArticleSearchResults:
    """A search's hits and corrections as the API answers them."""
    return ArticleSearchResults(
        items=[
            ArticleSearchHit(
                article=ArticleListItem.from_model(hit.article),
                rank=hit.rank,
                excerpt=hit.excerpt_html,
            )
            for hit in result.hits
        ],
        corrections=[
            SearchCorrection(word=word, correction=correction)
            for word, correction in result.corrections.items()
        ],
    )


async def search_articles(
    session: AsyncSession,
    query: str,
    *,
    locale: str,
    status: ArticleStatus = ArticleStatus.PUBLISHED,
    limit: int = DEFAULT_SEARCH_LIMIT,
    match_all: bool = True,
) -> SearchResult:
    """Full-text search among the articles in the locale's language (de-CH finds de and de-AT
    articles), stemmed by its text-search configuration, ranked by ts_rank_cd (title over
    summary over body; title and summary matches first, see ArticleRepository.search). A word
    no article of the language uses is also searched as the known word fewest edits away, if
    within max_typos (typos). `match_all`: every word (or its correction) must match; else any
    (e.g. suggestions from a ticket's text)."""
    words = query_words(query)
    if not words:
        return SearchResult([], {})
    language = language_of(locale)
    repository = ArticleRepository(session)
    candidates = await repository.unknown_word_candidates(
        language, {word: variants(word) for word in words if correctable(word)}
    )
    corrections = {
        word: correction
        for word in words
        if (correction := best_correction(word, candidates.get(word, []))) is not None
    }
    terms = [[word, corrections[word]] if word in corrections else [word] for word in words]
    rows = await repository.search(
        terms,
        config=search_config(language),
        language=language,
        status=status,
        match_all=match_all,
        limit=limit,
    )
    hits = [SearchHit(row.article, row.rank, excerpt_html(row.excerpt)) for row in rows]
    return SearchResult(hits, corrections)


@dataclass(frozen=True, slots=True)
class RenderedBody:
    markdown: str
    html: str
    text: str


def render_body(markdown: str) -> RenderedBody:
    body_html = render_markdown(markdown)
    return RenderedBody(markdown, body_html, plain_text(body_html))


async def create_article(
    session: AsyncSession, body: ArticleCreate, *, now: datetime, actor: Principal
) -> Article:
    """Store an article (a draft, or published at once as version 1), in the translation
    group of `translation_of` when given."""
    repository = ArticleRepository(session)
    article_id = uuid7()
    group_id = article_id
    if body.translation_of is not None:
        group_id = await _group_for_translation(repository, body.translation_of, body.locale)
    language = language_of(body.locale)
    article = Article(
        id=article_id,
        translation_group_id=group_id,
        locale=body.locale,
        language=language,
        search_config=search_config(language),
        title=body.title,
        summary=body.summary,
        tags=body.tags,
        category=body.category,
        products=body.applies_to.products,
        service_levels=body.applies_to.service_levels,
        status=ArticleStatus.DRAFT,
        version=0,
        created_at=now,
        updated_at=now,
        created_by_api_key_id=actor.api_key_id,
        updated_by_api_key_id=actor.api_key_id,
    )
    _set_body(article, render_body(body.body))
    _set_notice(article, body.notice)
    await repository.add(article)
    if body.status == ArticleStatus.PUBLISHED:
        await _publish(session, article, now=now, actor=actor)
    await repository.index(article, text_changed=True)
    return article


async def _group_for_translation(
    repository: ArticleRepository, source_id: uuid.UUID, locale: str
) -> uuid.UUID:
    source = await repository.by_id(source_id)
    if source is None:
        raise UnknownReference(
            f"No article with id {source_id} to translate.",
            errors=[field_error("/translation_of", "no article has this id")],
        )
    # Every translation of a group locks the group's first article (its id is the group's):
    # one at a time, each reading the group after the previous one committed (a fresh
    # statement sees it; a lock on the members found before would not).
    await repository.by_id(source.translation_group_id, for_update=True)
    members = await repository.translations(source.translation_group_id)
    if any(member.locale == locale for member in members):
        raise TranslationExists(
            f"Article {source_id} already has a translation in {locale}.",
            errors=[field_error("/locale", f"a translation in {locale} exists")],
        )
    return source.translation_group_id


async def get_article(
    session: AsyncSession, article_id: uuid.UUID, *, for_update: bool = False
) -> Article:
    article = await ArticleRepository(session).by_id(article_id, for_update=for_update)
    if article is None:
        raise ArticleNotFound(f"No article with id {article_id}.")
    return article


async def get_published_article(session: AsyncSession, article_id: uuid.UUID) -> Article:
    """A published article; a draft or archived one is not found (what readers may see)."""
    article = await get_article(session, article_id)
    if article.status != ArticleStatus.PUBLISHED:
        raise ArticleNotFound(f"No published article with id {article_id}.")
    return article


async def list_articles(
    session: AsyncSession, page: PageParams, filters: ArticleFilters
) -> tuple[Sequence[Article], str | None]:
    return await ArticleRepository(session).page(page, filters)


async def list_translations(session: AsyncSession, article_id: uuid.UUID) -> Sequence[Article]:
    """The article and its translations, by locale."""
    article = await get_article(session, article_id)
    return await ArticleRepository(session).translations(article.translation_group_id)


async def list_versions(
    session: AsyncSession, article_id: uuid.UUID, page: PageParams
) -> tuple[Sequence[ArticleVersion], str | None]:
    """The article's published versions, newest first."""
    await get_article(session, article_id)
    return await ArticleRepository(session).versions_page(article_id, page)


async def update_article(
    session: AsyncSession,
    article_id: uuid.UUID,
    body: ArticleUpdate,
    *,
    now: datetime,
    actor: Principal,
) -> Article:
    """Apply a change under a row lock: a publication records article.published, any other
    change of an article once published article.updated (with a new version when a published
    article's content changed)."""
    if not body.model_fields_set:
        raise RequestInvalid(
            "Send at least one of title, body, summary, tags, category, applies_to, notice, status."
        )
    article = await get_article(session, article_id, for_update=True)
    changed = _apply_changes(article, body)
    if not changed:
        return article
    was = article.status
    target = body.status if ArticleField.STATUS in changed and body.status else was
    if target != was and target not in NEXT_STATUSES[was]:
        raise ArticleTransitionNotAllowed(
            f"An article that is {was} cannot become {target}"
            + ("; archive it instead." if target == ArticleStatus.DRAFT else ".")
        )
    article.updated_at, article.updated_by_api_key_id = now, actor.api_key_id
    if target == ArticleStatus.PUBLISHED and was != ArticleStatus.PUBLISHED:
        await _publish(session, article, now=now, actor=actor)
    else:
        await _change(session, article, changed, target, now=now, actor=actor)
    if changed & (SEARCHED_FIELDS | {ArticleField.STATUS}):
        await ArticleRepository(session).index(
            article, text_changed=bool(changed & SEARCHED_FIELDS)
        )
    return article


async def _change(
    session: AsyncSession,
    article: Article,
    changed: set[ArticleField],
    target: ArticleStatus,
    *,
    now: datetime,
    actor: Principal,
) -> None:
    """A change that is no publication: archiving, a version when a published article's
    content changed, and article.updated once the article has been published."""
    if target == ArticleStatus.ARCHIVED and article.status != ArticleStatus.ARCHIVED:
        article.status, article.archived_at = ArticleStatus.ARCHIVED, now
    new_version = None
    if article.status == ArticleStatus.PUBLISHED and changed & CONTENT_FIELDS:
        new_version = await _write_version(session, article, now=now, actor=actor)
    await session.flush()
    if article.version > 0:
        await _record_update(session, article, changed, new_version, now=now, actor=actor)


def _apply_changes(article: Article, body: ArticleUpdate) -> set[ArticleField]:
    """Set the sent fields that differ (all but status); the names of every field that
    differs, status included."""
    sent = body.model_fields_set
    changed: set[ArticleField] = set()
    for name in ("title", "summary", "tags", "category"):
        if name in sent and getattr(article, name) != getattr(body, name):
            setattr(article, name, getattr(body, name))
            changed.add(ArticleField(name))
    if body.body is not None and article.body != body.body:
        _set_body(article, render_body(body.body))
        changed.add(ArticleField.BODY)
    if body.applies_to is not None and (article.products, article.service_levels) != (
        body.applies_to.products,
        body.applies_to.service_levels,
    ):
        article.products = body.applies_to.products
        article.service_levels = body.applies_to.service_levels
        changed.add(ArticleField.APPLIES_TO)
    if "notice" in sent and _notice_of(article) != _notice_values(body.notice):
        _set_notice(article, body.notice)
        changed.add(ArticleField.NOTICE)
    if body.status is not None and body.status != article.status:
        changed.add(ArticleField.STATUS)
    return changed


def _set_body(article: Article, body: RenderedBody) -> None:
    article.body, article.body_html, article.body_text = body.markdown, body.html, body.text


def _notice_values(notice: Notice | None) -> tuple[Any, ...] | None:
    if notice is None:
        return None
    return (notice.starts_at, notice.ends_at, notice.order_refs, notice.products)


def _notice_of(article: Article) -> tuple[Any, ...] | None:
    if article.notice_from is None:
        return None
    return (
        article.notice_from,
        article.notice_until,
        article.notice_order_refs,
        article.notice_products,
    )


def _set_notice(article: Article, notice: Notice | None) -> None:
    article.notice_from = notice.starts_at if notice else None
    article.notice_until = notice.ends_at if notice else None
    article.notice_order_refs = notice.order_refs if notice else []
    article.notice_products = notice.products if notice else []


async def _publish(
    session: AsyncSession, article: Article, *, now: datetime, actor: Principal
) -> None:
    article.status, article.archived_at = ArticleStatus.PUBLISHED, None
    article.published_at = article.published_at or now
    version = await _write_version(session, article, now=now, actor=actor)
    await record_event(
        session,
        ArticlePublishedData(
            article=ArticleOut.from_model(article),
            version=version,
            published_by=actor_data(actor),
            published_at=now,
        ),
        now=now,
        subject_type="article",
        subject_id=article.id,
        actor_api_key_id=actor.api_key_id,
    )


async def _write_version(
    session: AsyncSession, article: Article, *, now: datetime, actor: Principal
) -> int:
    article.version += 1
    await ArticleRepository(session).add_version(
        ArticleVersion(
            article_id=article.id,
            version=article.version,
            locale=article.locale,
            title=article.title,
            summary=article.summary,
            body=article.body,
            body_html=article.body_html,
            tags=article.tags,
            category=article.category,
            products=article.products,
            service_levels=article.service_levels,
            created_at=now,
            created_by_api_key_id=actor.api_key_id,
        )
    )
    return article.version


async def _record_update(
    session: AsyncSession,
    article: Article,
    changed: set[ArticleField],
    new_version: int | None,
    *,
    now: datetime,
    actor: Principal,
) -> None:
    await record_event(
        session,
        ArticleUpdatedData(
            article=ArticleOut.from_model(article),
            changes=sorted(changed, key=list(ArticleField).index),
            new_version=new_version,
            changed_by=actor_data(actor),
            changed_at=now,
        ),
        now=now,
        subject_type="article",
        subject_id=article.id,
        actor_api_key_id=actor.api_key_id,
    )


# --- citations: articles an agent's reply cites -----------------------------------------------


async def citable_articles(
    session: AsyncSession, article_ids: Sequence[uuid.UUID]
) -> list[Article]:
    """The published articles of `article_ids`, in their order; ArticleNotCitable (422)
    naming each entry of `/article_ids` that is unknown or not published."""
    if not article_ids:
        return []
    found = {
        article.id: article
        for article in await CitationRepository(session).published_among(article_ids)
    }
    errors = [
        field_error(f"/article_ids/{index}", "no published article has this id")
        for index, article_id in enumerate(article_ids)
        if article_id not in found
    ]
    if errors:
        raise ArticleNotCitable(
            f"{len(errors)} of the cited articles is not a published article.", errors=errors
        )
    return [found[article_id] for article_id in article_ids]


async def record_citations(
    session: AsyncSession,
    articles: Sequence[Article],
    *,
    ticket_id: uuid.UUID,
    message_id: uuid.UUID,
    now: datetime,
) -> list[CitedArticle]:
    """Write the message's citations (in the caller's transaction, with the message)."""
    await CitationRepository(session).add(
        [
            ArticleCitation(
                id=uuid7(),
                ticket_id=ticket_id,
                message_id=message_id,
                article_id=article.id,
                cited_at=now,
            )
            for article in articles
        ]
    )
    return [CitedArticle.from_model(article) for article in articles]


async def cited_articles(
    session: AsyncSession, message_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[CitedArticle]]:
    """The articles each message cites (messages citing none are absent)."""
    cited: dict[uuid.UUID, list[CitedArticle]] = {}
    if not message_ids:
        return cited
    for message_id, article in await CitationRepository(session).of_messages(message_ids):
        cited.setdefault(message_id, []).append(CitedArticle.from_model(article))
    return cited


# --- update notices --------------------------------------------------------------------------


async def notices_for_order(
    session: AsyncSession,
    order_ref: str,
    products: Sequence[str],
    *,
    at: datetime,
    preferred_locales: Sequence[str | None],
) -> OrderNotices:
    """The notices in effect at `at` for the order (by its ref) or any of `products`: one
    article per translation group, in the first preferred language the group has."""
    found = await NoticeRepository(session).in_effect(order_ref, products, at)
    groups: dict[uuid.UUID, list[Article]] = {}
    for article in found:
        groups.setdefault(article.translation_group_id, []).append(article)
    wanted = [language_of(locale) for locale in preferred_locales if locale]
    chosen = [_in_preferred_language(members, wanted) for members in groups.values()]
    return OrderNotices(items=[_order_notice(article, order_ref, products) for article in chosen])


def _in_preferred_language(members: list[Article], languages: list[str]) -> Article:
    for language in languages:
        for article in members:
            if article.language == language:
                return article
    return min(members, key=lambda article: article.locale)


def _order_notice(article: Article, order_ref: str, products: Sequence[str]) -> OrderNotice:
    matched = []
    if order_ref in article.notice_order_refs:
        matched.append(NoticeMatch.ORDER)
    if set(products) & set(article.notice_products):
        matched.append(NoticeMatch.PRODUCT)
    assert article.notice_from is not None
    assert article.notice_until is not None
    return OrderNotice(
        id=article.id,
        translation_group_id=article.translation_group_id,
        locale=article.locale,
        title=article.title,
        summary=article.summary,
        body_html=article.body_html,
        url=public_path(article.id),
        starts_at=article.notice_from,
        ends_at=article.notice_until,
        matched=matched,
        updated_at=article.updated_at,
    )
