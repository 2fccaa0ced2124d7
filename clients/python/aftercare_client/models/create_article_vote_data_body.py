from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.vote_answer import VoteAnswer
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateArticleVoteDataBody")


@_attrs_define
class CreateArticleVoteDataBody:
    """
    Attributes:
        helpful (VoteAnswer):
        comment (str | Unset):
    """

    helpful: VoteAnswer
    comment: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        helpful = self.helpful.value

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
        helpful = VoteAnswer(d.pop("helpful"))

        comment = d.pop("comment", UNSET)

        create_article_vote_data_body = cls(
            helpful=helpful,
            comment=comment,
        )

        return create_article_vote_data_body
