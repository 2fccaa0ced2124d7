from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.expectation_status import ExpectationStatus

T = TypeVar("T", bound="Expectation")


@_attrs_define
class Expectation:
    """
    Attributes:
        status (ExpectationStatus): A target as the customer sees it.
        due_at (datetime.datetime | None): null while paused (waiting on the customer)
        met_at (datetime.datetime | None):
        breached_at (datetime.datetime | None):
    """

    status: ExpectationStatus
    due_at: datetime.datetime | None
    met_at: datetime.datetime | None
    breached_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        met_at: None | str
        if isinstance(self.met_at, datetime.datetime):
            met_at = self.met_at.isoformat()
        else:
            met_at = self.met_at

        breached_at: None | str
        if isinstance(self.breached_at, datetime.datetime):
            breached_at = self.breached_at.isoformat()
        else:
            breached_at = self.breached_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "due_at": due_at,
                "met_at": met_at,
                "breached_at": breached_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = ExpectationStatus(d.pop("status"))

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))

        def _parse_met_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                met_at_type_0 = datetime.datetime.fromisoformat(data)

                return met_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        met_at = _parse_met_at(d.pop("met_at"))

        def _parse_breached_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                breached_at_type_0 = datetime.datetime.fromisoformat(data)

                return breached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        breached_at = _parse_breached_at(d.pop("breached_at"))

        expectation = cls(
            status=status,
            due_at=due_at,
            met_at=met_at,
            breached_at=breached_at,
        )

        expectation.additional_properties = d
        return expectation

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
