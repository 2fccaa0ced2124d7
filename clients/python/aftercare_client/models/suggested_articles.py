from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.article_search_hit import ArticleSearchHit
    from ..models.search_correction import SearchCorrection


T = TypeVar("T", bound="SuggestedArticles")


@_attrs_define
class SuggestedArticles:
    """Published articles that may answer the ticket, best first.

    Attributes:
        locale (str): the language searched: the customer's, or the default
        fallback (bool): true: nothing matched in the customer's language, these are the default locale's
        items (list[ArticleSearchHit]):
        corrections (list[SearchCorrection]): ticket words no article uses, searched as the most similar word one does
    """

    locale: str
    fallback: bool
    items: list[ArticleSearchHit]
    corrections: list[SearchCorrection]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        locale = self.locale

        fallback = self.fallback

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        corrections = []
        for corrections_item_data in self.corrections:
            corrections_item = corrections_item_data.to_dict()
            corrections.append(corrections_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "locale": locale,
                "fallback": fallback,
                "items": items,
                "corrections": corrections,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article_search_hit import ArticleSearchHit  # noqa: PLC0415
        from ..models.search_correction import SearchCorrection  # noqa: PLC0415

        d = dict(src_dict)
        locale = d.pop("locale")

        fallback = d.pop("fallback")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ArticleSearchHit.from_dict(items_item_data)

            items.append(items_item)

        corrections = []
        _corrections = d.pop("corrections")
        for corrections_item_data in _corrections:
            corrections_item = SearchCorrection.from_dict(corrections_item_data)

            corrections.append(corrections_item)

        suggested_articles = cls(
            locale=locale,
            fallback=fallback,
            items=items,
            corrections=corrections,
        )

        suggested_articles.additional_properties = d
        return suggested_articles

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
