from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.article_figures import ArticleFigures
    from ..models.fcr_comparison import FcrComparison
    from ..models.figure import Figure


T = TypeVar("T", bound="KnowledgeBaseMetrics")


@_attrs_define
class KnowledgeBaseMetrics:
    """
    Attributes:
        from_ (datetime.datetime):
        to (datetime.datetime):
        views (int): readings of published articles (pages and public JSON)
        articles_viewed (int): distinct articles read
        helpful_votes (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        tickets_resolved_with_cited_article (Figure): A percentage (or score) with what it was computed from; value null
            when nothing was
            measured (denominator 0).
        first_contact_resolution (FcrComparison):
        most_read (list[ArticleFigures]): the 10 articles read most
    """

    from_: datetime.datetime
    to: datetime.datetime
    views: int
    articles_viewed: int
    helpful_votes: Figure
    tickets_resolved_with_cited_article: Figure
    first_contact_resolution: FcrComparison
    most_read: list[ArticleFigures]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        views = self.views

        articles_viewed = self.articles_viewed

        helpful_votes = self.helpful_votes.to_dict()

        tickets_resolved_with_cited_article = (
            self.tickets_resolved_with_cited_article.to_dict()
        )

        first_contact_resolution = self.first_contact_resolution.to_dict()

        most_read = []
        for most_read_item_data in self.most_read:
            most_read_item = most_read_item_data.to_dict()
            most_read.append(most_read_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "views": views,
                "articles_viewed": articles_viewed,
                "helpful_votes": helpful_votes,
                "tickets_resolved_with_cited_article": tickets_resolved_with_cited_article,
                "first_contact_resolution": first_contact_resolution,
                "most_read": most_read,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article_figures import ArticleFigures  # noqa: PLC0415
        from ..models.fcr_comparison import FcrComparison  # noqa: PLC0415
        from ..models.figure import Figure  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        views = d.pop("views")

        articles_viewed = d.pop("articles_viewed")

        helpful_votes = Figure.from_dict(d.pop("helpful_votes"))

        tickets_resolved_with_cited_article = Figure.from_dict(
            d.pop("tickets_resolved_with_cited_article")
        )

        first_contact_resolution = FcrComparison.from_dict(
            d.pop("first_contact_resolution")
        )

        most_read = []
        _most_read = d.pop("most_read")
        for most_read_item_data in _most_read:
            most_read_item = ArticleFigures.from_dict(most_read_item_data)

            most_read.append(most_read_item)

        knowledge_base_metrics = cls(
            from_=from_,
            to=to,
            views=views,
            articles_viewed=articles_viewed,
            helpful_votes=helpful_votes,
            tickets_resolved_with_cited_article=tickets_resolved_with_cited_article,
            first_contact_resolution=first_contact_resolution,
            most_read=most_read,
        )

        knowledge_base_metrics.additional_properties = d
        return knowledge_base_metrics

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
