from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ApiKeyActor")


@_attrs_define
class ApiKeyActor:
    """A request made with this API key.

    Attributes:
        type_ (Literal['api_key']):
        api_key_id (UUID):
        name (str):
    """

    type_: Literal["api_key"]
    api_key_id: UUID
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        api_key_id = str(self.api_key_id)

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "api_key_id": api_key_id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["api_key"], d.pop("type"))
        if type_ != "api_key":
            raise ValueError(f"type must match const 'api_key', got '{type_}'")

        api_key_id = UUID(d.pop("api_key_id"))

        name = d.pop("name")

        api_key_actor = cls(
            type_=type_,
            api_key_id=api_key_id,
            name=name,
        )

        api_key_actor.additional_properties = d
        return api_key_actor

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
