from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conditions import Conditions
    from ..models.targets import Targets


T = TypeVar("T", bound="PolicyOut")


@_attrs_define
class PolicyOut:
    """
    Attributes:
        id (UUID):
        name (str):
        position (int):
        calendar_id (None | UUID):
        conditions (Conditions): All given lists must match (an empty list matches anything); tags match any of them.
        targets (Targets):
        pause_statuses (list[str]):
        escalate_on_breach (bool):
        version (int): incremented by every change
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    position: int
    calendar_id: None | UUID
    conditions: Conditions
    targets: Targets
    pause_statuses: list[str]
    escalate_on_breach: bool
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        position = self.position

        calendar_id: None | str
        if isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        conditions = self.conditions.to_dict()

        targets = self.targets.to_dict()

        pause_statuses = self.pause_statuses

        escalate_on_breach = self.escalate_on_breach

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "position": position,
                "calendar_id": calendar_id,
                "conditions": conditions,
                "targets": targets,
                "pause_statuses": pause_statuses,
                "escalate_on_breach": escalate_on_breach,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conditions import Conditions  # noqa: PLC0415
        from ..models.targets import Targets  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        position = d.pop("position")

        def _parse_calendar_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        conditions = Conditions.from_dict(d.pop("conditions"))

        targets = Targets.from_dict(d.pop("targets"))

        pause_statuses = cast(list[str], d.pop("pause_statuses"))

        escalate_on_breach = d.pop("escalate_on_breach")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        policy_out = cls(
            id=id,
            name=name,
            position=position,
            calendar_id=calendar_id,
            conditions=conditions,
            targets=targets,
            pause_statuses=pause_statuses,
            escalate_on_breach=escalate_on_breach,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        policy_out.additional_properties = d
        return policy_out

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
