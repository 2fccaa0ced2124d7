from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notice_match import NoticeMatch

T = TypeVar("T", bound="OrderNotice")


@_attrs_define
class OrderNotice:
    """A published article marked as an update notice that applies to the order now.

    Attributes:
        id (UUID):
        translation_group_id (UUID):
        locale (str):
        title (str):
        summary (None | str):
        body_html (str): rendered and sanitised: safe to place in a page
        url (str): its public path: a page for a browser, JSON otherwise
        starts_at (datetime.datetime):
        ends_at (datetime.datetime):
        matched (list[NoticeMatch]): why it applies: the order's ref is named, and/or one of its products
        updated_at (datetime.datetime):
    """

    id: UUID
    translation_group_id: UUID
    locale: str
    title: str
    summary: None | str
    body_html: str
    url: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    matched: list[NoticeMatch]
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        translation_group_id = str(self.translation_group_id)

        locale = self.locale

        title = self.title

        summary: None | str
        summary = self.summary

        body_html = self.body_html

        url = self.url

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        matched = []
        for matched_item_data in self.matched:
            matched_item = matched_item_data.value
            matched.append(matched_item)

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "translation_group_id": translation_group_id,
                "locale": locale,
                "title": title,
                "summary": summary,
                "body_html": body_html,
                "url": url,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "matched": matched,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

        body_html = d.pop("body_html")

        url = d.pop("url")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        matched = []
        _matched = d.pop("matched")
        for matched_item_data in _matched:
            matched_item = NoticeMatch(matched_item_data)

            matched.append(matched_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        order_notice = cls(
            id=id,
            translation_group_id=translation_group_id,
            locale=locale,
            title=title,
            summary=summary,
            body_html=body_html,
            url=url,
            starts_at=starts_at,
            ends_at=ends_at,
            matched=matched,
            updated_at=updated_at,
        )

        order_notice.additional_properties = d
        return order_notice

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
