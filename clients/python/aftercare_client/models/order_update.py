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
            carrier (None | str | Unset):
            service_level (None | str | Unset): the carrier's service, e.g. standard or express
            destination_country (None | str | Unset):
            destination_region (None | str | Unset):
            shipped_at (datetime.datetime | None | Unset): when the parcel left; not before placed_at, and only for a
                shipped, delivered or returned order (else a 422)
            tracking_number (None | str | Unset):
            tracking_url (None | str | Unset):
            status (OrderStatus | Unset):
            promised_delivery_at (datetime.datetime | None | Unset): null withdraws the promise
            delivered_at (datetime.datetime | None | Unset):
    """

    carrier: None | str | Unset = UNSET
    service_level: None | str | Unset = UNSET
    destination_country: None | str | Unset = UNSET
    destination_region: None | str | Unset = UNSET
    shipped_at: datetime.datetime | None | Unset = UNSET
    tracking_number: None | str | Unset = UNSET
    tracking_url: None | str | Unset = UNSET
    status: OrderStatus | Unset = UNSET
    promised_delivery_at: datetime.datetime | None | Unset = UNSET
    delivered_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        carrier: None | str | Unset
        if isinstance(self.carrier, Unset):
            carrier = UNSET
        else:
            carrier = self.carrier

        service_level: None | str | Unset
        if isinstance(self.service_level, Unset):
            service_level = UNSET
        else:
            service_level = self.service_level

        destination_country: None | str | Unset
        if isinstance(self.destination_country, Unset):
            destination_country = UNSET
        else:
            destination_country = self.destination_country

        destination_region: None | str | Unset
        if isinstance(self.destination_region, Unset):
            destination_region = UNSET
        else:
            destination_region = self.destination_region

        shipped_at: None | str | Unset
        if isinstance(self.shipped_at, Unset):
            shipped_at = UNSET
        elif isinstance(self.shipped_at, datetime.datetime):
            shipped_at = self.shipped_at.isoformat()
        else:
            shipped_at = self.shipped_at

        tracking_number: None | str | Unset
        if isinstance(self.tracking_number, Unset):
            tracking_number = UNSET
        else:
            tracking_number = self.tracking_number

        tracking_url: None | str | Unset
        if isinstance(self.tracking_url, Unset):
            tracking_url = UNSET
        else:
            tracking_url = self.tracking_url

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
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if service_level is not UNSET:
            field_dict["service_level"] = service_level
        if destination_country is not UNSET:
            field_dict["destination_country"] = destination_country
        if destination_region is not UNSET:
            field_dict["destination_region"] = destination_region
        if shipped_at is not UNSET:
            field_dict["shipped_at"] = shipped_at
        if tracking_number is not UNSET:
            field_dict["tracking_number"] = tracking_number
        if tracking_url is not UNSET:
            field_dict["tracking_url"] = tracking_url
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

        def _parse_carrier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        carrier = _parse_carrier(d.pop("carrier", UNSET))

        def _parse_service_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_level = _parse_service_level(d.pop("service_level", UNSET))

        def _parse_destination_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        destination_country = _parse_destination_country(
            d.pop("destination_country", UNSET)
        )

        def _parse_destination_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        destination_region = _parse_destination_region(
            d.pop("destination_region", UNSET)
        )

        def _parse_shipped_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                shipped_at_type_0 = datetime.datetime.fromisoformat(data)

                return shipped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        shipped_at = _parse_shipped_at(d.pop("shipped_at", UNSET))

        def _parse_tracking_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_number = _parse_tracking_number(d.pop("tracking_number", UNSET))

        def _parse_tracking_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_url = _parse_tracking_url(d.pop("tracking_url", UNSET))

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
            carrier=carrier,
            service_level=service_level,
            destination_country=destination_country,
            destination_region=destination_region,
            shipped_at=shipped_at,
            tracking_number=tracking_number,
            tracking_url=tracking_url,
            status=status,
            promised_delivery_at=promised_delivery_at,
            delivered_at=delivered_at,
        )

        return order_update
