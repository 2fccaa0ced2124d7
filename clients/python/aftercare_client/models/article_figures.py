from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.figure import Figure


T = TypeVar("T", bound="ArticleFigures")


@_attrs_define
class ArticleFigures:
    """
    Attributes:
        id (UUID):
        locale (str):
        title (str):
        url (str):
        views (int):
        helpful_votes (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
    """

    id: UUID
    locale: str
    title: str
    url: str
    views: int
    helpful_votes: Figure
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        locale = self.locale

        title = self.title

        url = self.url

        views = self.views

        helpful_votes = self.helpful_votes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "locale": locale,
                "title": title,
                "url": url,
                "views": views,
                "helpful_votes": helpful_votes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figure import Figure  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        locale = d.pop("locale")

        title = d.pop("title")

        url = d.pop("url")

        views = d.pop("views")

        helpful_votes = Figure.from_dict(d.pop("helpful_votes"))

        article_figures = cls(
            id=id,
            locale=locale,
            title=title,
            url=url,
            views=views,
            helpful_votes=helpful_votes,
        )

        article_figures.additional_properties = d
        return article_figures

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
