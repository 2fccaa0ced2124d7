import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    distinct,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import REGCONFIG, TSVECTOR
from sqlalchemy.ext.asyncio import AsyncSession

from app.kb.schemas import ArticleFilters
from app.kb.types import ArticleStatus
from app.kit.pagination import PageParams, fetch_page
from app.models import (
    Article,
    ArticleCitation,
    ArticleVersion,
    ArticleView,
    ArticleVote,
    Ticket,
)

# Search weights: a word of the title counts most, then the summary's, then the body's.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = "A", "B", "C"


def search_vector(
    config: str, title: str, summary: str | None, body_text: str
) -> ColumnElement[str]:
    """The article's words, stemmed in its language's configuration and weighted by field."""
    regconfig = literal(config, String).cast(REGCONFIG)

    def weighted(text: str, weight: str) -> ColumnElement[str]:
        # the weight is a "char" constant of ours (A-D), not a bind parameter
        return func.setweight(
            func.to_tsvector(regconfig, literal(text, String)), literal_column(f"'{weight}'")
        )

    vector = weighted(title, TITLE_WEIGHT).op("||", return_type=TSVECTOR)(
        weighted(summary or "", SUMMARY_WEIGHT)
    )
    return vector.op("||", return_type=TSVECTOR)(weighted(body_text, BODY_WEIGHT))


class ArticleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, article: Article) -> Article:
        self.index(article)
        self.session.add(article)
        await self.session.flush()
        return article

    def index(self, article: Article) -> None:
        """Write the article's search vector from its current text at the next flush."""
        article.search_vector = search_vector(
            article.search_config, article.title, article.summary, article.body_text
        )

    async def by_id(self, article_id: uuid.UUID, *, for_update: bool = False) -> Article | None:
        statement = select(Article).where(Article.id == article_id)
        if for_update:
            statement = statement.with_for_update()
        return await self.session.scalar(statement)

    async def translations(
        self, group_id: uuid.UUID, *, for_update: bool = False
    ) -> Sequence[Article]:
        """The articles of a translation group, by locale (locked: no locale is added to the
        group by another transaction meanwhile)."""
        statement = (
            select(Article).where(Article.translation_group_id == group_id).order_by(Article.locale)
        )
        if for_update:
            statement = statement.with_for_update()
        return (await self.session.scalars(statement)).all()

    async def page(
        self, params: PageParams, filters: ArticleFilters
    ) -> tuple[Sequence[Article], str | None]:
        statement = select(Article)
        for column, value in (
            (Article.status, filters.status),
            (Article.locale, filters.locale),
            (Article.category, filters.category),
        ):
            if value is not None:
                statement = statement.where(column == value)
        if filters.tag is not None:
            statement = statement.where(Article.tags.contains([filters.tag]))
        return await fetch_page(self.session, statement, Article.created_at, Article.id, params)

    async def add_version(self, version: ArticleVersion) -> ArticleVersion:
        self.session.add(version)
        await self.session.flush()
        return version

    async def versions_page(
        self, article_id: uuid.UUID, params: PageParams
    ) -> tuple[Sequence[ArticleVersion], str | None]:
        statement = select(ArticleVersion).where(ArticleVersion.article_id == article_id)
        return await fetch_page(
            self.session, statement, ArticleVersion.created_at, ArticleVersion.id, params
        )


class ReaderRepository:
    """What readers do: published articles by language, views (appended) and votes."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def published_in_language(
        self, language: str, category: str | None, limit: int
    ) -> Sequence[Article]:
        """Up to `limit` published articles of the language, by category (uncategorised
        last) and title."""
        statement = (
            select(Article)
            .where(Article.status == ArticleStatus.PUBLISHED, Article.language == language)
            .order_by(Article.category.asc().nulls_last(), Article.title, Article.id)
            .limit(limit)
        )
        if category is not None:
            statement = statement.where(Article.category == category)
        return (await self.session.scalars(statement)).all()

    async def published_translations(self, group_id: uuid.UUID) -> Sequence[Article]:
        statement = (
            select(Article)
            .where(
                Article.translation_group_id == group_id,
                Article.status == ArticleStatus.PUBLISHED,
            )
            .order_by(Article.locale)
        )
        return (await self.session.scalars(statement)).all()

    async def add_view(self, article_id: uuid.UUID, *, now: datetime, channel: str) -> None:
        # An INSERT without RETURNING: nothing is read back, nothing is locked.
        await self.session.execute(
            insert(ArticleView).values(article_id=article_id, viewed_at=now, channel=channel)
        )

    async def add_vote(self, vote: ArticleVote) -> ArticleVote:
        self.session.add(vote)
        await self.session.flush()
        return vote


class CitationRepository:
    """Articles agents cite in replies (article_citations)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def published_among(self, article_ids: Sequence[uuid.UUID]) -> Sequence[Article]:
        statement = select(Article).where(
            Article.id.in_(article_ids), Article.status == ArticleStatus.PUBLISHED
        )
        return (await self.session.scalars(statement)).all()

    async def add(self, citations: Sequence[ArticleCitation]) -> None:
        self.session.add_all(citations)
        await self.session.flush()

    async def of_messages(
        self, message_ids: Sequence[uuid.UUID]
    ) -> Sequence[tuple[uuid.UUID, Article]]:
        """(message id, cited article) pairs of the messages, in citation order."""
        statement = (
            select(ArticleCitation.message_id, Article)
            .join(Article, Article.id == ArticleCitation.article_id)
            .where(ArticleCitation.message_id.in_(message_ids))
            .order_by(ArticleCitation.message_id, ArticleCitation.cited_at, ArticleCitation.id)
        )
        return [(row[0], row[1]) for row in await self.session.execute(statement)]


class NoticeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def in_effect(
        self, order_ref: str, products: Sequence[str], at: datetime
    ) -> Sequence[Article]:
        """Published notices whose window holds `at` and that name the order or one of the
        products (each array's GIN index answers its half)."""
        targets = Article.notice_order_refs.contains([order_ref])
        if products:
            targets = or_(targets, Article.notice_products.overlap(list(products)))
        statement = (
            select(Article)
            .where(
                Article.status == ArticleStatus.PUBLISHED,
                Article.notice_from <= at,
                Article.notice_until > at,
                targets,
            )
            .order_by(Article.notice_from.desc(), Article.locale)
        )
        return (await self.session.scalars(statement)).all()


# The same first-contact resolution as the metrics' (app/metrics/measures.py, FCR): exactly one
# public agent reply when first solved, and no reopening within 7 days of that solve.
FCR_REOPEN_WINDOW = timedelta(days=7)
ONE_TOUCH = and_(
    Ticket.replies_at_first_solve == 1,
    or_(
        Ticket.first_reopened_at.is_(None),
        Ticket.first_reopened_at > Ticket.first_solved_at + FCR_REOPEN_WINDOW,
    ),
)


@dataclass(frozen=True, slots=True)
class ResolvedCounts:
    resolved: int
    one_touch: int


@dataclass(frozen=True, slots=True)
class ArticleCounts:
    article: Article
    views: int
    votes: int
    helpful: int


class KnowledgeBaseMetricsRepository:
    """Counts over [start, end): readings, votes, and tickets first solved with or without a
    cited article."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def views(self, start: datetime, end: datetime) -> tuple[int, int]:
        """(readings, distinct articles read)."""
        statement = select(
            func.count(), func.count(distinct(ArticleView.article_id))
        ).where(ArticleView.viewed_at >= start, ArticleView.viewed_at < end)
        total, articles = (await self.session.execute(statement)).one()
        return int(total), int(articles)

    async def votes(self, start: datetime, end: datetime) -> tuple[int, int]:
        """(votes, helpful votes)."""
        statement = select(
            func.count(), func.count().filter(ArticleVote.helpful)
        ).where(ArticleVote.created_at >= start, ArticleVote.created_at < end)
        total, helpful = (await self.session.execute(statement)).one()
        return int(total), int(helpful)

    async def resolved_by_citation(
        self, start: datetime, end: datetime
    ) -> dict[bool, ResolvedCounts]:
        """Tickets first solved in the window, split by whether an article was cited in a
        reply by the time of that solve."""
        cited = (
            select(ArticleCitation.id)
            .where(
                ArticleCitation.ticket_id == Ticket.id,
                ArticleCitation.cited_at <= Ticket.first_solved_at,
            )
            .exists()
            .label("cited")
        )
        statement = (
            select(cited, func.count(), func.count().filter(ONE_TOUCH))
            .where(Ticket.first_solved_at >= start, Ticket.first_solved_at < end)
            .group_by(cited)
        )
        rows = (await self.session.execute(statement)).all()
        return {bool(row[0]): ResolvedCounts(int(row[1]), int(row[2])) for row in rows}

    async def most_read(self, start: datetime, end: datetime, limit: int) -> list[ArticleCounts]:
        """The articles read most in the window, with their votes in it."""
        read = (
            select(ArticleView.article_id, func.count().label("views"))
            .where(ArticleView.viewed_at >= start, ArticleView.viewed_at < end)
            .group_by(ArticleView.article_id)
            .order_by(func.count().desc(), ArticleView.article_id)
            .limit(limit)
            .subquery()
        )
        voted = (
            select(
                ArticleVote.article_id,
                func.count().label("votes"),
                func.count().filter(ArticleVote.helpful).label("helpful"),
            )
            .where(ArticleVote.created_at >= start, ArticleVote.created_at < end)
            .group_by(ArticleVote.article_id)
            .subquery()
        )
        statement = (
            select(
                Article,
                read.c.views,
                func.coalesce(voted.c.votes, 0),
                func.coalesce(voted.c.helpful, 0),
            )
            .join(read, read.c.article_id == Article.id)
            .outerjoin(voted, voted.c.article_id == Article.id)
            .order_by(read.c.views.desc(), Article.id)
        )
        return [
            ArticleCounts(row[0], int(row[1]), int(row[2]), int(row[3]))
            for row in await self.session.execute(statement)
        ]
