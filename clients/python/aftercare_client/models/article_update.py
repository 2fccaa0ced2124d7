from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.article_status import ArticleStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.applies_to import AppliesTo
    from ..models.notice import Notice


T = TypeVar("T", bound="ArticleUpdate")


@_attrs_define
class ArticleUpdate:
    """Only the fields sent change (at least one); null clears `summary`, `category` and
    `notice`. A change of a published article's content is a new version.

        Attributes:
            title (str | Unset):
            body (str | Unset): Markdown (CommonMark, tables, strikethrough); HTML in it is sanitised
            summary (None | str | Unset):
            tags (list[str] | Unset):
            category (None | str | Unset):
            applies_to (AppliesTo | Unset): What the article is about: the shop's product references and order service
                levels
                (`express`, ...; orders carry no other type). Empty lists: it applies to everything.
            notice (None | Notice | Unset):
            status (ArticleStatus | Unset): draft -> published <-> archived; a published article never goes back to draft.
    """

    title: str | Unset = UNSET
    body: str | Unset = UNSET
    summary: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    category: None | str | Unset = UNSET
    applies_to: AppliesTo | Unset = UNSET
    notice: None | Notice | Unset = UNSET
    status: ArticleStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.notice import Notice  # noqa: PLC0415

        title = self.title

        body = self.body

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        applies_to: dict[str, Any] | Unset = UNSET
        if not isinstance(self.applies_to, Unset):
            applies_to = self.applies_to.to_dict()

        notice: dict[str, Any] | None | Unset
        if isinstance(self.notice, Unset):
            notice = UNSET
        elif isinstance(self.notice, Notice):
            notice = self.notice.to_dict()
        else:
            notice = self.notice

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if body is not UNSET:
            field_dict["body"] = body
        if summary is not UNSET:
            field_dict["summary"] = summary
        if tags is not UNSET:
            field_dict["tags"] = tags
        if category is not UNSET:
            field_dict["category"] = category
        if applies_to is not UNSET:
            field_dict["applies_to"] = applies_to
        if notice is not UNSET:
            field_dict["notice"] = notice
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.applies_to import AppliesTo  # noqa: PLC0415
        from ..models.notice import Notice  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        body = d.pop("body", UNSET)

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        _applies_to = d.pop("applies_to", UNSET)
        applies_to: AppliesTo | Unset
        if isinstance(_applies_to, Unset):
            applies_to = UNSET
        else:
            applies_to = AppliesTo.from_dict(_applies_to)

        def _parse_notice(data: object) -> None | Notice | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                notice_type_0 = Notice.from_dict(data)

                return notice_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Notice | Unset, data)

        notice = _parse_notice(d.pop("notice", UNSET))

        _status = d.pop("status", UNSET)
        status: ArticleStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ArticleStatus(_status)

        article_update = cls(
            title=title,
            body=body,
            summary=summary,
            tags=tags,
            category=category,
            applies_to=applies_to,
            notice=notice,
            status=status,
        )

        return article_update
