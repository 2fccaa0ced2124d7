from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_definition import TargetDefinition


T = TypeVar("T", bound="Targets")


@_attrs_define
class Targets:
    """
    Attributes:
        first_response (None | TargetDefinition | Unset):
        next_response (None | TargetDefinition | Unset):
        resolution (None | TargetDefinition | Unset):
    """

    first_response: None | TargetDefinition | Unset = UNSET
    next_response: None | TargetDefinition | Unset = UNSET
    resolution: None | TargetDefinition | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.target_definition import TargetDefinition  # noqa: PLC0415

        first_response: dict[str, Any] | None | Unset
        if isinstance(self.first_response, Unset):
            first_response = UNSET
        elif isinstance(self.first_response, TargetDefinition):
            first_response = self.first_response.to_dict()
        else:
            first_response = self.first_response

        next_response: dict[str, Any] | None | Unset
        if isinstance(self.next_response, Unset):
            next_response = UNSET
        elif isinstance(self.next_response, TargetDefinition):
            next_response = self.next_response.to_dict()
        else:
            next_response = self.next_response

        resolution: dict[str, Any] | None | Unset
        if isinstance(self.resolution, Unset):
            resolution = UNSET
        elif isinstance(self.resolution, TargetDefinition):
            resolution = self.resolution.to_dict()
        else:
            resolution = self.resolution

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if first_response is not UNSET:
            field_dict["first_response"] = first_response
        if next_response is not UNSET:
            field_dict["next_response"] = next_response
        if resolution is not UNSET:
            field_dict["resolution"] = resolution

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_definition import TargetDefinition  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_first_response(data: object) -> None | TargetDefinition | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                first_response_type_0 = TargetDefinition.from_dict(data)

                return first_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TargetDefinition | Unset, data)

        first_response = _parse_first_response(d.pop("first_response", UNSET))

        def _parse_next_response(data: object) -> None | TargetDefinition | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_response_type_0 = TargetDefinition.from_dict(data)

                return next_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TargetDefinition | Unset, data)

        next_response = _parse_next_response(d.pop("next_response", UNSET))

        def _parse_resolution(data: object) -> None | TargetDefinition | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resolution_type_0 = TargetDefinition.from_dict(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TargetDefinition | Unset, data)

        resolution = _parse_resolution(d.pop("resolution", UNSET))

        targets = cls(
            first_response=first_response,
            next_response=next_response,
            resolution=resolution,
        )

        return targets
