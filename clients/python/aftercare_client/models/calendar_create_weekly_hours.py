from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CalendarCreateWeeklyHours")


@_attrs_define
class CalendarCreateWeeklyHours:
    """opening intervals per weekday, e.g. {"mon": [["09:00","12:00"],["13:00","17:00"]]}; "00:00" may only start an
    interval and "24:00" only end one; a missing day is closed. Each interval starts before it ends, a day's intervals
    are sorted and do not overlap, and at least one day is open (else a 422)

    """

    additional_properties: dict[str, list[list[str]]] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = []
            for additional_property_item_data in prop:
                additional_property_item = additional_property_item_data

                field_dict[prop_name].append(additional_property_item)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        calendar_create_weekly_hours = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = []
            _additional_property = prop_dict
            for additional_property_item_data in _additional_property:
                additional_property_item = cast(
                    list[str], additional_property_item_data
                )

                additional_property.append(additional_property_item)

            additional_properties[prop_name] = additional_property

        calendar_create_weekly_hours.additional_properties = additional_properties
        return calendar_create_weekly_hours

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[list[str]]:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[list[str]]) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
