from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.level import Level
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transit_quantiles import TransitQuantiles


T = TypeVar("T", bound="DeliveryEstimate")


@_attrs_define
class DeliveryEstimate:
    """
    Attributes:
        carrier (None | str):
        service_level (None | str):
        destination (None | str):
        destination_region (None | str):
        confidence (float):
        ship_at (datetime.datetime): the shipment the estimate is for (now when not sent)
        min_sample (int): deliveries a level needs to answer before falling back
        business_days (bool): true when days are the working days of the carrier's shipping calendar
        level (Level | None | Unset): the comparison that answered, along carrier+service_level+destination+region,
            carrier+service_level+destination, carrier+service_level, carrier, all; null with no history
        sample_size (int | Unset): comparable deliveries at that level Default: 0.
        transit (None | TransitQuantiles | Unset):
        promise_seconds (float | None | Unset): the confidence-quantile of the transit times: the promise that share of
            comparable deliveries kept
        latest_delivery_at (datetime.datetime | None | Unset): ship_at plus the promise, in the carrier's calendar
        days_min (int | None | Unset): days to show, from the (1 - confidence)-quantile
        days_max (int | None | Unset): days to show, up to the promise
        label (None | str | Unset): e.g. "3-5 business days"
        note (None | str | Unset): why there is no figure, or why to read it with care
    """

    carrier: None | str
    service_level: None | str
    destination: None | str
    destination_region: None | str
    confidence: float
    ship_at: datetime.datetime
    min_sample: int
    business_days: bool
    level: Level | None | Unset = UNSET
    sample_size: int | Unset = 0
    transit: None | TransitQuantiles | Unset = UNSET
    promise_seconds: float | None | Unset = UNSET
    latest_delivery_at: datetime.datetime | None | Unset = UNSET
    days_min: int | None | Unset = UNSET
    days_max: int | None | Unset = UNSET
    label: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.transit_quantiles import TransitQuantiles  # noqa: PLC0415

        carrier: None | str
        carrier = self.carrier

        service_level: None | str
        service_level = self.service_level

        destination: None | str
        destination = self.destination

        destination_region: None | str
        destination_region = self.destination_region

        confidence = self.confidence

        ship_at = self.ship_at.isoformat()

        min_sample = self.min_sample

        business_days = self.business_days

        level: None | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        elif isinstance(self.level, Level):
            level = self.level.value
        else:
            level = self.level

        sample_size = self.sample_size

        transit: dict[str, Any] | None | Unset
        if isinstance(self.transit, Unset):
            transit = UNSET
        elif isinstance(self.transit, TransitQuantiles):
            transit = self.transit.to_dict()
        else:
            transit = self.transit

        promise_seconds: float | None | Unset
        if isinstance(self.promise_seconds, Unset):
            promise_seconds = UNSET
        else:
            promise_seconds = self.promise_seconds

        latest_delivery_at: None | str | Unset
        if isinstance(self.latest_delivery_at, Unset):
            latest_delivery_at = UNSET
        elif isinstance(self.latest_delivery_at, datetime.datetime):
            latest_delivery_at = self.latest_delivery_at.isoformat()
        else:
            latest_delivery_at = self.latest_delivery_at

        days_min: int | None | Unset
        if isinstance(self.days_min, Unset):
            days_min = UNSET
        else:
            days_min = self.days_min

        days_max: int | None | Unset
        if isinstance(self.days_max, Unset):
            days_max = UNSET
        else:
            days_max = self.days_max

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "carrier": carrier,
                "service_level": service_level,
                "destination": destination,
                "destination_region": destination_region,
                "confidence": confidence,
                "ship_at": ship_at,
                "min_sample": min_sample,
                "business_days": business_days,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level
        if sample_size is not UNSET:
            field_dict["sample_size"] = sample_size
        if transit is not UNSET:
            field_dict["transit"] = transit
        if promise_seconds is not UNSET:
            field_dict["promise_seconds"] = promise_seconds
        if latest_delivery_at is not UNSET:
            field_dict["latest_delivery_at"] = latest_delivery_at
        if days_min is not UNSET:
            field_dict["days_min"] = days_min
        if days_max is not UNSET:
            field_dict["days_max"] = days_max
        if label is not UNSET:
            field_dict["label"] = label
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transit_quantiles import TransitQuantiles  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_destination(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        destination = _parse_destination(d.pop("destination"))

        def _parse_destination_region(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        destination_region = _parse_destination_region(d.pop("destination_region"))

        confidence = d.pop("confidence")

        ship_at = datetime.datetime.fromisoformat(d.pop("ship_at"))

        min_sample = d.pop("min_sample")

        business_days = d.pop("business_days")

        def _parse_level(data: object) -> Level | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                level_type_0 = Level(data)

                return level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Level | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        sample_size = d.pop("sample_size", UNSET)

        def _parse_transit(data: object) -> None | TransitQuantiles | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transit_type_0 = TransitQuantiles.from_dict(data)

                return transit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransitQuantiles | Unset, data)

        transit = _parse_transit(d.pop("transit", UNSET))

        def _parse_promise_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        promise_seconds = _parse_promise_seconds(d.pop("promise_seconds", UNSET))

        def _parse_latest_delivery_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                latest_delivery_at_type_0 = datetime.datetime.fromisoformat(data)

                return latest_delivery_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        latest_delivery_at = _parse_latest_delivery_at(
            d.pop("latest_delivery_at", UNSET)
        )

        def _parse_days_min(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_min = _parse_days_min(d.pop("days_min", UNSET))

        def _parse_days_max(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_max = _parse_days_max(d.pop("days_max", UNSET))

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        delivery_estimate = cls(
            carrier=carrier,
            service_level=service_level,
            destination=destination,
            destination_region=destination_region,
            confidence=confidence,
            ship_at=ship_at,
            min_sample=min_sample,
            business_days=business_days,
            level=level,
            sample_size=sample_size,
            transit=transit,
            promise_seconds=promise_seconds,
            latest_delivery_at=latest_delivery_at,
            days_min=days_min,
            days_max=days_max,
            label=label,
            note=note,
        )

        delivery_estimate.additional_properties = d
        return delivery_estimate

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
