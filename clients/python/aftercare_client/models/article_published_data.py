from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.api_key_actor import ApiKeyActor
    from ..models.article_out import ArticleOut
    from ..models.system_actor import SystemActor


T = TypeVar("T", bound="ArticlePublishedData")


@_attrs_define
class ArticlePublishedData:
    """An article was published: created as published, or a draft or archived article
    published (PATCH status). `version` is the version this publication wrote.

        Attributes:
            article (ArticleOut):
            version (int):
            published_by (ApiKeyActor | SystemActor):
            published_at (datetime.datetime):
    """

    article: ArticleOut
    version: int
    published_by: ApiKeyActor | SystemActor
    published_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_actor import SystemActor  # noqa: PLC0415

        article = self.article.to_dict()

        version = self.version

        published_by: dict[str, Any]
        if isinstance(self.published_by, SystemActor):
            published_by = self.published_by.to_dict()
        else:
            published_by = self.published_by.to_dict()

        published_at = self.published_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article": article,
                "version": version,
                "published_by": published_by,
                "published_at": published_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_key_actor import ApiKeyActor  # noqa: PLC0415
        from ..models.article_out import ArticleOut  # noqa: PLC0415
        from ..models.system_actor import SystemActor  # noqa: PLC0415

        d = dict(src_dict)
        article = ArticleOut.from_dict(d.pop("article"))

        version = d.pop("version")

        def _parse_published_by(data: object) -> ApiKeyActor | SystemActor:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                published_by_type_0 = SystemActor.from_dict(data)

                return published_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            published_by_type_1 = ApiKeyActor.from_dict(data)

            return published_by_type_1

        published_by = _parse_published_by(d.pop("published_by"))

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        article_published_data = cls(
            article=article,
            version=version,
            published_by=published_by,
            published_at=published_at,
        )

        article_published_data.additional_properties = d
        return article_published_data

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
