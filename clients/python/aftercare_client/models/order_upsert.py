from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.order_status import OrderStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_ref import CustomerRef


T = TypeVar("T", bound="OrderUpsert")


@_attrs_define
class OrderUpsert:
    """
    Attributes:
        customer (CustomerRef): A customer by the shop's own reference; created on first sight, details updated.
        placed_at (datetime.datetime):
        amount (float | str): at most two decimals (more is a 422), as a number or a string
        currency (str): ISO 4217 code, e.g. EUR
        status (OrderStatus | Unset):
        promised_delivery_at (datetime.datetime | None | Unset): the delivery date promised to the customer; not before
            placed_at (else a 422)
        delivered_at (datetime.datetime | None | Unset): not before placed_at; given exactly when status is delivered or
            returned (else a 422)
    """

    customer: CustomerRef
    placed_at: datetime.datetime
    amount: float | str
    currency: str
    status: OrderStatus | Unset = UNSET
    promised_delivery_at: datetime.datetime | None | Unset = UNSET
    delivered_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer.to_dict()

        placed_at = self.placed_at.isoformat()

        amount: float | str
        amount = self.amount

        currency = self.currency

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

        field_dict.update(
            {
                "customer": customer,
                "placed_at": placed_at,
                "amount": amount,
                "currency": currency,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if promised_delivery_at is not UNSET:
            field_dict["promised_delivery_at"] = promised_delivery_at
        if delivered_at is not UNSET:
            field_dict["delivered_at"] = delivered_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_ref import CustomerRef  # noqa: PLC0415

        d = dict(src_dict)
        customer = CustomerRef.from_dict(d.pop("customer"))

        placed_at = datetime.datetime.fromisoformat(d.pop("placed_at"))

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        currency = d.pop("currency")

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

        order_upsert = cls(
            customer=customer,
            placed_at=placed_at,
            amount=amount,
            currency=currency,
            status=status,
            promised_delivery_at=promised_delivery_at,
            delivered_at=delivered_at,
        )

        return order_upsert
