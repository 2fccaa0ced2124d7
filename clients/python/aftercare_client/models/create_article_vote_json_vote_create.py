from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateArticleVoteJsonVoteCreate")


@_attrs_define
class CreateArticleVoteJsonVoteCreate:
    """Did this article answer the reader's question? A `false` with a comment becomes a
    feedback item (source `knowledge_base`) for the team to read.

        Attributes:
            helpful (bool):
            comment (None | str | Unset): optional; blank is none; at most 2,000 characters
    """

    helpful: bool
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        helpful = self.helpful

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "helpful": helpful,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        helpful = d.pop("helpful")

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        create_article_vote_json_vote_create = cls(
            helpful=helpful,
            comment=comment,
        )

        return create_article_vote_json_vote_create
