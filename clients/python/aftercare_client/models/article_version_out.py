from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.applies_to_out import AppliesToOut


T = TypeVar("T", bound="ArticleVersionOut")


@_attrs_define
class ArticleVersionOut:
    """What the article said as this version was published.

    Attributes:
        id (UUID):
        article_id (UUID):
        version (int):
        locale (str):
        title (str):
        summary (None | str):
        body (str):
        body_html (str):
        tags (list[str]):
        category (None | str):
        applies_to (AppliesToOut):
        published_at (datetime.datetime):
    """

    id: UUID
    article_id: UUID
    version: int
    locale: str
    title: str
    summary: None | str
    body: str
    body_html: str
    tags: list[str]
    category: None | str
    applies_to: AppliesToOut
    published_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        article_id = str(self.article_id)

        version = self.version

        locale = self.locale

        title = self.title

        summary: None | str
        summary = self.summary

        body = self.body

        body_html = self.body_html

        tags = self.tags

        category: None | str
        category = self.category

        applies_to = self.applies_to.to_dict()

        published_at = self.published_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "article_id": article_id,
                "version": version,
                "locale": locale,
                "title": title,
                "summary": summary,
                "body": body,
                "body_html": body_html,
                "tags": tags,
                "category": category,
                "applies_to": applies_to,
                "published_at": published_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.applies_to_out import AppliesToOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        article_id = UUID(d.pop("article_id"))

        version = d.pop("version")

        locale = d.pop("locale")

        title = d.pop("title")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        body = d.pop("body")

        body_html = d.pop("body_html")

        tags = cast(list[str], d.pop("tags"))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        applies_to = AppliesToOut.from_dict(d.pop("applies_to"))

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        article_version_out = cls(
            id=id,
            article_id=article_id,
            version=version,
            locale=locale,
            title=title,
            summary=summary,
            body=body,
            body_html=body_html,
            tags=tags,
            category=category,
            applies_to=applies_to,
            published_at=published_at,
        )

        article_version_out.additional_properties = d
        return article_version_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
