from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.calibration_lane import CalibrationLane


T = TypeVar("T", bound="DeliveryCalibration")


@_attrs_define
class DeliveryCalibration:
    """
    Attributes:
        from_ (datetime.datetime):
        to (datetime.datetime):
        rows (list[CalibrationLane]):
    """

    from_: datetime.datetime
    to: datetime.datetime
    rows: list[CalibrationLane]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calibration_lane import CalibrationLane  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = CalibrationLane.from_dict(rows_item_data)

            rows.append(rows_item)

        delivery_calibration = cls(
            from_=from_,
            to=to,
            rows=rows,
        )

        delivery_calibration.additional_properties = d
        return delivery_calibration

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
