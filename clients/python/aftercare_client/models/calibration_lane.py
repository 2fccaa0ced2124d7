from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.calibration_lane_promise_for_confidence import (
        CalibrationLanePromiseForConfidence,
    )
    from ..models.figure import Figure
    from ..models.transit_quantiles import TransitQuantiles


T = TypeVar("T", bound="CalibrationLane")


@_attrs_define
class CalibrationLane:
    """
    Attributes:
        carrier (None | str):
        service_level (None | str):
        destination_country (None | str):
        kept (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        observed (TransitQuantiles): Observed transit times (shipped to delivered) in seconds of the carrier's shipping
            calendar: an observed time is a quantile, never an interpolation.
        promise_for_confidence (CalibrationLanePromiseForConfidence): confidence (0.5, 0.8, 0.9, 0.95) -> the transit
            time, in seconds, that would have kept that share of the period's deliveries
    """

    carrier: None | str
    service_level: None | str
    destination_country: None | str
    kept: Figure
    observed: TransitQuantiles
    promise_for_confidence: CalibrationLanePromiseForConfidence
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        carrier: None | str
        carrier = self.carrier

        service_level: None | str
        service_level = self.service_level

        destination_country: None | str
        destination_country = self.destination_country

        kept = self.kept.to_dict()

        observed = self.observed.to_dict()

        promise_for_confidence = self.promise_for_confidence.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "carrier": carrier,
                "service_level": service_level,
                "destination_country": destination_country,
                "kept": kept,
                "observed": observed,
                "promise_for_confidence": promise_for_confidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calibration_lane_promise_for_confidence import (
            CalibrationLanePromiseForConfidence,  # noqa: PLC0415
        )
        from ..models.figure import Figure  # noqa: PLC0415
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

        def _parse_destination_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        destination_country = _parse_destination_country(d.pop("destination_country"))

        kept = Figure.from_dict(d.pop("kept"))

        observed = TransitQuantiles.from_dict(d.pop("observed"))

        promise_for_confidence = CalibrationLanePromiseForConfidence.from_dict(
            d.pop("promise_for_confidence")
        )

        calibration_lane = cls(
            carrier=carrier,
            service_level=service_level,
            destination_country=destination_country,
            kept=kept,
            observed=observed,
            promise_for_confidence=promise_for_confidence,
        )

        calibration_lane.additional_properties = d
        return calibration_lane

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
