from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.backlog_by_age import BacklogByAge
    from ..models.backlog_by_status import BacklogByStatus


T = TypeVar("T", bound="Backlog")


@_attrs_define
class Backlog:
    """
    Attributes:
        total (int):
        by_status (BacklogByStatus):
        by_age (BacklogByAge): under_1d, 1d_to_3d, 3d_to_7d, over_7d
    """

    total: int
    by_status: BacklogByStatus
    by_age: BacklogByAge
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        by_status = self.by_status.to_dict()

        by_age = self.by_age.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "by_status": by_status,
                "by_age": by_age,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backlog_by_age import BacklogByAge  # noqa: PLC0415
        from ..models.backlog_by_status import BacklogByStatus  # noqa: PLC0415

        d = dict(src_dict)
        total = d.pop("total")

        by_status = BacklogByStatus.from_dict(d.pop("by_status"))

        by_age = BacklogByAge.from_dict(d.pop("by_age"))

        backlog = cls(
            total=total,
            by_status=by_status,
            by_age=by_age,
        )

        backlog.additional_properties = d
        return backlog

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
