from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_status import OrderStatus

T = TypeVar("T", bound="OrderDeliveryOverdueData")


@_attrs_define
class OrderDeliveryOverdueData:
    """An order passed its promised delivery time undelivered (recorded once per order).

    Attributes:
        order_id (UUID):
        external_ref (str):
        customer_external_ref (str):
        status (OrderStatus):
        placed_at (datetime.datetime):
        promised_delivery_at (datetime.datetime):
    """

    order_id: UUID
    external_ref: str
    customer_external_ref: str
    status: OrderStatus
    placed_at: datetime.datetime
    promised_delivery_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = str(self.order_id)

        external_ref = self.external_ref

        customer_external_ref = self.customer_external_ref

        status = self.status.value

        placed_at = self.placed_at.isoformat()

        promised_delivery_at = self.promised_delivery_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "external_ref": external_ref,
                "customer_external_ref": customer_external_ref,
                "status": status,
                "placed_at": placed_at,
                "promised_delivery_at": promised_delivery_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = UUID(d.pop("order_id"))

        external_ref = d.pop("external_ref")

        customer_external_ref = d.pop("customer_external_ref")

        status = OrderStatus(d.pop("status"))

        placed_at = datetime.datetime.fromisoformat(d.pop("placed_at"))

        promised_delivery_at = datetime.datetime.fromisoformat(
            d.pop("promised_delivery_at")
        )

        order_delivery_overdue_data = cls(
            order_id=order_id,
            external_ref=external_ref,
            customer_external_ref=customer_external_ref,
            status=status,
            placed_at=placed_at,
            promised_delivery_at=promised_delivery_at,
        )

        order_delivery_overdue_data.additional_properties = d
        return order_delivery_overdue_data

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
