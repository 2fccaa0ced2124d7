from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_update_weekly_hours import CalendarUpdateWeeklyHours


T = TypeVar("T", bound="CalendarUpdate")


@_attrs_define
class CalendarUpdate:
    """Omit a field to leave it as it is (null is refused).

    Attributes:
        name (str | Unset):
        timezone (str | Unset):
        weekly_hours (CalendarUpdateWeeklyHours | Unset):
        holidays (list[datetime.date] | Unset):
    """

    name: str | Unset = UNSET
    timezone: str | Unset = UNSET
    weekly_hours: CalendarUpdateWeeklyHours | Unset = UNSET
    holidays: list[datetime.date] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        timezone = self.timezone

        weekly_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weekly_hours, Unset):
            weekly_hours = self.weekly_hours.to_dict()

        holidays: list[str] | Unset = UNSET
        if not isinstance(self.holidays, Unset):
            holidays = []
            for holidays_item_data in self.holidays:
                holidays_item = holidays_item_data.isoformat()
                holidays.append(holidays_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if weekly_hours is not UNSET:
            field_dict["weekly_hours"] = weekly_hours
        if holidays is not UNSET:
            field_dict["holidays"] = holidays

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_update_weekly_hours import CalendarUpdateWeeklyHours  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        timezone = d.pop("timezone", UNSET)

        _weekly_hours = d.pop("weekly_hours", UNSET)
        weekly_hours: CalendarUpdateWeeklyHours | Unset
        if isinstance(_weekly_hours, Unset):
            weekly_hours = UNSET
        else:
            weekly_hours = CalendarUpdateWeeklyHours.from_dict(_weekly_hours)

        _holidays = d.pop("holidays", UNSET)
        holidays: list[datetime.date] | Unset = UNSET
        if _holidays is not UNSET:
            holidays = []
            for holidays_item_data in _holidays:
                holidays_item = datetime.date.fromisoformat(holidays_item_data)

                holidays.append(holidays_item)

        calendar_update = cls(
            name=name,
            timezone=timezone,
            weekly_hours=weekly_hours,
            holidays=holidays,
        )

        return calendar_update
