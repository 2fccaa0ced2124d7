from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_create_weekly_hours import CalendarCreateWeeklyHours


T = TypeVar("T", bound="CalendarCreate")


@_attrs_define
class CalendarCreate:
    """
    Attributes:
        name (str):
        timezone (str): IANA timezone, e.g. Europe/Berlin; a name not in the IANA database is a 422
        weekly_hours (CalendarCreateWeeklyHours): opening intervals per weekday, e.g. {"mon":
            [["09:00","12:00"],["13:00","17:00"]]}; "00:00" may only start an interval and "24:00" only end one; a missing
            day is closed. Each interval starts before it ends, a day's intervals are sorted and do not overlap, and at
            least one day is open (else a 422)
        holidays (list[datetime.date] | Unset):
    """

    name: str
    timezone: str
    weekly_hours: CalendarCreateWeeklyHours
    holidays: list[datetime.date] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        timezone = self.timezone

        weekly_hours = self.weekly_hours.to_dict()

        holidays: list[str] | Unset = UNSET
        if not isinstance(self.holidays, Unset):
            holidays = []
            for holidays_item_data in self.holidays:
                holidays_item = holidays_item_data.isoformat()
                holidays.append(holidays_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "timezone": timezone,
                "weekly_hours": weekly_hours,
            }
        )
        if holidays is not UNSET:
            field_dict["holidays"] = holidays

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_create_weekly_hours import CalendarCreateWeeklyHours  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        timezone = d.pop("timezone")

        weekly_hours = CalendarCreateWeeklyHours.from_dict(d.pop("weekly_hours"))

        _holidays = d.pop("holidays", UNSET)
        holidays: list[datetime.date] | Unset = UNSET
        if _holidays is not UNSET:
            holidays = []
            for holidays_item_data in _holidays:
                holidays_item = datetime.date.fromisoformat(holidays_item_data)

                holidays.append(holidays_item)

        calendar_create = cls(
            name=name,
            timezone=timezone,
            weekly_hours=weekly_hours,
            holidays=holidays,
        )

        return calendar_create
