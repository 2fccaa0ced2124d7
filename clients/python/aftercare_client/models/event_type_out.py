from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type import EventType

if TYPE_CHECKING:
    from ..models.event_type_out_data_schema import EventTypeOutDataSchema


T = TypeVar("T", bound="EventTypeOut")


@_attrs_define
class EventTypeOut:
    """
    Attributes:
        type_ (EventType):
        description (str):
        data_schema (EventTypeOutDataSchema): the JSON Schema (2020-12) of this type's `data`
    """

    type_: EventType
    description: str
    data_schema: EventTypeOutDataSchema
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        description = self.description

        data_schema = self.data_schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "description": description,
                "data_schema": data_schema,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_type_out_data_schema import EventTypeOutDataSchema  # noqa: PLC0415

        d = dict(src_dict)
        type_ = EventType(d.pop("type"))

        description = d.pop("description")

        data_schema = EventTypeOutDataSchema.from_dict(d.pop("data_schema"))

        event_type_out = cls(
            type_=type_,
            description=description,
            data_schema=data_schema,
        )

        event_type_out.additional_properties = d
        return event_type_out

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
