from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.api_key_actor import ApiKeyActor
    from ..models.feedback_out import FeedbackOut
    from ..models.system_actor import SystemActor


T = TypeVar("T", bound="FeedbackCreatedData")


@_attrs_define
class FeedbackCreatedData:
    """Feedback was recorded: posted, or a low survey score followed up.

    Attributes:
        feedback (FeedbackOut):
        created_by (ApiKeyActor | SystemActor):
    """

    feedback: FeedbackOut
    created_by: ApiKeyActor | SystemActor
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_actor import SystemActor  # noqa: PLC0415

        feedback = self.feedback.to_dict()

        created_by: dict[str, Any]
        if isinstance(self.created_by, SystemActor):
            created_by = self.created_by.to_dict()
        else:
            created_by = self.created_by.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feedback": feedback,
                "created_by": created_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_key_actor import ApiKeyActor  # noqa: PLC0415
        from ..models.feedback_out import FeedbackOut  # noqa: PLC0415
        from ..models.system_actor import SystemActor  # noqa: PLC0415

        d = dict(src_dict)
        feedback = FeedbackOut.from_dict(d.pop("feedback"))

        def _parse_created_by(data: object) -> ApiKeyActor | SystemActor:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                created_by_type_0 = SystemActor.from_dict(data)

                return created_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            created_by_type_1 = ApiKeyActor.from_dict(data)

            return created_by_type_1

        created_by = _parse_created_by(d.pop("created_by"))

        feedback_created_data = cls(
            feedback=feedback,
            created_by=created_by,
        )

        feedback_created_data.additional_properties = d
        return feedback_created_data

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
