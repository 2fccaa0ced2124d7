from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VoteReceipt")


@_attrs_define
class VoteReceipt:
    """
    Attributes:
        id (UUID):
        article_id (UUID):
        helpful (bool):
        feedback_id (None | UUID): the feedback item a negative vote with a comment became
        created_at (datetime.datetime):
    """

    id: UUID
    article_id: UUID
    helpful: bool
    feedback_id: None | UUID
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        article_id = str(self.article_id)

        helpful = self.helpful

        feedback_id: None | str
        if isinstance(self.feedback_id, UUID):
            feedback_id = str(self.feedback_id)
        else:
            feedback_id = self.feedback_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "article_id": article_id,
                "helpful": helpful,
                "feedback_id": feedback_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        article_id = UUID(d.pop("article_id"))

        helpful = d.pop("helpful")

        def _parse_feedback_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                feedback_id_type_0 = UUID(data)

                return feedback_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        feedback_id = _parse_feedback_id(d.pop("feedback_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        vote_receipt = cls(
            id=id,
            article_id=article_id,
            helpful=helpful,
            feedback_id=feedback_id,
            created_at=created_at,
        )

        vote_receipt.additional_properties = d
        return vote_receipt

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
