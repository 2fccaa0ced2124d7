from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PublicSearchHit")


@_attrs_define
class PublicSearchHit:
    """
    Attributes:
        id (UUID):
        locale (str):
        title (str):
        summary (None | str):
        category (None | str):
        tags (list[str]):
        updated_at (datetime.datetime):
        url (str): the article's public path (a page for a browser, else JSON)
        excerpt (str): HTML: the body's text around the matches, escaped, matches in <mark>
    """

    id: UUID
    locale: str
    title: str
    summary: None | str
    category: None | str
    tags: list[str]
    updated_at: datetime.datetime
    url: str
    excerpt: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        locale = self.locale

        title = self.title

        summary: None | str
        summary = self.summary

        category: None | str
        category = self.category

        tags = self.tags

        updated_at = self.updated_at.isoformat()

        url = self.url

        excerpt = self.excerpt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "locale": locale,
                "title": title,
                "summary": summary,
                "category": category,
                "tags": tags,
                "updated_at": updated_at,
                "url": url,
                "excerpt": excerpt,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        locale = d.pop("locale")

        title = d.pop("title")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        tags = cast(list[str], d.pop("tags"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        excerpt = d.pop("excerpt")

        public_search_hit = cls(
            id=id,
            locale=locale,
            title=title,
            summary=summary,
            category=category,
            tags=tags,
            updated_at=updated_at,
            url=url,
            excerpt=excerpt,
        )

        public_search_hit.additional_properties = d
        return public_search_hit

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
