from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TargetDefinition")


@_attrs_define
class TargetDefinition:
    """
    Attributes:
        target_minutes (int):
        business_hours (bool | Unset): count only the policy calendar's business hours Default: False.
        warn_before_minutes (int | Unset): emit sla.warning when this much of the target remains (0: no warning); less
            than target_minutes (else a 422) Default: 0.
    """

    target_minutes: int
    business_hours: bool | Unset = False
    warn_before_minutes: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        target_minutes = self.target_minutes

        business_hours = self.business_hours

        warn_before_minutes = self.warn_before_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target_minutes": target_minutes,
            }
        )
        if business_hours is not UNSET:
            field_dict["business_hours"] = business_hours
        if warn_before_minutes is not UNSET:
            field_dict["warn_before_minutes"] = warn_before_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_minutes = d.pop("target_minutes")

        business_hours = d.pop("business_hours", UNSET)

        warn_before_minutes = d.pop("warn_before_minutes", UNSET)

        target_definition = cls(
            target_minutes=target_minutes,
            business_hours=business_hours,
            warn_before_minutes=warn_before_minutes,
        )

        return target_definition
