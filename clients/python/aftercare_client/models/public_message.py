from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_author import MessageAuthor
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cited_article import CitedArticle


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
        cited_articles (list[CitedArticle] | Unset): help-centre articles the reply points to
    """

    author: MessageAuthor
    author_name: None | str
    body: str
    created_at: datetime.datetime
    created_at_text: str
    cited_articles: list[CitedArticle] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author.value

        author_name: None | str
        author_name = self.author_name

        body = self.body

        created_at = self.created_at.isoformat()

        created_at_text = self.created_at_text

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
                "author": author,
                "author_name": author_name,
                "body": body,
                "created_at": created_at,
                "created_at_text": created_at_text,
            }
        )
        if cited_articles is not UNSET:
            field_dict["cited_articles"] = cited_articles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cited_article import CitedArticle  # noqa: PLC0415

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

        _cited_articles = d.pop("cited_articles", UNSET)
        cited_articles: list[CitedArticle] | Unset = UNSET
        if _cited_articles is not UNSET:
            cited_articles = []
            for cited_articles_item_data in _cited_articles:
                cited_articles_item = CitedArticle.from_dict(cited_articles_item_data)

                cited_articles.append(cited_articles_item)

        public_message = cls(
            author=author,
            author_name=author_name,
            body=body,
            created_at=created_at,
            created_at_text=created_at_text,
            cited_articles=cited_articles,
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
