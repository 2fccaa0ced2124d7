from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_author import MessageAuthor

T = TypeVar("T", bound="PublicMessage")


@_attrs_define
class PublicMessage:
    """
    Attributes:
        author (MessageAuthor):
        author_name (None | str): the agent's name where the service shows names, else null
        body (str):
        created_at (datetime.datetime):
        created_at_text (str): created_at in the customer's language and zone
    """

    author: MessageAuthor
    author_name: None | str
    body: str
    created_at: datetime.datetime
    created_at_text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author.value

        author_name: None | str
        author_name = self.author_name

        body = self.body

        created_at = self.created_at.isoformat()

        created_at_text = self.created_at_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author": author,
                "author_name": author_name,
                "body": body,
                "created_at": created_at,
                "created_at_text": created_at_text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author = MessageAuthor(d.pop("author"))

        def _parse_author_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        author_name = _parse_author_name(d.pop("author_name"))

        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_at_text = d.pop("created_at_text")

        public_message = cls(
            author=author,
            author_name=author_name,
            body=body,
            created_at=created_at,
            created_at_text=created_at_text,
        )

        public_message.additional_properties = d
        return public_message

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
