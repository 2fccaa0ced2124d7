import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.customers.errors import InvalidLocale
from app.customers.schemas import EXTERNAL_REF_PATTERN
from app.events.types import Actor, EventData, EventType
from app.kb.errors import EmptySearchQuery
from app.kb.types import ArticleField, ArticleStatus, NoticeMatch
from app.kit.enums import NamedEnum
from app.kit.inputs import Input, Omittable, Timestamp
from app.models import Article, ArticleVersion
from app.web.i18n import MAX_LOCALE_LENGTH, normalise_locale

T = TypeVar("T")
MAX_BODY_LENGTH = 50_000
MAX_TAGS = 20
MAX_PRODUCTS = 100
MAX_SERVICE_LEVELS = 20
MAX_NOTICE_ORDERS = 1000

StatusField = Annotated[ArticleStatus, NamedEnum()]
NewStatusField = Annotated[
    ArticleStatus,
    NamedEnum(ArticleStatus.DRAFT, ArticleStatus.PUBLISHED, name="NewArticleStatus"),
]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
MarkdownBody = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_BODY_LENGTH),
    Field(description="Markdown (CommonMark, tables, strikethrough); HTML in it is sanitised"),
]
Tag = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=50)
]
Category = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
ShopRef = Annotated[str, StringConstraints(pattern=EXTERNAL_REF_PATTERN)]
ServiceLevel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


def _bcp47(tag: str) -> str:
    try:
        return normalise_locale(tag)
    except ValueError as error:
        raise PydanticCustomError(InvalidLocale.slug, str(error)) from None


ArticleLocale = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_LOCALE_LENGTH,
        description="the article's language, BCP 47 (en, de-CH, pt-BR); stored normalised;"
        " one Babel does not know is a 422 invalid-locale",
        examples=["de"],
    ),
    AfterValidator(_bcp47),
]


def _distinct(values: list[T]) -> list[T]:
    """The values once each, in the order first given."""
    return list(dict.fromkeys(values))


Tags = Annotated[list[Tag], Field(max_length=MAX_TAGS), AfterValidator(_distinct)]


class AppliesTo(Input):
    """What the article is about: the shop's product references and order service levels
    (`express`, ...; orders carry no other type). Empty lists: it applies to everything."""

    products: Annotated[
        list[ShopRef], Field(max_length=MAX_PRODUCTS), AfterValidator(_distinct)
    ] = []
    service_levels: Annotated[
        list[ServiceLevel], Field(max_length=MAX_SERVICE_LEVELS), AfterValidator(_distinct)
    ] = []


class Notice(Input):
    """Show the article as an update notice to the customers of these orders or of orders of
    these products, from `starts_at` until `ends_at`."""

    starts_at: Timestamp
    ends_at: Timestamp = Field(description="after starts_at")
    order_refs: Annotated[
        list[ShopRef], Field(max_length=MAX_NOTICE_ORDERS), AfterValidator(_distinct)
    ] = Field(default=[], description="orders by the shop's external_ref")
    products: Annotated[
        list[ShopRef], Field(max_length=MAX_PRODUCTS), AfterValidator(_distinct)
    ] = Field(default=[], description="the shop's product references")

    @field_validator("ends_at")
    @classmethod
    def _after_start(cls, ends_at: datetime, info: ValidationInfo) -> datetime:
        starts_at = info.data.get("starts_at")
        if starts_at is not None and ends_at <= starts_at:
            raise ValueError("must be after starts_at")
        return ends_at

    @model_validator(mode="after")
    def _has_a_target(self) -> "Notice":
        if not self.order_refs and not self.products:
            raise ValueError("a notice names at least one of order_refs or products")
        return self


class ArticleCreate(Input):
    locale: ArticleLocale
    title: Title
    body: MarkdownBody
    summary: Summary | None = Field(default=None, description="a sentence or two, plain text")
    tags: Tags = []
    category: Category | None = None
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    notice: Notice | None = None
    status: NewStatusField = Field(
        default=ArticleStatus.DRAFT, description="`published` publishes it at once (version 1)"
    )
    translation_of: uuid.UUID | None = Field(
        default=None,
        description="an article this one translates: it joins that article's translations"
        " (one article per locale among them)",
    )


class ArticleUpdate(Input):
    """Only the fields sent change (at least one); null clears `summary`, `category` and
    `notice`. A change of a published article's content is a new version."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    title: Omittable[Title] = None
    body: Omittable[MarkdownBody] = None
    summary: Summary | None = None
    tags: Omittable[Tags] = None
    category: Category | None = None
    applies_to: Omittable[AppliesTo] = None
    notice: Notice | None = None
    status: Omittable[StatusField] = Field(
        default=None,
        description="draft -> published <-> archived; a published article never returns to draft",
    )


class AppliesToOut(BaseModel):
    products: list[str]
    service_levels: list[str]


class NoticeOut(BaseModel):
    starts_at: datetime
    ends_at: datetime
    order_refs: list[str]
    products: list[str]


class ArticleListItem(BaseModel):
    """An article without its body."""

    id: uuid.UUID
    translation_group_id: uuid.UUID = Field(description="shared by the article's translations")
    locale: str
    title: str
    summary: str | None
    tags: list[str]
    category: str | None
    applies_to: AppliesToOut
    notice: NoticeOut | None
    status: StatusField
    version: int = Field(description="published versions so far (0: never published)")
    published_at: datetime | None = Field(description="first published")
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, article: Article) -> "ArticleListItem":
        return cls.model_validate(_article_fields(article, cls))


class ArticleOut(ArticleListItem):
    body: str = Field(description="Markdown, as written")
    body_html: str = Field(description="rendered and sanitised: safe to place in a page")

    @classmethod
    def from_model(cls, article: Article) -> "ArticleOut":
        return cls.model_validate(_article_fields(article, cls))


def _article_fields(article: Article, schema: type[BaseModel]) -> dict[str, Any]:
    copied = set(schema.model_fields) - {"applies_to", "notice"}
    return {
        **{name: getattr(article, name) for name in copied},
        "applies_to": {"products": article.products, "service_levels": article.service_levels},
        "notice": _notice(article),
    }


def _notice(article: Article) -> dict[str, Any] | None:
    if article.notice_from is None:
        return None
    return {
        "starts_at": article.notice_from,
        "ends_at": article.notice_until,
        "order_refs": article.notice_order_refs,
        "products": article.notice_products,
    }


class ArticleVersionOut(BaseModel):
    """What the article said as this version was published."""

    id: uuid.UUID
    article_id: uuid.UUID
    version: int
    locale: str
    title: str
    summary: str | None
    body: str
    body_html: str
    tags: list[str]
    category: str | None
    applies_to: AppliesToOut
    published_at: datetime

    @classmethod
    def from_model(cls, version: ArticleVersion) -> "ArticleVersionOut":
        copied = set(cls.model_fields) - {"applies_to", "published_at"}
        return cls.model_validate(
            {
                **{name: getattr(version, name) for name in copied},
                "applies_to": {
                    "products": version.products,
                    "service_levels": version.service_levels,
                },
                "published_at": version.created_at,
            }
        )


class ArticleTranslations(BaseModel):
    """The article and its translations, by locale."""

    items: list[ArticleListItem]


def _not_blank(query: str) -> str:
    if not query.strip():
        raise PydanticCustomError(EmptySearchQuery.slug, "the search query is empty")
    return query


MAX_SEARCH_LIMIT = 50
SearchQuery = Annotated[
    str,
    # minLength and the pattern are checked by _not_blank, whose answer is empty-search-query
    Field(max_length=200, json_schema_extra={"minLength": 1, "pattern": r"\S"}),
    AfterValidator(_not_blank),
]


class ArticleSearchHit(BaseModel):
    article: ArticleListItem
    rank: float = Field(description="ts_rank_cd: higher is better; compare within one search")
    excerpt: str = Field(
        description="HTML: the body's text around the matches, escaped, matches in <mark>"
    )


class SearchCorrection(BaseModel):
    word: str = Field(description="a query word no article in the language uses")
    correction: str = Field(description="the most similar word one does; both were searched")


class ArticleSearchResults(BaseModel):
    """The best matches, best first (at most `limit`; no cursor: refine the query instead)."""

    items: list[ArticleSearchHit]
    corrections: list[SearchCorrection]


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    status: ArticleStatus | None = None
    locale: str | None = None
    tag: str | None = None
    category: str | None = None


# --- event payloads (app/events/catalogue.py lists them) ---------------------------------------


class ArticlePublishedData(EventData):
    """An article was published: created as published, or a draft or archived article
    published (PATCH status). `version` is the version this publication wrote."""

    event_type = EventType.ARTICLE_PUBLISHED
    article: ArticleOut
    version: int
    published_by: Actor
    published_at: datetime


class ArticleUpdatedData(EventData):
    """An article that has been published changed: its content (a new published version while
    it is published), its notice, or its status (archived). Drafts never published record no
    event."""

    event_type = EventType.ARTICLE_UPDATED
    article: ArticleOut
    changes: list[Annotated[ArticleField, NamedEnum()]] = Field(
        description="the fields that changed"
    )
    new_version: int | None = Field(
        description="the published version this change wrote; null: none (not published)"
    )
    changed_by: Actor
    changed_at: datetime


# --- what other domains show of articles ------------------------------------------------------

MAX_CITED_ARTICLES = 20


def public_path(article_id: uuid.UUID) -> str:
    """Where readers without a key find a published article (page or JSON)."""
    return f"/v1/public/articles/{article_id}"


class CitedArticle(BaseModel):
    """An article a reply cites, as it is now."""

    id: uuid.UUID
    locale: str
    title: str
    url: str = Field(description="its public path: a page for a browser, JSON otherwise")

    @classmethod
    def from_model(cls, article: Article) -> "CitedArticle":
        return cls(
            id=article.id, locale=article.locale, title=article.title, url=public_path(article.id)
        )


class OrderNotice(BaseModel):
    """A published article marked as an update notice that applies to the order now."""

    id: uuid.UUID
    translation_group_id: uuid.UUID
    locale: str
    title: str
    summary: str | None
    body_html: str = Field(description="rendered and sanitised: safe to place in a page")
    url: str = Field(description="its public path: a page for a browser, JSON otherwise")
    starts_at: datetime
    ends_at: datetime
    matched: list[Annotated[NoticeMatch, NamedEnum()]] = Field(
        description="why it applies: the order's ref is named, and/or one of its products"
    )
    updated_at: datetime


class OrderNotices(BaseModel):
    """The notices in effect, one per translation group, in the customer's language when the
    group has it published, else the default locale's, else the first by locale."""

    items: list[OrderNotice]
