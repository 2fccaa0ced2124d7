"""The help centre: what readers without a key do with published articles.

Each reading of an article appends a row to article_views (no counter to update: a popular
article is no hot row). A vote is stored as it comes; a negative one with a comment also
becomes a feedback item (source `knowledge_base`) in the same transaction, linked from the vote.
"""

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import groupby
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from app.feedback.service import NewFeedback, create_feedback
from app.feedback.types import FeedbackSource, Sentiment
from app.kb.languages import language_of
from app.kb.public_schemas import (
    HelpCentre,
    HelpCentreCategory,
    PublicArticle,
    PublicArticleListItem,
    PublicSearchHit,
    VoteCreate,
    public_article_path,
)
from app.kb.repository import ReaderRepository
from app.kb.service import get_published_article, search_articles
from app.models import Article, ArticleVote

PUBLIC_CHANNEL: Final = "public"
# The index lists at most this many articles of a language; search finds the rest.
HELP_CENTRE_LIMIT: Final = 500
SEARCH_RESULTS: Final = 20


async def help_centre(
    session: AsyncSession, language: str, *, category: str | None = None
) -> HelpCentre:
    """The published articles of a language (`de`), by category."""
    rows = await ReaderRepository(session).published_in_language(
        language, category, HELP_CENTRE_LIMIT + 1
    )
    listed = rows[:HELP_CENTRE_LIMIT]
    categories = [
        HelpCentreCategory(
            name=name, articles=[PublicArticleListItem.from_model(row) for row in members]
        )
        for name, members in groupby(listed, key=lambda row: row.category)
    ]
    return HelpCentre(
        language=language, categories=categories, truncated=len(rows) > HELP_CENTRE_LIMIT
    )


async def search_help_centre(session: AsyncSession, query: str, locale: str) -> HelpCentre:
    """The published articles of the locale's language matching every word of the query (or
    the word most like it that an article uses), best first."""
    found = await search_articles(session, query, locale=locale, limit=SEARCH_RESULTS)
    results = [
        PublicSearchHit(
            **PublicArticleListItem.from_model(hit.article).model_dump(),
            excerpt=hit.excerpt_html,
        )
        for hit in found.hits
    ]
    return HelpCentre(
        language=language_of(locale),
        categories=[],
        truncated=False,
        query=query,
        results=results,
    )


async def read_article(
    session: AsyncSession, article_id: uuid.UUID, *, now: datetime, count_view: bool = True
) -> PublicArticle:
    """A published article with its published translations; the reading is recorded as a
    view unless `count_view` is false."""
    article = await get_published_article(session, article_id)
    repository = ReaderRepository(session)
    translations = await repository.published_translations(article.translation_group_id)
    if count_view:
        await repository.add_view(article.id, now=now, channel=PUBLIC_CHANNEL)
    return PublicArticle.from_model(article, list(translations))


async def published_translations(session: AsyncSession, article: Article) -> Sequence[Article]:
    return await ReaderRepository(session).published_translations(article.translation_group_id)


async def vote(
    session: AsyncSession,
    article_id: uuid.UUID,
    body: VoteCreate,
    *,
    now: datetime,
    reader_locale: Callable[[str], str],
) -> ArticleVote:
    """Store a reader's vote on a published article, with the language its page was read in
    (`reader_locale` of the article's locale); a negative one with a comment becomes a
    feedback item too."""
    article = await get_published_article(session, article_id)
    feedback_id = None
    if not body.helpful and body.comment:
        feedback = await create_feedback(
            session,
            NewFeedback(
                source=FeedbackSource.KNOWLEDGE_BASE,
                text=_feedback_text(article, body.comment),
                sentiment=Sentiment.NEGATIVE,
            ),
            now=now,
            actor=None,
        )
        feedback_id = feedback.id
    return await ReaderRepository(session).add_vote(
        ArticleVote(
            article_id=article.id,
            helpful=body.helpful,
            comment=body.comment,
            locale=reader_locale(article.locale),
            feedback_id=feedback_id,
            created_at=now,
        )
    )


def _feedback_text(article: Article, comment: str) -> str:
    # The reader's words first; which article they were reading, for whoever triages it.
    return f"{comment}\n\n— {article.title} ({public_article_path(article.id)})"
