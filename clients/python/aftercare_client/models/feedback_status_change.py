from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.feedback_status import FeedbackStatus

T = TypeVar("T", bound="FeedbackStatusChange")


@_attrs_define
class FeedbackStatusChange:
    """
    Attributes:
        from_ (FeedbackStatus): new -> acknowledged -> actioned -> closed, one step at a time.
        to (FeedbackStatus): new -> acknowledged -> actioned -> closed, one step at a time.
    """

    from_: FeedbackStatus
    to: FeedbackStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.value

        to = self.to.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = FeedbackStatus(d.pop("from"))

        to = FeedbackStatus(d.pop("to"))

        feedback_status_change = cls(
            from_=from_,
            to=to,
        )

        feedback_status_change.additional_properties = d
        return feedback_status_change

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
