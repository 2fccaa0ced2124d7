from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.public_translation import PublicTranslation


T = TypeVar("T", bound="PublicArticle")


@_attrs_define
class PublicArticle:
    """A published article as readers see it; `body_html` is sanitised (safe in a page).

    Attributes:
        id (UUID):
        locale (str):
        title (str):
        summary (None | str):
        body_html (str):
        category (None | str):
        tags (list[str]):
        version (int):
        updated_at (datetime.datetime):
        translations (list[PublicTranslation]): the article's other published languages
        votes_url (str): POST a vote here: did this answer your question?
    """

    id: UUID
    locale: str
    title: str
    summary: None | str
    body_html: str
    category: None | str
    tags: list[str]
    version: int
    updated_at: datetime.datetime
    translations: list[PublicTranslation]
    votes_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        locale = self.locale

        title = self.title

        summary: None | str
        summary = self.summary

        body_html = self.body_html

        category: None | str
        category = self.category

        tags = self.tags

        version = self.version

        updated_at = self.updated_at.isoformat()

        translations = []
        for translations_item_data in self.translations:
            translations_item = translations_item_data.to_dict()
            translations.append(translations_item)

        votes_url = self.votes_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "locale": locale,
                "title": title,
                "summary": summary,
                "body_html": body_html,
                "category": category,
                "tags": tags,
                "version": version,
                "updated_at": updated_at,
                "translations": translations,
                "votes_url": votes_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_translation import PublicTranslation  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        locale = d.pop("locale")

        title = d.pop("title")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        body_html = d.pop("body_html")

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        tags = cast(list[str], d.pop("tags"))

        version = d.pop("version")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        translations = []
        _translations = d.pop("translations")
        for translations_item_data in _translations:
            translations_item = PublicTranslation.from_dict(translations_item_data)

            translations.append(translations_item)

        votes_url = d.pop("votes_url")

        public_article = cls(
            id=id,
            locale=locale,
            title=title,
            summary=summary,
            body_html=body_html,
            category=category,
            tags=tags,
            version=version,
            updated_at=updated_at,
            translations=translations,
            votes_url=votes_url,
        )

        public_article.additional_properties = d
        return public_article

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
