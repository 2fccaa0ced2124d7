from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.expectation_area import ExpectationArea
from ..models.feedback_status import FeedbackStatus
from ..models.sentiment import Sentiment
from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedbackUpdate")


@_attrs_define
class FeedbackUpdate:
    """Omit a field to leave it as it is (null is refused).

    Attributes:
        status (FeedbackStatus | Unset): new -> acknowledged -> actioned -> closed, one step at a time.
        action_taken (str | Unset):
        area (ExpectationArea | Unset):
        sentiment (Sentiment | Unset):
    """

    status: FeedbackStatus | Unset = UNSET
    action_taken: str | Unset = UNSET
    area: ExpectationArea | Unset = UNSET
    sentiment: Sentiment | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        action_taken = self.action_taken

        area: str | Unset = UNSET
        if not isinstance(self.area, Unset):
            area = self.area.value

        sentiment: str | Unset = UNSET
        if not isinstance(self.sentiment, Unset):
            sentiment = self.sentiment.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if action_taken is not UNSET:
            field_dict["action_taken"] = action_taken
        if area is not UNSET:
            field_dict["area"] = area
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: FeedbackStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = FeedbackStatus(_status)

        action_taken = d.pop("action_taken", UNSET)

        _area = d.pop("area", UNSET)
        area: ExpectationArea | Unset
        if isinstance(_area, Unset):
            area = UNSET
        else:
            area = ExpectationArea(_area)

        _sentiment = d.pop("sentiment", UNSET)
        sentiment: Sentiment | Unset
        if isinstance(_sentiment, Unset):
            sentiment = UNSET
        else:
            sentiment = Sentiment(_sentiment)

        feedback_update = cls(
            status=status,
            action_taken=action_taken,
            area=area,
            sentiment=sentiment,
        )

        return feedback_update
