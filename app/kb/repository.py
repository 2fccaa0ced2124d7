import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    String,
    Text,
    distinct,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import REGCONFIG, TSQUERY, TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, defer

from app.kb.schemas import ArticleFilters
from app.kb.search import KEPT_WORD, MARK_END, MARK_START, VARIANTS_OF
from app.kb.types import ArticleStatus
from app.kit.pagination import PageParams, fetch_page
from app.metrics.service import resolved_at_first_contact
from app.models import (
    Article,
    ArticleCitation,
    ArticleSearch,
    ArticleVersion,
    ArticleView,
    ArticleVote,
    Ticket,
)

# Search weights: a word of the title counts most, then the summary's, then the body's.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = "A", "B", "C"
# ts_rank_cd's rank divided by 1 + the log of the article's length: of two articles using the
# words alike, the shorter (more to the point) ranks first.
RANK_NORMALISATION: Final = 1
HEADLINE_OPTIONS: Final = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MinWords=8, MaxWords=24,"
    ' FragmentDelimiter=" \u2026 "'
)

# New words of the text join the vocabulary, with their variants (the migration that created
# the tables fills them with the same definitions).
_REMEMBER_WORDS = text(f"""
WITH new_words AS (
    INSERT INTO article_words (language, word)
    SELECT CAST(:language AS text), w.word
    FROM unnest(tsvector_to_array(to_tsvector('simple', CAST(:text AS text)))) AS w(word)
    WHERE {KEPT_WORD.format(word="w.word")}
    ORDER BY w.word  -- two writers insert shared words in one order: no deadlock
    ON CONFLICT DO NOTHING
    RETURNING language, word
)
INSERT INTO article_word_variants (language, variant, word)
SELECT n.language, v.variant, n.word
FROM new_words AS n, LATERAL {VARIANTS_OF.format(word="n.word")} AS v(variant)
ORDER BY 1, 2, 3
ON CONFLICT DO NOTHING
""")  # noqa: S608 (built from this module's constants)

# The known words sharing a variant with a query word no article of the language uses.
_CANDIDATES = text("""
SELECT DISTINCT q.word, v.word AS candidate
FROM unnest(CAST(:words AS text[]), CAST(:variants AS text[])) AS q(word, variant)
JOIN article_word_variants AS v ON v.language = :language AND v.variant = q.variant
WHERE NOT EXISTS (
    SELECT 1 FROM article_words AS known WHERE known.language = :language AND known.word = q.word
)
""")


def terms_query(
    config: str, terms: Sequence[Sequence[str]], *, match_all: bool
) -> ColumnElement[str]:
    """A tsquery of the terms in the configuration: the words of a term OR-ed, the terms AND-ed
    (`match_all`) or OR-ed. Each word goes through plainto_tsquery (no query syntax to inject);
    a stop word adds nothing."""
    regconfig = literal(config, String).cast(REGCONFIG)
    joiner = "&&" if match_all else "||"

    def either(words: Sequence[str]) -> ColumnElement[str]:
        queries = [func.plainto_tsquery(regconfig, literal(word, Text)) for word in words]
        combined: ColumnElement[str] = queries[0]
        for alternative in queries[1:]:
            combined = combined.op("||", return_type=TSQUERY)(alternative)
        return combined

    query = either(terms[0])
    for term in terms[1:]:
        query = query.op(joiner, return_type=TSQUERY)(either(term))
    return query


@dataclass(frozen=True, slots=True)
class SearchRow:
    article: Article
    rank: float
    excerpt: str


def search_vector(
    config: str, title: str, summary: str | None, body_text: str | None
) -> ColumnElement[str]:
    """The article's words, stemmed in its language's configuration and weighted by field
    (without `body_text`: the head, title and summary only)."""
    regconfig = literal(config, String).cast(REGCONFIG)

    def weighted(text: str, weight: str) -> ColumnElement[str]:
        # the weight is a "char" constant of ours (A-D), not a bind parameter
        return func.setweight(
            func.to_tsvector(regconfig, literal(text, String)), literal_column(f"'{weight}'")
        )

    vector = weighted(title, TITLE_WEIGHT).op("||", return_type=TSVECTOR)(
        weighted(summary or "", SUMMARY_WEIGHT)
    )
    if body_text is None:
        return vector
    return vector.op("||", return_type=TSVECTOR)(weighted(body_text, BODY_WEIGHT))


class ArticleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, article: Article) -> Article:
        self.session.add(article)
        await self.session.flush()
        return article

    async def index(self, article: Article, *, text_changed: bool) -> None:
        """Write what search reads of the article: its status, and when its text changed its
        vectors (and its new words join the language's vocabulary)."""
        if not text_changed:
            await self.session.execute(
                update(ArticleSearch)
                .where(ArticleSearch.article_id == article.id)
                .values(status=article.status)
            )
            return
        config, title, summary = article.search_config, article.title, article.summary
        vectors = {
            "search_head": search_vector(config, title, summary, None),
            "search_vector": search_vector(config, title, summary, article.body_text),
        }
        written = {"language": article.language, "status": article.status, **vectors}
        await self.session.execute(
            pg_insert(ArticleSearch)
            .values(article_id=article.id, **written)
            .on_conflict_do_update(index_elements=[ArticleSearch.article_id], set_=written)
        )
        words = " ".join((title, summary or "", article.body_text))
        await self.session.execute(_REMEMBER_WORDS, {"language": article.language, "text": words})

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

    async def unknown_word_candidates(
        self, language: str, variants: dict[str, Sequence[str]]
    ) -> dict[str, list[str]]:
        """Each query word (mapped to its variants) that no article in the language uses,
        mapped to the known words sharing a variant with it; words known, or without such
        neighbours, are left out."""
        pairs = [(word, variant) for word, options in variants.items() for variant in options]
        rows = await self.session.execute(
            _CANDIDATES,
            {
                "language": language,
                "words": [word for word, _ in pairs],
                "variants": [variant for _, variant in pairs],
            },
        )
        candidates: dict[str, list[str]] = {}
        for word, candidate in rows:
            candidates.setdefault(word, []).append(candidate)
        return candidates

    async def search(
        self,
        terms: Sequence[Sequence[str]],
        *,
        config: str,
        language: str,
        status: ArticleStatus,
        match_all: bool,
        limit: int,
    ) -> list[SearchRow]:
        """The best `limit` articles of the language matching the terms (each a word and its
        alternatives: any of them; all terms when `match_all`, else any), best first, with
        highlighted excerpts (computed for those only).

        Title and summary matches come first: when at least `limit` articles match there, only
        they are ranked; else every match is. A word in thousands of bodies is rarely in as
        many titles, so a broad query ranks hundreds of rows, not tens of thousands."""
        query = select(terms_query(config, terms, match_all=match_all).label("q")).cte("query")
        head = self._best(query.c.q, ArticleSearch.search_head, language, status, limit).cte("head")
        head_matches = select(func.count()).select_from(head).scalar_subquery()
        # PostgreSQL runs the second scan only when the first found fewer than `limit`.
        everything = self._best(
            query.c.q, ArticleSearch.search_vector, language, status, limit
        ).where(head_matches < limit)
        best = union_all(
            select(head.c.article_id, head.c.rank).where(head_matches >= limit), everything
        ).subquery("best")
        headline = func.ts_headline(
            literal(config, String).cast(REGCONFIG),
            Article.body_text,
            query.c.q,
            literal(HEADLINE_OPTIONS, String),
        )
        statement = (
            select(Article, best.c.rank, headline)
            .join(best, best.c.article_id == Article.id)
            .join(query, literal_column("true"))
            .options(defer(Article.body), defer(Article.body_html), defer(Article.body_text))
            .order_by(best.c.rank.desc(), Article.id)
        )
        rows = await self.session.execute(statement)
        return [SearchRow(article, float(rank), excerpt) for article, rank, excerpt in rows]

    def _best(
        self,
        tsquery: ColumnElement[str],
        matched: InstrumentedAttribute[str],
        language: str,
        status: ArticleStatus,
        limit: int,
    ) -> Select[tuple[uuid.UUID, float]]:
        """(article_id, rank) of the best `limit` articles whose `matched` vector matches."""
        rank = func.ts_rank_cd(
            ArticleSearch.search_vector, tsquery, RANK_NORMALISATION, type_=Float
        )
        return (
            select(ArticleSearch.article_id, rank.label("rank"))
            .where(
                ArticleSearch.language == language,
                ArticleSearch.status == status,
                matched.bool_op("@@")(tsquery),
            )
            .order_by(rank.desc(), ArticleSearch.article_id)
            .limit(limit)
        )

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
        statement = select(func.count(), func.count(distinct(ArticleView.article_id))).where(
            ArticleView.viewed_at >= start, ArticleView.viewed_at < end
        )
        total, articles = (await self.session.execute(statement)).one()
        return int(total), int(articles)

    async def votes(self, start: datetime, end: datetime) -> tuple[int, int]:
        """(votes, helpful votes)."""
        statement = select(func.count(), func.count().filter(ArticleVote.helpful)).where(
            ArticleVote.created_at >= start, ArticleVote.created_at < end
        )
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
            select(cited, func.count(), func.count().filter(resolved_at_first_contact()))
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
