"""The knowledge base: articles, the versions their published changes left, and what readers
do with them (views, votes) and agents cite them in."""

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.kb.types import ArticleStatus
from app.models.base import Base, StoredEnum, UUIDPrimaryKey, one_of


class Article(UUIDPrimaryKey, Base):
    """One article in one locale; its translations share `translation_group_id` (one article
    per locale in a group). `body_html` and `body_text` are rendered from `body` at write time;
    its search vectors (ArticleSearch) are written with them."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("translation_group_id", "locale"),
        Index("ix_articles_created_at_id", "created_at", "id"),
        Index("ix_articles_status_created_at", "status", "created_at"),
        Index("ix_articles_locale_created_at", "locale", "created_at"),
        Index("ix_articles_category_created_at", "category", "created_at"),
        # The help centre's list: a language's published articles by category and title.
        Index(
            "ix_articles_published_language_category_title",
            "language",
            "category",
            "title",
            "id",
            postgresql_where=text("status = 'published'"),
        ),
        Index("ix_articles_tags", "tags", postgresql_using="gin"),
        # Notices for an order or a product: the customer pages look them up by either.
        Index("ix_articles_notice_order_refs", "notice_order_refs", postgresql_using="gin"),
        Index("ix_articles_notice_products", "notice_products", postgresql_using="gin"),
        CheckConstraint(one_of("status", ArticleStatus), name="status"),
        CheckConstraint("notice_until > notice_from", name="notice_window"),
        CheckConstraint("version >= 0", name="version"),
    )

    translation_group_id: Mapped[uuid.UUID]
    locale: Mapped[str] = mapped_column(String(35))  # BCP 47, normalised (de-CH)
    language: Mapped[str] = mapped_column(String(8))  # its language subtag (de): search by it
    # The PostgreSQL text-search configuration of the locale (german, ..., simple).
    search_config: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)  # Markdown, as written
    body_html: Mapped[str] = mapped_column(Text)  # rendered and sanitised
    body_text: Mapped[str] = mapped_column(Text)  # the rendered text without markup
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    category: Mapped[str | None] = mapped_column(String(64))
    # What it applies to: the shop's product references, and order service levels.
    products: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    service_levels: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    status: Mapped[ArticleStatus] = mapped_column(StoredEnum(ArticleStatus, String(16)))
    version: Mapped[int] = mapped_column(Integer, default=0)  # published versions so far
    published_at: Mapped[datetime | None]  # first published
    archived_at: Mapped[datetime | None]
    # An update notice for customers of these orders or products, shown within the window.
    notice_from: Mapped[datetime | None]
    notice_until: Mapped[datetime | None]
    notice_order_refs: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    notice_products: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by_api_key_id: Mapped[uuid.UUID | None]
    updated_by_api_key_id: Mapped[uuid.UUID | None]


class ArticleSearch(Base):
    """What search reads of an article, apart from the wide article rows (bodies three times
    over): ranking a thousand matches reads a thousand of these small rows, which stay in
    memory. Both vectors are stemmed in the configuration of the article's language;
    `search_head` holds title (weight A) and summary (B), `search_vector` those and the body
    (C). Written with the article; `status` follows it."""

    __tablename__ = "article_search"
    __table_args__ = (
        Index("ix_article_search_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_article_search_search_head", "search_head", postgresql_using="gin"),
    )

    article_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[ArticleStatus] = mapped_column(StoredEnum(ArticleStatus, String(16)))
    search_head: Mapped[str] = mapped_column(TSVECTOR)
    search_vector: Mapped[str] = mapped_column(TSVECTOR)


class ArticleVersion(UUIDPrimaryKey, Base):
    """What an article said once published: written on publication and on every change of a
    published article's content."""

    __tablename__ = "article_versions"
    __table_args__ = (
        UniqueConstraint("article_id", "version"),
        Index("ix_article_versions_article_id_created_at_id", "article_id", "created_at", "id"),
    )

    article_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("articles.id"))
    version: Mapped[int] = mapped_column(Integer)
    locale: Mapped[str] = mapped_column(String(35))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text))
    category: Mapped[str | None] = mapped_column(String(64))
    products: Mapped[list[str]] = mapped_column(ARRAY(Text))
    service_levels: Mapped[list[str]] = mapped_column(ARRAY(Text))
    created_at: Mapped[datetime]  # when this version was published
    created_by_api_key_id: Mapped[uuid.UUID | None]


class ArticleView(Base):
    """One reading of an article (append-only: a popular article is no hot row; the metrics
    count rows per article and day)."""

    __tablename__ = "article_views"
    __table_args__ = (
        Index("ix_article_views_article_id_viewed_at", "article_id", "viewed_at"),
        Index("ix_article_views_viewed_at", "viewed_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    article_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("articles.id"))
    viewed_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(16))  # public (page/JSON) or api


class ArticleVote(UUIDPrimaryKey, Base):
    """ "Did this answer your question?": yes or no, with an optional comment; a negative vote
    with a comment also becomes a feedback item (source knowledge_base)."""

    __tablename__ = "article_votes"
    __table_args__ = (
        Index("ix_article_votes_article_id_created_at", "article_id", "created_at"),
        Index("ix_article_votes_created_at", "created_at"),
    )

    article_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("articles.id"))
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str | None] = mapped_column(String(35))  # the page's language
    feedback_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("feedback.id"))
    created_at: Mapped[datetime]


class ArticleCitation(UUIDPrimaryKey, Base):
    """An article an agent cited in a reply (`article_ids` of a ticket message)."""

    __tablename__ = "article_citations"
    __table_args__ = (
        UniqueConstraint("message_id", "article_id"),
        Index("ix_article_citations_ticket_id", "ticket_id"),
        Index("ix_article_citations_article_id_cited_at", "article_id", "cited_at"),
    )

    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tickets.id"))
    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ticket_messages.id"))
    article_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("articles.id"))
    cited_at: Mapped[datetime]


class ArticleWord(Base):
    """A word the articles of a language use: search words that none uses are corrected
    against these (typo tolerance). Added as articles are written, never removed."""

    __tablename__ = "article_words"

    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    word: Mapped[str] = mapped_column(Text, primary_key=True)


class ArticleWordVariant(Base):
    """A known word and each of its one-letter deletions (SymSpell's deletion neighbourhood):
    the words within one edit of a search word share a variant with it, found by equality on
    this primary key: no pg_trgm (the embedded PostgreSQL lacks it), no scan."""

    __tablename__ = "article_word_variants"

    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    variant: Mapped[str] = mapped_column(Text, primary_key=True)
    word: Mapped[str] = mapped_column(Text, primary_key=True)
