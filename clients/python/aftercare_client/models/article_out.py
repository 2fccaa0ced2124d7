from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.article_status import ArticleStatus

if TYPE_CHECKING:
    from ..models.applies_to_out import AppliesToOut
    from ..models.notice_out import NoticeOut


T = TypeVar("T", bound="ArticleOut")


@_attrs_define
class ArticleOut:
    """
    Attributes:
        id (UUID):
        translation_group_id (UUID): shared by the article's translations
        locale (str):
        title (str):
        summary (None | str):
        tags (list[str]):
        category (None | str):
        applies_to (AppliesToOut):
        notice (None | NoticeOut):
        status (ArticleStatus): draft -> published <-> archived; a published article never goes back to draft.
        version (int): published versions so far (0: never published)
        published_at (datetime.datetime | None): first published
        archived_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        body (str): Markdown, as written
        body_html (str): rendered and sanitised: safe to place in a page
    """

    id: UUID
    translation_group_id: UUID
    locale: str
    title: str
    summary: None | str
    tags: list[str]
    category: None | str
    applies_to: AppliesToOut
    notice: None | NoticeOut
    status: ArticleStatus
    version: int
    published_at: datetime.datetime | None
    archived_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    body: str
    body_html: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.notice_out import NoticeOut  # noqa: PLC0415

        id = str(self.id)

        translation_group_id = str(self.translation_group_id)

        locale = self.locale

        title = self.title

        summary: None | str
        summary = self.summary

        tags = self.tags

        category: None | str
        category = self.category

        applies_to = self.applies_to.to_dict()

        notice: dict[str, Any] | None
        if isinstance(self.notice, NoticeOut):
            notice = self.notice.to_dict()
        else:
            notice = self.notice

        status = self.status.value

        version = self.version

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        body = self.body

        body_html = self.body_html

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "translation_group_id": translation_group_id,
                "locale": locale,
                "title": title,
                "summary": summary,
                "tags": tags,
                "category": category,
                "applies_to": applies_to,
                "notice": notice,
                "status": status,
                "version": version,
                "published_at": published_at,
                "archived_at": archived_at,
                "created_at": created_at,
                "updated_at": updated_at,
                "body": body,
                "body_html": body_html,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.applies_to_out import AppliesToOut  # noqa: PLC0415
        from ..models.notice_out import NoticeOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        translation_group_id = UUID(d.pop("translation_group_id"))

        locale = d.pop("locale")

        title = d.pop("title")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        tags = cast(list[str], d.pop("tags"))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        applies_to = AppliesToOut.from_dict(d.pop("applies_to"))

        def _parse_notice(data: object) -> None | NoticeOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                notice_type_0 = NoticeOut.from_dict(data)

                return notice_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NoticeOut, data)

        notice = _parse_notice(d.pop("notice"))

        status = ArticleStatus(d.pop("status"))

        version = d.pop("version")

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archived_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        body = d.pop("body")

        body_html = d.pop("body_html")

        article_out = cls(
            id=id,
            translation_group_id=translation_group_id,
            locale=locale,
            title=title,
            summary=summary,
            tags=tags,
            category=category,
            applies_to=applies_to,
            notice=notice,
            status=status,
            version=version,
            published_at=published_at,
            archived_at=archived_at,
            created_at=created_at,
            updated_at=updated_at,
            body=body,
            body_html=body_html,
        )

        article_out.additional_properties = d
        return article_out

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
