from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.author_type import AuthorType
from ..models.channel import Channel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cited_article import CitedArticle


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
        cited_articles (list[CitedArticle] | Unset): the knowledge-base articles the reply cites, in its order
    """

    id: UUID
    ticket_id: UUID
    author_type: AuthorType
    public: bool
    body: str
    channel: Channel
    created_at: datetime.datetime
    cited_articles: list[CitedArticle] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        ticket_id = str(self.ticket_id)

        author_type = self.author_type.value

        public = self.public

        body = self.body

        channel = self.channel.value

        created_at = self.created_at.isoformat()

        cited_articles: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cited_articles, Unset):
            cited_articles = []
            for cited_articles_item_data in self.cited_articles:
                cited_articles_item = cited_articles_item_data.to_dict()
                cited_articles.append(cited_articles_item)

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
        if cited_articles is not UNSET:
            field_dict["cited_articles"] = cited_articles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cited_article import CitedArticle  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        ticket_id = UUID(d.pop("ticket_id"))

        author_type = AuthorType(d.pop("author_type"))

        public = d.pop("public")

        body = d.pop("body")

        channel = Channel(d.pop("channel"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _cited_articles = d.pop("cited_articles", UNSET)
        cited_articles: list[CitedArticle] | Unset = UNSET
        if _cited_articles is not UNSET:
            cited_articles = []
            for cited_articles_item_data in _cited_articles:
                cited_articles_item = CitedArticle.from_dict(cited_articles_item_data)

                cited_articles.append(cited_articles_item)

        message_out = cls(
            id=id,
            ticket_id=ticket_id,
            author_type=author_type,
            public=public,
            body=body,
            channel=channel,
            created_at=created_at,
            cited_articles=cited_articles,
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
