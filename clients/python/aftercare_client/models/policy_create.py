from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.pause_status import PauseStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conditions import Conditions
    from ..models.targets import Targets


T = TypeVar("T", bound="PolicyCreate")


@_attrs_define
class PolicyCreate:
    """
    Attributes:
        name (str):
        targets (Targets):
        position (int | Unset): lowest first; the first match wins Default: 100.
        calendar_id (None | Unset | UUID): business calendar; none means calendar time, 24x7. It must exist (else a 422
            unknown-reference), and targets in business hours need one (else a 422)
        conditions (Conditions | Unset): All given lists must match (an empty list matches anything); tags match any of
            them.
        pause_statuses (list[PauseStatus] | Unset):
        escalate_on_breach (bool | Unset): move the ticket to tier 2 Default: False.
    """

    name: str
    targets: Targets
    position: int | Unset = 100
    calendar_id: None | Unset | UUID = UNSET
    conditions: Conditions | Unset = UNSET
    pause_statuses: list[PauseStatus] | Unset = UNSET
    escalate_on_breach: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        targets = self.targets.to_dict()

        position = self.position

        calendar_id: None | str | Unset
        if isinstance(self.calendar_id, Unset):
            calendar_id = UNSET
        elif isinstance(self.calendar_id, UUID):
            calendar_id = str(self.calendar_id)
        else:
            calendar_id = self.calendar_id

        conditions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = self.conditions.to_dict()

        pause_statuses: list[str] | Unset = UNSET
        if not isinstance(self.pause_statuses, Unset):
            pause_statuses = []
            for pause_statuses_item_data in self.pause_statuses:
                pause_statuses_item = pause_statuses_item_data.value
                pause_statuses.append(pause_statuses_item)

        escalate_on_breach = self.escalate_on_breach

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "targets": targets,
            }
        )
        if position is not UNSET:
            field_dict["position"] = position
        if calendar_id is not UNSET:
            field_dict["calendar_id"] = calendar_id
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if pause_statuses is not UNSET:
            field_dict["pause_statuses"] = pause_statuses
        if escalate_on_breach is not UNSET:
            field_dict["escalate_on_breach"] = escalate_on_breach

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conditions import Conditions  # noqa: PLC0415
        from ..models.targets import Targets  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        targets = Targets.from_dict(d.pop("targets"))

        position = d.pop("position", UNSET)

        def _parse_calendar_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                calendar_id_type_0 = UUID(data)

                return calendar_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id", UNSET))

        _conditions = d.pop("conditions", UNSET)
        conditions: Conditions | Unset
        if isinstance(_conditions, Unset):
            conditions = UNSET
        else:
            conditions = Conditions.from_dict(_conditions)

        _pause_statuses = d.pop("pause_statuses", UNSET)
        pause_statuses: list[PauseStatus] | Unset = UNSET
        if _pause_statuses is not UNSET:
            pause_statuses = []
            for pause_statuses_item_data in _pause_statuses:
                pause_statuses_item = PauseStatus(pause_statuses_item_data)

                pause_statuses.append(pause_statuses_item)

        escalate_on_breach = d.pop("escalate_on_breach", UNSET)

        policy_create = cls(
            name=name,
            targets=targets,
            position=position,
            calendar_id=calendar_id,
            conditions=conditions,
            pause_statuses=pause_statuses,
            escalate_on_breach=escalate_on_breach,
        )

        return policy_create
