from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.article_updated_data import ArticleUpdatedData


T = TypeVar("T", bound="ArticleUpdatedEvent")


@_attrs_define
class ArticleUpdatedEvent:
    """An article that has been published changed: its content (a new published version while it is published), its notice,
    or its status (archived). Drafts never published record no event.

        Attributes:
            id (UUID): the event's id; webhooks send it as webhook-id
            type_ (Literal['article.updated']):
            created_at (datetime.datetime):
            data (ArticleUpdatedData): An article that has been published changed: its content (a new published version
                while
                it is published), its notice, or its status (archived). Drafts never published record no
                event.
    """

    id: UUID
    type_: Literal["article.updated"]
    created_at: datetime.datetime
    data: ArticleUpdatedData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article_updated_data import ArticleUpdatedData  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = cast(Literal["article.updated"], d.pop("type"))
        if type_ != "article.updated":
            raise ValueError(f"type must match const 'article.updated', got '{type_}'")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ArticleUpdatedData.from_dict(d.pop("data"))

        article_updated_event = cls(
            id=id,
            type_=type_,
            created_at=created_at,
            data=data,
        )

        article_updated_event.additional_properties = d
        return article_updated_event

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
