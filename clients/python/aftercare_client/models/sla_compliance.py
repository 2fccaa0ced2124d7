from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.figure import Figure


T = TypeVar("T", bound="SlaCompliance")


@_attrs_define
class SlaCompliance:
    """
    Attributes:
        first_response (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        next_response (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        resolution (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
    """

    first_response: Figure
    next_response: Figure
    resolution: Figure
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_response = self.first_response.to_dict()

        next_response = self.next_response.to_dict()

        resolution = self.resolution.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first_response": first_response,
                "next_response": next_response,
                "resolution": resolution,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figure import Figure  # noqa: PLC0415

        d = dict(src_dict)
        first_response = Figure.from_dict(d.pop("first_response"))

        next_response = Figure.from_dict(d.pop("next_response"))

        resolution = Figure.from_dict(d.pop("resolution"))

        sla_compliance = cls(
            first_response=first_response,
            next_response=next_response,
            resolution=resolution,
        )

        sla_compliance.additional_properties = d
        return sla_compliance

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
