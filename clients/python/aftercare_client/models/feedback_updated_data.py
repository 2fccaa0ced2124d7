from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.api_key_actor import ApiKeyActor
    from ..models.feedback_changes import FeedbackChanges
    from ..models.feedback_out import FeedbackOut
    from ..models.system_actor import SystemActor


T = TypeVar("T", bound="FeedbackUpdatedData")


@_attrs_define
class FeedbackUpdatedData:
    """Feedback's status, action taken, area or sentiment changed (PATCH /v1/feedback/{id}).

    Attributes:
        feedback (FeedbackOut):
        changes (FeedbackChanges): What changed, from what to what; null for a field that did not change.
        changed_by (ApiKeyActor | SystemActor):
        changed_at (datetime.datetime):
    """

    feedback: FeedbackOut
    changes: FeedbackChanges
    changed_by: ApiKeyActor | SystemActor
    changed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_actor import SystemActor  # noqa: PLC0415

        feedback = self.feedback.to_dict()

        changes = self.changes.to_dict()

        changed_by: dict[str, Any]
        if isinstance(self.changed_by, SystemActor):
            changed_by = self.changed_by.to_dict()
        else:
            changed_by = self.changed_by.to_dict()

        changed_at = self.changed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feedback": feedback,
                "changes": changes,
                "changed_by": changed_by,
                "changed_at": changed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_key_actor import ApiKeyActor  # noqa: PLC0415
        from ..models.feedback_changes import FeedbackChanges  # noqa: PLC0415
        from ..models.feedback_out import FeedbackOut  # noqa: PLC0415
        from ..models.system_actor import SystemActor  # noqa: PLC0415

        d = dict(src_dict)
        feedback = FeedbackOut.from_dict(d.pop("feedback"))

        changes = FeedbackChanges.from_dict(d.pop("changes"))

        def _parse_changed_by(data: object) -> ApiKeyActor | SystemActor:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                changed_by_type_0 = SystemActor.from_dict(data)

                return changed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            changed_by_type_1 = ApiKeyActor.from_dict(data)

            return changed_by_type_1

        changed_by = _parse_changed_by(d.pop("changed_by"))

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        feedback_updated_data = cls(
            feedback=feedback,
            changes=changes,
            changed_by=changed_by,
            changed_at=changed_at,
        )

        feedback_updated_data.additional_properties = d
        return feedback_updated_data

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
