from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Observed")


@_attrs_define
class Observed:
    """
    Attributes:
        median_seconds (float | None):
        p90_seconds (float | None):
        p95_seconds (float | None):
        sample_size (int):
        relative_error (float | None | Unset): null: median, p90 and p95 are exact (PostgreSQL's percentile_cont over
            the tickets); a number: they come from the calibration rollups' mergeable histograms and are within this
            relative error of the exact values (0.01: 1 %)
    """

    median_seconds: float | None
    p90_seconds: float | None
    p95_seconds: float | None
    sample_size: int
    relative_error: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        median_seconds: float | None
        median_seconds = self.median_seconds

        p90_seconds: float | None
        p90_seconds = self.p90_seconds

        p95_seconds: float | None
        p95_seconds = self.p95_seconds

        sample_size = self.sample_size

        relative_error: float | None | Unset
        if isinstance(self.relative_error, Unset):
            relative_error = UNSET
        else:
            relative_error = self.relative_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "median_seconds": median_seconds,
                "p90_seconds": p90_seconds,
                "p95_seconds": p95_seconds,
                "sample_size": sample_size,
            }
        )
        if relative_error is not UNSET:
            field_dict["relative_error"] = relative_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_median_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_seconds = _parse_median_seconds(d.pop("median_seconds"))

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

        sample_size = d.pop("sample_size")

        def _parse_relative_error(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        relative_error = _parse_relative_error(d.pop("relative_error", UNSET))

        observed = cls(
            median_seconds=median_seconds,
            p90_seconds=p90_seconds,
            p95_seconds=p95_seconds,
            sample_size=sample_size,
            relative_error=relative_error,
        )

        observed.additional_properties = d
        return observed

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
