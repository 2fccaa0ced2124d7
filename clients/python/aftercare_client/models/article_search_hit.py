from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.article_list_item import ArticleListItem


T = TypeVar("T", bound="ArticleSearchHit")


@_attrs_define
class ArticleSearchHit:
    """
    Attributes:
        article (ArticleListItem): An article without its body.
        rank (float): ts_rank_cd: higher is better; compare within one search
        excerpt (str): HTML: the body's text around the matches, escaped, matches in <mark>
    """

    article: ArticleListItem
    rank: float
    excerpt: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        article = self.article.to_dict()

        rank = self.rank

        excerpt = self.excerpt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article": article,
                "rank": rank,
                "excerpt": excerpt,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article_list_item import ArticleListItem  # noqa: PLC0415

        d = dict(src_dict)
        article = ArticleListItem.from_dict(d.pop("article"))

        rank = d.pop("rank")

        excerpt = d.pop("excerpt")

        article_search_hit = cls(
            article=article,
            rank=rank,
            excerpt=excerpt,
        )

        article_search_hit.additional_properties = d
        return article_search_hit

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
