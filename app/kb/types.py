"""The knowledge base vocabulary."""

from enum import StrEnum


class ArticleStatus(StrEnum):
    """draft -> published <-> archived; a published article never goes back to draft."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class ArticleField(StrEnum):
    """The fields of an article a change can touch (article.updated names them)."""

    TITLE = "title"
    SUMMARY = "summary"
    BODY = "body"
    TAGS = "tags"
    CATEGORY = "category"
    APPLIES_TO = "applies_to"
    NOTICE = "notice"
    STATUS = "status"


class NoticeMatch(StrEnum):
    """Why a notice applies to an order."""

    ORDER = "order"  # its external_ref is in the notice's order_refs
    PRODUCT = "product"  # one of the products asked about is in the notice's products
