from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.expectation import Expectation


T = TypeVar("T", bound="Expectations")


@_attrs_define
class Expectations:
    """What the shop promised this customer, ready to show them.

    Attributes:
        policy_name (None | str):
        first_response (Expectation | None):
        next_response (Expectation | None):
        resolution (Expectation | None):
    """

    policy_name: None | str
    first_response: Expectation | None
    next_response: Expectation | None
    resolution: Expectation | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.expectation import Expectation  # noqa: PLC0415

        policy_name: None | str
        policy_name = self.policy_name

        first_response: dict[str, Any] | None
        if isinstance(self.first_response, Expectation):
            first_response = self.first_response.to_dict()
        else:
            first_response = self.first_response

        next_response: dict[str, Any] | None
        if isinstance(self.next_response, Expectation):
            next_response = self.next_response.to_dict()
        else:
            next_response = self.next_response

        resolution: dict[str, Any] | None
        if isinstance(self.resolution, Expectation):
            resolution = self.resolution.to_dict()
        else:
            resolution = self.resolution

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "policy_name": policy_name,
                "first_response": first_response,
                "next_response": next_response,
                "resolution": resolution,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.expectation import Expectation  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_policy_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_name = _parse_policy_name(d.pop("policy_name"))

        def _parse_first_response(data: object) -> Expectation | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                first_response_type_0 = Expectation.from_dict(data)

                return first_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Expectation | None, data)

        first_response = _parse_first_response(d.pop("first_response"))

        def _parse_next_response(data: object) -> Expectation | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_response_type_0 = Expectation.from_dict(data)

                return next_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Expectation | None, data)

        next_response = _parse_next_response(d.pop("next_response"))

        def _parse_resolution(data: object) -> Expectation | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resolution_type_0 = Expectation.from_dict(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Expectation | None, data)

        resolution = _parse_resolution(d.pop("resolution"))

        expectations = cls(
            policy_name=policy_name,
            first_response=first_response,
            next_response=next_response,
            resolution=resolution,
        )

        expectations.additional_properties = d
        return expectations

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
