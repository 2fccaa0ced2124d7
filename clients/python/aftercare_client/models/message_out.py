from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.author_type import AuthorType
from ..models.channel import Channel

T = TypeVar("T", bound="MessageOut")


@_attrs_define
class MessageOut:
    """
    Attributes:
        id (UUID):
        ticket_id (UUID):
        author_type (AuthorType):
        public (bool):
        body (str):
        channel (Channel):
        created_at (datetime.datetime):
    """

    id: UUID
    ticket_id: UUID
    author_type: AuthorType
    public: bool
    body: str
    channel: Channel
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        ticket_id = str(self.ticket_id)

        author_type = self.author_type.value

        public = self.public

        body = self.body

        channel = self.channel.value

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "ticket_id": ticket_id,
                "author_type": author_type,
                "public": public,
                "body": body,
                "channel": channel,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        ticket_id = UUID(d.pop("ticket_id"))

        author_type = AuthorType(d.pop("author_type"))

        public = d.pop("public")

        body = d.pop("body")

        channel = Channel(d.pop("channel"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        message_out = cls(
            id=id,
            ticket_id=ticket_id,
            author_type=author_type,
            public=public,
            body=body,
            channel=channel,
            created_at=created_at,
        )

        message_out.additional_properties = d
        return message_out

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
