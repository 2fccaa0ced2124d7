from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.order_status import OrderStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderUpdate")


@_attrs_define
class OrderUpdate:
    """Only the fields sent change; the order as it then stands must make sense (a delivered
    order has delivered_at, ...) and its status may only move forward (README, Orders).

        Attributes:
            status (OrderStatus | Unset):
            promised_delivery_at (datetime.datetime | None | Unset): null withdraws the promise
            delivered_at (datetime.datetime | None | Unset):
    """

    status: OrderStatus | Unset = UNSET
    promised_delivery_at: datetime.datetime | None | Unset = UNSET
    delivered_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        promised_delivery_at: None | str | Unset
        if isinstance(self.promised_delivery_at, Unset):
            promised_delivery_at = UNSET
        elif isinstance(self.promised_delivery_at, datetime.datetime):
            promised_delivery_at = self.promised_delivery_at.isoformat()
        else:
            promised_delivery_at = self.promised_delivery_at

        delivered_at: None | str | Unset
        if isinstance(self.delivered_at, Unset):
            delivered_at = UNSET
        elif isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if promised_delivery_at is not UNSET:
            field_dict["promised_delivery_at"] = promised_delivery_at
        if delivered_at is not UNSET:
            field_dict["delivered_at"] = delivered_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: OrderStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = OrderStatus(_status)

        def _parse_promised_delivery_at(
            data: object,
        ) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                promised_delivery_at_type_0 = datetime.datetime.fromisoformat(data)

                return promised_delivery_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        promised_delivery_at = _parse_promised_delivery_at(
            d.pop("promised_delivery_at", UNSET)
        )

        def _parse_delivered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at", UNSET))

        order_update = cls(
            status=status,
            promised_delivery_at=promised_delivery_at,
            delivered_at=delivered_at,
        )

        return order_update
