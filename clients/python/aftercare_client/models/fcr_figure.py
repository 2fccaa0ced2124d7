from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FcrFigure")


@_attrs_define
class FcrFigure:
    """
    Attributes:
        value (float | None):
        numerator (int):
        denominator (int):
        sample_size (int):
        zero_reply_resolutions (int): solved without any public agent reply
    """

    value: float | None
    numerator: int
    denominator: int
    sample_size: int
    zero_reply_resolutions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value: float | None
        value = self.value

        numerator = self.numerator

        denominator = self.denominator

        sample_size = self.sample_size

        zero_reply_resolutions = self.zero_reply_resolutions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "sample_size": sample_size,
                "zero_reply_resolutions": zero_reply_resolutions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))

        numerator = d.pop("numerator")

        denominator = d.pop("denominator")

        sample_size = d.pop("sample_size")

        zero_reply_resolutions = d.pop("zero_reply_resolutions")

        fcr_figure = cls(
            value=value,
            numerator=numerator,
            denominator=denominator,
            sample_size=sample_size,
            zero_reply_resolutions=zero_reply_resolutions,
        )

        fcr_figure.additional_properties = d
        return fcr_figure

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
