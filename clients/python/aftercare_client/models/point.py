from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Point")


@_attrs_define
class Point:
    """
    Attributes:
        bucket_start (datetime.datetime):
        sample_size (int):
        value (float | int | None | Unset):
        numerator (int | None | Unset):
        denominator (int | None | Unset):
        median_seconds (float | None | Unset):
        p90_seconds (float | None | Unset):
    """

    bucket_start: datetime.datetime
    sample_size: int
    value: float | int | None | Unset = UNSET
    numerator: int | None | Unset = UNSET
    denominator: int | None | Unset = UNSET
    median_seconds: float | None | Unset = UNSET
    p90_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket_start = self.bucket_start.isoformat()

        sample_size = self.sample_size

        value: float | int | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        numerator: int | None | Unset
        if isinstance(self.numerator, Unset):
            numerator = UNSET
        else:
            numerator = self.numerator

        denominator: int | None | Unset
        if isinstance(self.denominator, Unset):
            denominator = UNSET
        else:
            denominator = self.denominator

        median_seconds: float | None | Unset
        if isinstance(self.median_seconds, Unset):
            median_seconds = UNSET
        else:
            median_seconds = self.median_seconds

        p90_seconds: float | None | Unset
        if isinstance(self.p90_seconds, Unset):
            p90_seconds = UNSET
        else:
            p90_seconds = self.p90_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bucket_start": bucket_start,
                "sample_size": sample_size,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if numerator is not UNSET:
            field_dict["numerator"] = numerator
        if denominator is not UNSET:
            field_dict["denominator"] = denominator
        if median_seconds is not UNSET:
            field_dict["median_seconds"] = median_seconds
        if p90_seconds is not UNSET:
            field_dict["p90_seconds"] = p90_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bucket_start = datetime.datetime.fromisoformat(d.pop("bucket_start"))

        sample_size = d.pop("sample_size")

        def _parse_value(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        def _parse_numerator(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        numerator = _parse_numerator(d.pop("numerator", UNSET))

        def _parse_denominator(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        denominator = _parse_denominator(d.pop("denominator", UNSET))

        def _parse_median_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_seconds = _parse_median_seconds(d.pop("median_seconds", UNSET))

        def _parse_p90_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        p90_seconds = _parse_p90_seconds(d.pop("p90_seconds", UNSET))

        point = cls(
            bucket_start=bucket_start,
            sample_size=sample_size,
            value=value,
            numerator=numerator,
            denominator=denominator,
            median_seconds=median_seconds,
            p90_seconds=p90_seconds,
        )

        point.additional_properties = d
        return point

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
