from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.delivery_attempt_out import DeliveryAttemptOut


T = TypeVar("T", bound="TestDeliveryResult")


@_attrs_define
class TestDeliveryResult:
    """
    Attributes:
        delivery_id (UUID):
        message_id (str): the `webhook-id` that was sent
        success (bool):
        attempt (DeliveryAttemptOut):
    """

    delivery_id: UUID
    message_id: str
    success: bool
    attempt: DeliveryAttemptOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_id = str(self.delivery_id)

        message_id = self.message_id

        success = self.success

        attempt = self.attempt.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_id": delivery_id,
                "message_id": message_id,
                "success": success,
                "attempt": attempt,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_attempt_out import DeliveryAttemptOut  # noqa: PLC0415

        d = dict(src_dict)
        delivery_id = UUID(d.pop("delivery_id"))

        message_id = d.pop("message_id")

        success = d.pop("success")

        attempt = DeliveryAttemptOut.from_dict(d.pop("attempt"))

        test_delivery_result = cls(
            delivery_id=delivery_id,
            message_id=message_id,
            success=success,
            attempt=attempt,
        )

        test_delivery_result.additional_properties = d
        return test_delivery_result

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
