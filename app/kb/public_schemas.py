"""What readers without a key see of the knowledge base: published articles and their votes."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints

from app.kb.schemas import public_path
from app.kit.inputs import Input
from app.models import Article, ArticleVote

PUBLIC_ARTICLES_PATH = "/v1/public/articles"
MAX_COMMENT_LENGTH = 2000


public_article_path = public_path


class PublicArticleListItem(BaseModel):
    id: uuid.UUID
    locale: str
    title: str
    summary: str | None
    category: str | None
    tags: list[str]
    updated_at: datetime
    url: str = Field(description="the article's public path (a page for a browser, else JSON)")

    @classmethod
    def from_model(cls, article: Article) -> "PublicArticleListItem":
        return cls(
            id=article.id,
            locale=article.locale,
            title=article.title,
            summary=article.summary,
            category=article.category,
            tags=article.tags,
            updated_at=article.updated_at,
            url=public_article_path(article.id),
        )


class HelpCentreCategory(BaseModel):
    name: str | None = Field(description="null: articles without a category")
    articles: list[PublicArticleListItem]


class PublicSearchHit(PublicArticleListItem):
    excerpt: str = Field(
        description="HTML: the body's text around the matches, escaped, matches in <mark>"
    )


class HelpCentre(BaseModel):
    """The published articles of one language, by category (named ones first, by name; titles
    in alphabetical order within); with `q`, the articles matching it instead, best first."""

    language: str = Field(description="the language subtag the articles are in (de)")
    categories: list[HelpCentreCategory] = Field(description="empty when `q` was given")
    truncated: bool = Field(description="true: the language has more articles than are listed")
    query: str | None = Field(default=None, description="`q`, when given (not blank)")
    results: list[PublicSearchHit] | None = Field(
        default=None, description="with `q`: the best matches, best first (at most 20)"
    )


class PublicTranslation(BaseModel):
    id: uuid.UUID
    locale: str
    title: str
    url: str


class PublicArticle(BaseModel):
    """A published article as readers see it; `body_html` is sanitised (safe in a page)."""

    id: uuid.UUID
    locale: str
    title: str
    summary: str | None
    body_html: str
    category: str | None
    tags: list[str]
    version: int
    updated_at: datetime
    translations: list[PublicTranslation] = Field(
        description="the article's other published languages"
    )
    votes_url: str = Field(description="POST a vote here: did this answer your question?")

    @classmethod
    def from_model(cls, article: Article, translations: list[Article]) -> "PublicArticle":
        return cls(
            id=article.id,
            locale=article.locale,
            title=article.title,
            summary=article.summary,
            body_html=article.body_html,
            category=article.category,
            tags=article.tags,
            version=article.version,
            updated_at=article.updated_at,
            translations=[
                PublicTranslation(
                    id=other.id,
                    locale=other.locale,
                    title=other.title,
                    url=public_article_path(other.id),
                )
                for other in translations
                if other.id != article.id
            ],
            votes_url=f"{public_article_path(article.id)}/votes",
        )


def _blank_is_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


CommentText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=MAX_COMMENT_LENGTH)
]
Comment = Annotated[CommentText | None, BeforeValidator(_blank_is_none)]


class VoteCreate(Input):
    """Did this article answer the reader's question? A `false` with a comment becomes a
    feedback item (source `knowledge_base`) for the team to read."""

    helpful: bool
    comment: Comment = Field(
        default=None, description="optional; blank is none; at most 2,000 characters"
    )


class VoteReceipt(BaseModel):
    id: uuid.UUID
    article_id: uuid.UUID
    helpful: bool
    feedback_id: uuid.UUID | None = Field(
        description="the feedback item a negative vote with a comment became"
    )
    created_at: datetime

    @classmethod
    def from_model(cls, vote: ArticleVote) -> "VoteReceipt":
        return cls(
            id=vote.id,
            article_id=vote.article_id,
            helpful=vote.helpful,
            feedback_id=vote.feedback_id,
            created_at=vote.created_at,
        )
