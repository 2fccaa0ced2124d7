from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_status import OrderStatus

if TYPE_CHECKING:
    from ..models.customer_summary import CustomerSummary


T = TypeVar("T", bound="OrderOut")


@_attrs_define
class OrderOut:
    """
    Attributes:
        id (UUID):
        external_ref (str):
        customer (CustomerSummary):
        status (OrderStatus):
        placed_at (datetime.datetime):
        amount (str):
        currency (str):
        promised_delivery_at (datetime.datetime | None):
        carrier (None | str):
        service_level (None | str):
        destination_country (None | str):
        destination_region (None | str):
        shipped_at (datetime.datetime | None):
        tracking_number (None | str):
        tracking_url (None | str):
        delivered_at (datetime.datetime | None):
        overdue_notified_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    external_ref: str
    customer: CustomerSummary
    status: OrderStatus
    placed_at: datetime.datetime
    amount: str
    currency: str
    promised_delivery_at: datetime.datetime | None
    carrier: None | str
    service_level: None | str
    destination_country: None | str
    destination_region: None | str
    shipped_at: datetime.datetime | None
    tracking_number: None | str
    tracking_url: None | str
    delivered_at: datetime.datetime | None
    overdue_notified_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        external_ref = self.external_ref

        customer = self.customer.to_dict()

        status = self.status.value

        placed_at = self.placed_at.isoformat()

        amount = self.amount

        currency = self.currency

        promised_delivery_at: None | str
        if isinstance(self.promised_delivery_at, datetime.datetime):
            promised_delivery_at = self.promised_delivery_at.isoformat()
        else:
            promised_delivery_at = self.promised_delivery_at

        carrier: None | str
        carrier = self.carrier

        service_level: None | str
        service_level = self.service_level

        destination_country: None | str
        destination_country = self.destination_country

        destination_region: None | str
        destination_region = self.destination_region

        shipped_at: None | str
        if isinstance(self.shipped_at, datetime.datetime):
            shipped_at = self.shipped_at.isoformat()
        else:
            shipped_at = self.shipped_at

        tracking_number: None | str
        tracking_number = self.tracking_number

        tracking_url: None | str
        tracking_url = self.tracking_url

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        overdue_notified_at: None | str
        if isinstance(self.overdue_notified_at, datetime.datetime):
            overdue_notified_at = self.overdue_notified_at.isoformat()
        else:
            overdue_notified_at = self.overdue_notified_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "external_ref": external_ref,
                "customer": customer,
                "status": status,
                "placed_at": placed_at,
                "amount": amount,
                "currency": currency,
                "promised_delivery_at": promised_delivery_at,
                "carrier": carrier,
                "service_level": service_level,
                "destination_country": destination_country,
                "destination_region": destination_region,
                "shipped_at": shipped_at,
                "tracking_number": tracking_number,
                "tracking_url": tracking_url,
                "delivered_at": delivered_at,
                "overdue_notified_at": overdue_notified_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_summary import CustomerSummary  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        external_ref = d.pop("external_ref")

        customer = CustomerSummary.from_dict(d.pop("customer"))

        status = OrderStatus(d.pop("status"))

        placed_at = datetime.datetime.fromisoformat(d.pop("placed_at"))

        amount = d.pop("amount")

        currency = d.pop("currency")

        def _parse_promised_delivery_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                promised_delivery_at_type_0 = datetime.datetime.fromisoformat(data)

                return promised_delivery_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        promised_delivery_at = _parse_promised_delivery_at(
            d.pop("promised_delivery_at")
        )

        def _parse_carrier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        carrier = _parse_carrier(d.pop("carrier"))

        def _parse_service_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        service_level = _parse_service_level(d.pop("service_level"))

        def _parse_destination_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        destination_country = _parse_destination_country(d.pop("destination_country"))

        def _parse_destination_region(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        destination_region = _parse_destination_region(d.pop("destination_region"))

        def _parse_shipped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                shipped_at_type_0 = datetime.datetime.fromisoformat(data)

                return shipped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        shipped_at = _parse_shipped_at(d.pop("shipped_at"))

        def _parse_tracking_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_number = _parse_tracking_number(d.pop("tracking_number"))

        def _parse_tracking_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_url = _parse_tracking_url(d.pop("tracking_url"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        def _parse_overdue_notified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overdue_notified_at_type_0 = datetime.datetime.fromisoformat(data)

                return overdue_notified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        overdue_notified_at = _parse_overdue_notified_at(d.pop("overdue_notified_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        order_out = cls(
            id=id,
            external_ref=external_ref,
            customer=customer,
            status=status,
            placed_at=placed_at,
            amount=amount,
            currency=currency,
            promised_delivery_at=promised_delivery_at,
            carrier=carrier,
            service_level=service_level,
            destination_country=destination_country,
            destination_region=destination_region,
            shipped_at=shipped_at,
            tracking_number=tracking_number,
            tracking_url=tracking_url,
            delivered_at=delivered_at,
            overdue_notified_at=overdue_notified_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        order_out.additional_properties = d
        return order_out

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
