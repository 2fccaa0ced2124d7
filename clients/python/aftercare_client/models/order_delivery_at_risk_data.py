from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.level import Level
from ..models.order_status import OrderStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderDeliveryAtRiskData")


@_attrs_define
class OrderDeliveryAtRiskData:
    """An order will likely miss its promised delivery: from the transit times of comparable
    deliveries, its chance to arrive by the promise fell below the threshold (recorded once per
    promise, before it passes; a new promise re-arms it).

        Attributes:
            order_id (UUID):
            external_ref (str):
            customer_external_ref (str):
            status (OrderStatus):
            carrier (None | str):
            service_level (None | str):
            destination_country (None | str):
            shipped_at (datetime.datetime | None): null: not shipped yet
            tracking_url (None | str):
            promised_delivery_at (datetime.datetime):
            probability (float): in transit, P(T <= promise | T > elapsed); not shipped, the chance a shipment now would
                make it
            threshold (float): AFTERCARE_DELIVERY_AT_RISK_THRESHOLD
            expected_delivery_at (datetime.datetime | None): the median arrival of comparable parcels that took as long
                (null: none did)
            level (Level): How closely the sample that answered matches the order, most specific first.
            sample_size (int): comparable deliveries at that level
            destination_region (None | str | Unset):
    """

    order_id: UUID
    external_ref: str
    customer_external_ref: str
    status: OrderStatus
    carrier: None | str
    service_level: None | str
    destination_country: None | str
    shipped_at: datetime.datetime | None
    tracking_url: None | str
    promised_delivery_at: datetime.datetime
    probability: float
    threshold: float
    expected_delivery_at: datetime.datetime | None
    level: Level
    sample_size: int
    destination_region: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = str(self.order_id)

        external_ref = self.external_ref

        customer_external_ref = self.customer_external_ref

        status = self.status.value

        carrier: None | str
        carrier = self.carrier

        service_level: None | str
        service_level = self.service_level

        destination_country: None | str
        destination_country = self.destination_country

        shipped_at: None | str
        if isinstance(self.shipped_at, datetime.datetime):
            shipped_at = self.shipped_at.isoformat()
        else:
            shipped_at = self.shipped_at

        tracking_url: None | str
        tracking_url = self.tracking_url

        promised_delivery_at = self.promised_delivery_at.isoformat()

        probability = self.probability

        threshold = self.threshold

        expected_delivery_at: None | str
        if isinstance(self.expected_delivery_at, datetime.datetime):
            expected_delivery_at = self.expected_delivery_at.isoformat()
        else:
            expected_delivery_at = self.expected_delivery_at

        level = self.level.value

        sample_size = self.sample_size

        destination_region: None | str | Unset
        if isinstance(self.destination_region, Unset):
            destination_region = UNSET
        else:
            destination_region = self.destination_region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "external_ref": external_ref,
                "customer_external_ref": customer_external_ref,
                "status": status,
                "carrier": carrier,
                "service_level": service_level,
                "destination_country": destination_country,
                "shipped_at": shipped_at,
                "tracking_url": tracking_url,
                "promised_delivery_at": promised_delivery_at,
                "probability": probability,
                "threshold": threshold,
                "expected_delivery_at": expected_delivery_at,
                "level": level,
                "sample_size": sample_size,
            }
        )
        if destination_region is not UNSET:
            field_dict["destination_region"] = destination_region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = UUID(d.pop("order_id"))

        external_ref = d.pop("external_ref")

        customer_external_ref = d.pop("customer_external_ref")

        status = OrderStatus(d.pop("status"))

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

        def _parse_tracking_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_url = _parse_tracking_url(d.pop("tracking_url"))

        promised_delivery_at = datetime.datetime.fromisoformat(
            d.pop("promised_delivery_at")
        )

        probability = d.pop("probability")

        threshold = d.pop("threshold")

        def _parse_expected_delivery_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expected_delivery_at_type_0 = datetime.datetime.fromisoformat(data)

                return expected_delivery_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expected_delivery_at = _parse_expected_delivery_at(
            d.pop("expected_delivery_at")
        )

        level = Level(d.pop("level"))

        sample_size = d.pop("sample_size")

        def _parse_destination_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        destination_region = _parse_destination_region(
            d.pop("destination_region", UNSET)
        )

        order_delivery_at_risk_data = cls(
            order_id=order_id,
            external_ref=external_ref,
            customer_external_ref=customer_external_ref,
            status=status,
            carrier=carrier,
            service_level=service_level,
            destination_country=destination_country,
            shipped_at=shipped_at,
            tracking_url=tracking_url,
            promised_delivery_at=promised_delivery_at,
            probability=probability,
            threshold=threshold,
            expected_delivery_at=expected_delivery_at,
            level=level,
            sample_size=sample_size,
            destination_region=destination_region,
        )

        order_delivery_at_risk_data.additional_properties = d
        return order_delivery_at_risk_data

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
