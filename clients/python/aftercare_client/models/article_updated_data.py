from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.article_field import ArticleField

if TYPE_CHECKING:
    from ..models.api_key_actor import ApiKeyActor
    from ..models.article_out import ArticleOut
    from ..models.system_actor import SystemActor


T = TypeVar("T", bound="ArticleUpdatedData")


@_attrs_define
class ArticleUpdatedData:
    """An article that has been published changed: its content (a new published version while
    it is published), its notice, or its status (archived). Drafts never published record no
    event.

        Attributes:
            article (ArticleOut):
            changes (list[ArticleField]): the fields that changed
            new_version (int | None): the published version this change wrote; null: none (not published)
            changed_by (ApiKeyActor | SystemActor):
            changed_at (datetime.datetime):
    """

    article: ArticleOut
    changes: list[ArticleField]
    new_version: int | None
    changed_by: ApiKeyActor | SystemActor
    changed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_actor import SystemActor  # noqa: PLC0415

        article = self.article.to_dict()

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.value
            changes.append(changes_item)

        new_version: int | None
        new_version = self.new_version

        changed_by: dict[str, Any]
        if isinstance(self.changed_by, SystemActor):
            changed_by = self.changed_by.to_dict()
        else:
            changed_by = self.changed_by.to_dict()

        changed_at = self.changed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article": article,
                "changes": changes,
                "new_version": new_version,
                "changed_by": changed_by,
                "changed_at": changed_at,
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

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = ArticleField(changes_item_data)

            changes.append(changes_item)

        def _parse_new_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        new_version = _parse_new_version(d.pop("new_version"))

        def _parse_changed_by(data: object) -> ApiKeyActor | SystemActor:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                changed_by_type_0 = SystemActor.from_dict(data)

                return changed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            changed_by_type_1 = ApiKeyActor.from_dict(data)

            return changed_by_type_1

        changed_by = _parse_changed_by(d.pop("changed_by"))

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        article_updated_data = cls(
            article=article,
            changes=changes,
            new_version=new_version,
            changed_by=changed_by,
            changed_at=changed_at,
        )

        article_updated_data.additional_properties = d
        return article_updated_data

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
