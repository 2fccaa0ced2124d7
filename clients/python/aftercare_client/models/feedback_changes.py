from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.action_taken_change import ActionTakenChange
    from ..models.area_change import AreaChange
    from ..models.feedback_status_change import FeedbackStatusChange
    from ..models.sentiment_change import SentimentChange


T = TypeVar("T", bound="FeedbackChanges")


@_attrs_define
class FeedbackChanges:
    """What changed, from what to what; null for a field that did not change.

    Attributes:
        status (FeedbackStatusChange | None | Unset):
        action_taken (ActionTakenChange | None | Unset):
        area (AreaChange | None | Unset):
        sentiment (None | SentimentChange | Unset):
    """

    status: FeedbackStatusChange | None | Unset = UNSET
    action_taken: ActionTakenChange | None | Unset = UNSET
    area: AreaChange | None | Unset = UNSET
    sentiment: None | SentimentChange | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.action_taken_change import ActionTakenChange  # noqa: PLC0415
        from ..models.area_change import AreaChange  # noqa: PLC0415
        from ..models.feedback_status_change import FeedbackStatusChange  # noqa: PLC0415
        from ..models.sentiment_change import SentimentChange  # noqa: PLC0415

        status: dict[str, Any] | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, FeedbackStatusChange):
            status = self.status.to_dict()
        else:
            status = self.status

        action_taken: dict[str, Any] | None | Unset
        if isinstance(self.action_taken, Unset):
            action_taken = UNSET
        elif isinstance(self.action_taken, ActionTakenChange):
            action_taken = self.action_taken.to_dict()
        else:
            action_taken = self.action_taken

        area: dict[str, Any] | None | Unset
        if isinstance(self.area, Unset):
            area = UNSET
        elif isinstance(self.area, AreaChange):
            area = self.area.to_dict()
        else:
            area = self.area

        sentiment: dict[str, Any] | None | Unset
        if isinstance(self.sentiment, Unset):
            sentiment = UNSET
        elif isinstance(self.sentiment, SentimentChange):
            sentiment = self.sentiment.to_dict()
        else:
            sentiment = self.sentiment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
        from ..models.action_taken_change import ActionTakenChange  # noqa: PLC0415
        from ..models.area_change import AreaChange  # noqa: PLC0415
        from ..models.feedback_status_change import FeedbackStatusChange  # noqa: PLC0415
        from ..models.sentiment_change import SentimentChange  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_status(data: object) -> FeedbackStatusChange | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                status_type_0 = FeedbackStatusChange.from_dict(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FeedbackStatusChange | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_action_taken(data: object) -> ActionTakenChange | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                action_taken_type_0 = ActionTakenChange.from_dict(data)

                return action_taken_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActionTakenChange | None | Unset, data)

        action_taken = _parse_action_taken(d.pop("action_taken", UNSET))

        def _parse_area(data: object) -> AreaChange | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                area_type_0 = AreaChange.from_dict(data)

                return area_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AreaChange | None | Unset, data)

        area = _parse_area(d.pop("area", UNSET))

        def _parse_sentiment(data: object) -> None | SentimentChange | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sentiment_type_0 = SentimentChange.from_dict(data)

                return sentiment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SentimentChange | Unset, data)

        sentiment = _parse_sentiment(d.pop("sentiment", UNSET))

        feedback_changes = cls(
            status=status,
            action_taken=action_taken,
            area=area,
            sentiment=sentiment,
        )

        feedback_changes.additional_properties = d
        return feedback_changes

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
