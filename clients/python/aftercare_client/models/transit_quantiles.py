from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TransitQuantiles")


@_attrs_define
class TransitQuantiles:
    """Observed transit times (shipped to delivered) in seconds of the carrier's shipping
    calendar: an observed time is a quantile, never an interpolation.

        Attributes:
            sample_size (int):
            min_seconds (float | None):
            p50_seconds (float | None):
            p90_seconds (float | None):
            p95_seconds (float | None):
            max_seconds (float | None):
    """

    sample_size: int
    min_seconds: float | None
    p50_seconds: float | None
    p90_seconds: float | None
    p95_seconds: float | None
    max_seconds: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sample_size = self.sample_size

        min_seconds: float | None
        min_seconds = self.min_seconds

        p50_seconds: float | None
        p50_seconds = self.p50_seconds

        p90_seconds: float | None
        p90_seconds = self.p90_seconds

        p95_seconds: float | None
        p95_seconds = self.p95_seconds

        max_seconds: float | None
        max_seconds = self.max_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sample_size": sample_size,
                "min_seconds": min_seconds,
                "p50_seconds": p50_seconds,
                "p90_seconds": p90_seconds,
                "p95_seconds": p95_seconds,
                "max_seconds": max_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sample_size = d.pop("sample_size")

        def _parse_min_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        min_seconds = _parse_min_seconds(d.pop("min_seconds"))

        def _parse_p50_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p50_seconds = _parse_p50_seconds(d.pop("p50_seconds"))

        def _parse_p90_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p90_seconds = _parse_p90_seconds(d.pop("p90_seconds"))

        def _parse_p95_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p95_seconds = _parse_p95_seconds(d.pop("p95_seconds"))

        def _parse_max_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        max_seconds = _parse_max_seconds(d.pop("max_seconds"))

        transit_quantiles = cls(
            sample_size=sample_size,
            min_seconds=min_seconds,
            p50_seconds=p50_seconds,
            p90_seconds=p90_seconds,
            p95_seconds=p95_seconds,
            max_seconds=max_seconds,
        )

        transit_quantiles.additional_properties = d
        return transit_quantiles

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
