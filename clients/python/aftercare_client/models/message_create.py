from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.author_type import AuthorType
from ..models.channel import Channel
from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageCreate")


@_attrs_define
class MessageCreate:
    """
    Attributes:
        author_type (AuthorType):
        body (str):
        public (bool | Unset): false: an internal note (agents only) Default: True.
        channel (Channel | None | Unset): default: the ticket's channel
        article_ids (list[UUID] | Unset): published knowledge-base articles the reply cites (an agent's public reply
            only); an unknown or unpublished one is a 422 article-not-citable
    """

    author_type: AuthorType
    body: str
    public: bool | Unset = True
    channel: Channel | None | Unset = UNSET
    article_ids: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        author_type = self.author_type.value

        body = self.body

        public = self.public

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, Channel):
            channel = self.channel.value
        else:
            channel = self.channel

        article_ids: list[str] | Unset = UNSET
        if not isinstance(self.article_ids, Unset):
            article_ids = []
            for article_ids_item_data in self.article_ids:
                article_ids_item = str(article_ids_item_data)
                article_ids.append(article_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "author_type": author_type,
                "body": body,
            }
        )
        if public is not UNSET:
            field_dict["public"] = public
        if channel is not UNSET:
            field_dict["channel"] = channel
        if article_ids is not UNSET:
            field_dict["article_ids"] = article_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author_type = AuthorType(d.pop("author_type"))

        body = d.pop("body")

        public = d.pop("public", UNSET)

        def _parse_channel(data: object) -> Channel | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = Channel(data)

                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Channel | None | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        _article_ids = d.pop("article_ids", UNSET)
        article_ids: list[UUID] | Unset = UNSET
        if _article_ids is not UNSET:
            article_ids = []
            for article_ids_item_data in _article_ids:
                article_ids_item = UUID(article_ids_item_data)

                article_ids.append(article_ids_item)

        message_create = cls(
            author_type=author_type,
            body=body,
            public=public,
            channel=channel,
            article_ids=article_ids,
        )

        return message_create
