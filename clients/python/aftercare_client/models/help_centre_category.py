from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.public_article_list_item import PublicArticleListItem


T = TypeVar("T", bound="HelpCentreCategory")


@_attrs_define
class HelpCentreCategory:
    """
    Attributes:
        name (None | str): null: articles without a category
        articles (list[PublicArticleListItem]):
    """

    name: None | str
    articles: list[PublicArticleListItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str
        name = self.name

        articles = []
        for articles_item_data in self.articles:
            articles_item = articles_item_data.to_dict()
            articles.append(articles_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "articles": articles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_article_list_item import PublicArticleListItem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        articles = []
        _articles = d.pop("articles")
        for articles_item_data in _articles:
            articles_item = PublicArticleListItem.from_dict(articles_item_data)

            articles.append(articles_item)

        help_centre_category = cls(
            name=name,
            articles=articles,
        )

        help_centre_category.additional_properties = d
        return help_centre_category

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
