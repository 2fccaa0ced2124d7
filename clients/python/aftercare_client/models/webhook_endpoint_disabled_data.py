from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEndpointDisabledData")


@_attrs_define
class WebhookEndpointDisabledData:
    """A webhook endpoint was disabled after failing for days, or on a 410 Gone.

    Attributes:
        endpoint_id (UUID):
        url (str):
        reason (str):
    """

    endpoint_id: UUID
    url: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        endpoint_id = str(self.endpoint_id)

        url = self.url

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "endpoint_id": endpoint_id,
                "url": url,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        endpoint_id = UUID(d.pop("endpoint_id"))

        url = d.pop("url")

        reason = d.pop("reason")

        webhook_endpoint_disabled_data = cls(
            endpoint_id=endpoint_id,
            url=url,
            reason=reason,
        )

        webhook_endpoint_disabled_data.additional_properties = d
        return webhook_endpoint_disabled_data

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
