from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.sla import business_hours
from app.sla.business_hours import (
    BusinessCalendar,
    BusinessInterval,
    add_business_time,
    business_time_between,
    is_business_time,
    parse_hhmm,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

MORNING = BusinessInterval(time(9), time(12))
AFTERNOON = BusinessInterval(time(13), time(17))
WEEKDAYS = range(5)

# Mon-Fri 09:00-12:00 and 13:00-17:00 Berlin time: 7 business hours a day, 35 a week.
OFFICE = BusinessCalendar("Europe/Berlin", dict.fromkeys(WEEKDAYS, (MORNING, AFTERNOON)))


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BERLIN)


def office_with_holidays(*holidays: date) -> BusinessCalendar:
    return BusinessCalendar(OFFICE.timezone, OFFICE.weekly_hours, frozenset(holidays))


def sundays_only(timezone: str, interval: BusinessInterval) -> BusinessCalendar:
    return BusinessCalendar(timezone, {6: (interval,)})


H = timedelta(hours=1)


# --- within one day, lunch break, nights, weekends (January 2026: CET = UTC+1) ---


def test_adds_within_one_interval() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 9, 30), 2 * H)
    assert deadline == datetime(2026, 1, 5, 10, 30, tzinfo=UTC)  # Mon 11:30 CET


def test_skips_the_lunch_break() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 11), 2 * H)
    assert deadline == datetime(2026, 1, 5, 13, 0, tzinfo=UTC)  # 11-12 + 13-14 -> Mon 14:00 CET


def test_deadline_on_lunch_closing_is_the_closing_instant() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 10), 2 * H)
    assert deadline == datetime(2026, 1, 5, 11, 0, tzinfo=UTC)  # Mon 12:00 CET, not 13:00


def test_deadline_on_evening_closing_is_the_closing_instant() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 16), H)
    assert deadline == datetime(2026, 1, 5, 16, 0, tzinfo=UTC)  # Mon 17:00 CET, not Tue 09:00


def test_carries_over_the_night() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 16), 2 * H)
    assert deadline == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)  # 1h Mon + 1h -> Tue 10:00 CET


def test_carries_over_the_weekend() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 9, 16), 2 * H)
    assert deadline == datetime(2026, 1, 12, 9, 0, tzinfo=UTC)  # 1h Fri + 1h -> Mon 10:00 CET


def test_carries_over_several_days_and_both_intervals() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 9), 17 * H)
    assert deadline == datetime(2026, 1, 7, 11, 0, tzinfo=UTC)  # 7 Mon + 7 Tue + 3 -> Wed 12:00


# --- holidays ---


def test_skips_a_holiday() -> None:
    calendar = office_with_holidays(date(2026, 1, 6))  # Tue
    deadline = add_business_time(calendar, berlin(2026, 1, 5, 16), 2 * H)
    assert deadline == datetime(2026, 1, 7, 9, 0, tzinfo=UTC)  # 1h Mon + 1h -> Wed 10:00 CET


def test_skips_consecutive_holidays_before_a_weekend() -> None:
    calendar = office_with_holidays(date(2026, 12, 24), date(2026, 12, 25))  # Thu, Fri
    deadline = add_business_time(calendar, berlin(2026, 12, 23, 16), 2 * H)
    assert deadline == datetime(2026, 12, 28, 9, 0, tzinfo=UTC)  # 1h Wed + 1h -> Mon 10:00 CET


def test_skips_good_friday_weekend_and_easter_monday() -> None:
    calendar = office_with_holidays(date(2026, 4, 3), date(2026, 4, 6))  # Fri, Mon
    deadline = add_business_time(calendar, berlin(2026, 4, 2, 16), 2 * H)
    assert deadline == datetime(2026, 4, 7, 8, 0, tzinfo=UTC)  # 1h Thu + 1h -> Tue 10:00 CEST


def test_skips_a_year_long_holiday_stretch() -> None:
    year_2027 = [date(2027, 1, 1) + timedelta(days=n) for n in range(365)]
    calendar = office_with_holidays(*year_2027)
    deadline = add_business_time(calendar, berlin(2026, 12, 31, 16), 2 * H)
    assert deadline == datetime(2028, 1, 3, 9, 0, tzinfo=UTC)  # 1h Thu + 1h -> Mon 10:00 CET


def test_raises_when_no_opening_within_ten_years() -> None:
    eleven_years = [date(2026, 1, 1) + timedelta(days=n) for n in range(11 * 366)]
    calendar = office_with_holidays(*eleven_years)
    with pytest.raises(ValueError, match="no business hours within 3660 days"):
        add_business_time(calendar, berlin(2026, 1, 1, 9), H)


# --- tickets created outside business hours ---


def test_start_before_opening_counts_from_opening() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 7), H)
    assert deadline == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # Mon 09:00 + 1h = 10:00 CET


def test_start_after_closing_counts_from_next_morning() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 18), H)
    assert deadline == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)  # Tue 09:00 + 1h = 10:00 CET


def test_start_during_lunch_counts_from_afternoon_opening() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 12, 30), timedelta(minutes=30))
    assert deadline == datetime(2026, 1, 5, 12, 30, tzinfo=UTC)  # Mon 13:30 CET


def test_start_on_sunday_counts_from_monday() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 11, 12), H)
    assert deadline == datetime(2026, 1, 12, 9, 0, tzinfo=UTC)  # Mon 10:00 CET


def test_start_on_holiday_counts_from_next_business_day() -> None:
    calendar = office_with_holidays(date(2026, 1, 6))  # Tue
    deadline = add_business_time(calendar, berlin(2026, 1, 6, 10), H)
    assert deadline == datetime(2026, 1, 7, 9, 0, tzinfo=UTC)  # Wed 10:00 CET


def test_zero_duration_returns_start_even_outside_hours() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 11, 12), timedelta(0))  # Sunday
    assert deadline == datetime(2026, 1, 11, 11, 0, tzinfo=UTC)
    assert deadline.tzinfo is UTC


def test_result_is_in_utc_whatever_the_input_timezone() -> None:
    start = datetime(2026, 1, 5, 3, 0, tzinfo=NEW_YORK)  # = Mon 09:00 CET
    deadline = add_business_time(OFFICE, start, H)
    assert deadline == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # Mon 10:00 CET
    assert deadline.tzinfo is UTC


# --- intervals ending at 24:00 ---

EVENINGS = BusinessCalendar(
    "Europe/Berlin", {day: (BusinessInterval(time(18), parse_hhmm("24:00")),) for day in WEEKDAYS}
)


def test_deadline_at_midnight_closing() -> None:
    deadline = add_business_time(EVENINGS, berlin(2026, 1, 9, 22), 2 * H)
    assert deadline == datetime(2026, 1, 9, 23, 0, tzinfo=UTC)  # Sat 00:00 CET = Fri 24:00


def test_midnight_closing_carries_over_the_weekend() -> None:
    deadline = add_business_time(EVENINGS, berlin(2026, 1, 9, 22), timedelta(hours=2, minutes=30))
    assert deadline == datetime(2026, 1, 12, 17, 30, tzinfo=UTC)  # 2h Fri + 30m -> Mon 18:30


def test_interval_to_midnight_joins_next_day_from_midnight() -> None:
    calendar = BusinessCalendar(
        "Europe/Berlin",
        {0: (BusinessInterval(time(22), time(0)),), 1: (BusinessInterval(time(0), time(2)),)},
    )
    deadline = add_business_time(calendar, berlin(2026, 1, 5, 23), 2 * H)
    assert deadline == datetime(2026, 1, 6, 0, 0, tzinfo=UTC)  # 1h Mon + 1h -> Tue 01:00 CET
    assert business_time_between(calendar, berlin(2026, 1, 5, 20), berlin(2026, 1, 6, 5)) == 4 * H


def test_is_business_time_before_midnight_closing() -> None:
    assert is_business_time(EVENINGS, berlin(2026, 1, 9, 23, 59, 59)) is True
    assert is_business_time(EVENINGS, berlin(2026, 1, 10, 0, 0)) is False  # Sat 00:00


# --- DST: Europe/Berlin (2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET)


def test_berlin_spring_forward_interval_is_two_real_hours() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(1), time(4)))
    elapsed = business_time_between(calendar, berlin(2026, 3, 28, 12), berlin(2026, 3, 30, 12))
    assert elapsed == 2 * H  # 01:00 CET = 00:00 UTC .. 04:00 CEST = 02:00 UTC


def test_berlin_spring_forward_skips_the_missing_hour() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(1), time(4)))
    deadline = add_business_time(calendar, berlin(2026, 3, 29, 1, 30), H)
    assert deadline == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST, 1h after 01:30 CET


def test_berlin_spring_forward_overflow_goes_to_next_sunday() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(1), time(4)))
    deadline = add_business_time(calendar, berlin(2026, 3, 28, 12), timedelta(hours=2, minutes=30))
    assert deadline == datetime(2026, 4, 4, 23, 30, tzinfo=UTC)  # 2h on 29th + 30m -> 01:30 CEST


def test_berlin_opening_inside_the_gap_opens_when_the_clock_jumps() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(2, 30), time(5)))
    elapsed = business_time_between(calendar, berlin(2026, 3, 28, 12), berlin(2026, 3, 30, 12))
    assert elapsed == 2 * H  # opens 03:00 CEST = 01:00 UTC, closes 05:00 CEST = 03:00 UTC
    assert is_business_time(calendar, datetime(2026, 3, 29, 0, 59, tzinfo=UTC)) is False
    assert is_business_time(calendar, datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) is True


def test_berlin_interval_wholly_inside_the_gap_has_no_time() -> None:
    calendar = BusinessCalendar(
        "Europe/Berlin",
        {6: (BusinessInterval(time(2), time(2, 30)), BusinessInterval(time(9), time(10)))},
    )
    deadline = add_business_time(calendar, berlin(2026, 3, 29, 0), timedelta(minutes=30))
    assert deadline == datetime(2026, 3, 29, 7, 30, tzinfo=UTC)  # 02:00-02:30 skipped; 09:30 CEST


def test_berlin_fall_back_interval_is_four_real_hours() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(1), time(4)))
    elapsed = business_time_between(calendar, berlin(2026, 10, 24, 12), berlin(2026, 10, 26, 12))
    assert elapsed == 4 * H  # 01:00 CEST = Sat 23:00 UTC .. 04:00 CET = 03:00 UTC


def test_berlin_fall_back_deadline_after_the_repeated_hour() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(1), time(4)))
    deadline = add_business_time(calendar, berlin(2026, 10, 24, 12), 3 * H)
    assert deadline == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)  # 03:00 CET (02:xx counted twice)


def test_berlin_fall_back_deadline_on_closing() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(1), time(4)))
    deadline = add_business_time(calendar, berlin(2026, 10, 24, 12), 4 * H)
    assert deadline == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)  # 04:00 CET closing


def test_berlin_ambiguous_opening_uses_first_occurrence() -> None:
    calendar = sundays_only("Europe/Berlin", BusinessInterval(time(2, 30), time(4)))
    elapsed = business_time_between(calendar, berlin(2026, 10, 24, 12), berlin(2026, 10, 26, 12))
    assert elapsed == timedelta(hours=2, minutes=30)  # 02:30 CEST = 00:30 UTC .. 03:00 UTC


# --- DST: America/New_York (2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST)


def new_york(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=NEW_YORK)


def test_new_york_spring_forward_interval_is_two_real_hours() -> None:
    calendar = sundays_only("America/New_York", BusinessInterval(time(1), time(4)))
    deadline = add_business_time(calendar, new_york(2026, 3, 7, 12), 2 * H)
    assert deadline == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)  # 01:00 EST=06:00Z + 2h = 04:00 EDT
    elapsed = business_time_between(calendar, new_york(2026, 3, 7, 12), new_york(2026, 3, 9, 12))
    assert elapsed == 2 * H


def test_new_york_fall_back_interval_is_four_real_hours() -> None:
    # 01:00 is ambiguous on 2026-11-01; the opening takes its first occurrence, 01:00 EDT.
    calendar = sundays_only("America/New_York", BusinessInterval(time(1), time(4)))
    elapsed = business_time_between(calendar, new_york(2026, 10, 31, 12), new_york(2026, 11, 2, 12))
    assert elapsed == 4 * H  # 01:00 EDT = 05:00 UTC .. 04:00 EST = 09:00 UTC
    deadline = add_business_time(
        calendar, new_york(2026, 10, 31, 12), timedelta(hours=1, minutes=30)
    )
    assert deadline == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST, second pass


# --- DST: Australia/Lord_Howe (30-minute shift) ---


def test_lord_howe_fall_back_adds_half_an_hour() -> None:
    # 2026-04-05 02:00 +11:00 -> 01:30 +10:30
    calendar = sundays_only("Australia/Lord_Howe", BusinessInterval(time(1), time(4)))
    start = datetime(2026, 4, 4, 12, 0, tzinfo=UTC)
    elapsed = business_time_between(calendar, start, start + 24 * H)
    assert elapsed == timedelta(hours=3, minutes=30)  # 01:00 +11 = 14:00Z .. 04:00 +10:30 = 17:30Z


def test_lord_howe_spring_forward_removes_half_an_hour() -> None:
    # 2026-10-04 02:00 +10:30 -> 02:30 +11:00
    calendar = sundays_only("Australia/Lord_Howe", BusinessInterval(time(1), time(4)))
    deadline = add_business_time(calendar, datetime(2026, 10, 3, 12, tzinfo=UTC), 2 * H)
    assert deadline == datetime(2026, 10, 3, 16, 30, tzinfo=UTC)  # 01:00 +10:30 = 14:30Z + 2h


# --- long durations ---


def test_two_thousand_hours_in_utc_office() -> None:
    calendar = BusinessCalendar(
        "UTC", {day: (BusinessInterval(time(9), time(17)),) for day in WEEKDAYS}
    )
    deadline = add_business_time(calendar, datetime(2026, 1, 5, 9, tzinfo=UTC), 2000 * H)
    assert deadline == datetime(2026, 12, 18, 17, 0, tzinfo=UTC)  # 50 weeks of 40h: Fri of week 50


def test_three_thousand_five_hundred_hours_across_dst_changes() -> None:
    deadline = add_business_time(OFFICE, berlin(2026, 1, 5, 9), 3500 * H)
    assert deadline == datetime(2027, 12, 3, 16, 0, tzinfo=UTC)  # 100 weeks of 35h: Fri 17:00 CET
    assert business_time_between(OFFICE, berlin(2026, 1, 5, 9), deadline) == 3500 * H


def test_huge_duration_beyond_year_9999_raises() -> None:
    with pytest.raises(ValueError, match="beyond the supported date range"):
        add_business_time(
            BusinessCalendar.always_open(), berlin(2026, 1, 5), timedelta(days=3_000_000)
        )


# --- always open ---


def test_always_open_adds_real_time() -> None:
    calendar = BusinessCalendar.always_open()
    deadline = add_business_time(calendar, berlin(2026, 3, 28, 12), 1000 * H)
    assert deadline == datetime(2026, 5, 9, 3, 0, tzinfo=UTC)  # Sat 11:00Z + 41d 16h
    assert calendar.timezone == "UTC"
    assert calendar.holidays == frozenset()


def test_always_open_fast_path_skips_day_iteration(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("day-by-day iteration used for an always-open calendar")

    monkeypatch.setattr(business_hours, "_open_spans", fail)
    calendar = BusinessCalendar.always_open()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    assert add_business_time(calendar, start, timedelta(days=36_500)) == datetime(
        2125, 12, 8, tzinfo=UTC
    )
    assert business_time_between(calendar, start, datetime(2026, 1, 2, tzinfo=UTC)) == 24 * H
    assert is_business_time(calendar, start) is True


def test_whole_days_in_berlin_count_the_short_dst_day_as_23_hours() -> None:
    whole_days = BusinessCalendar(
        "Europe/Berlin", {day: (BusinessInterval(time(0), time(0)),) for day in range(7)}
    )
    elapsed = business_time_between(whole_days, berlin(2026, 3, 29, 0), berlin(2026, 3, 30, 0))
    assert elapsed == 23 * H


# --- business_time_between ---


def test_between_over_night() -> None:
    elapsed = business_time_between(OFFICE, berlin(2026, 1, 5, 8), berlin(2026, 1, 6, 10))
    assert elapsed == 8 * H  # 7h Mon + 1h Tue


def test_between_over_weekend() -> None:
    elapsed = business_time_between(OFFICE, berlin(2026, 1, 9, 16), berlin(2026, 1, 12, 10))
    assert elapsed == 2 * H  # 1h Fri + 1h Mon


def test_between_over_a_holiday() -> None:
    calendar = office_with_holidays(date(2026, 1, 6))
    elapsed = business_time_between(calendar, berlin(2026, 1, 5, 16), berlin(2026, 1, 7, 10))
    assert elapsed == 2 * H  # 1h Mon + 0 Tue + 1h Wed


def test_between_inside_lunch_break_is_zero() -> None:
    elapsed = business_time_between(OFFICE, berlin(2026, 1, 5, 12, 5), berlin(2026, 1, 5, 12, 55))
    assert elapsed == timedelta(0)


def test_between_with_end_before_start_is_zero() -> None:
    elapsed = business_time_between(OFFICE, berlin(2026, 1, 6, 10), berlin(2026, 1, 5, 10))
    assert elapsed == timedelta(0)


# --- is_business_time ---


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (berlin(2026, 1, 5, 8, 59, 59), False),
        (berlin(2026, 1, 5, 9), True),  # opening is inclusive
        (berlin(2026, 1, 5, 12), False),  # closing is exclusive
        (berlin(2026, 1, 5, 13), True),
        (berlin(2026, 1, 5, 16, 59, 59), True),
        (berlin(2026, 1, 5, 17), False),
        (berlin(2026, 1, 10, 10), False),  # Saturday
        (berlin(2026, 1, 6, 10), False),  # holiday
        (datetime(2026, 1, 7, 9, 30, tzinfo=UTC), True),  # Wed 10:30 CET
    ],
)
def test_is_business_time(moment: datetime, expected: bool) -> None:
    assert is_business_time(office_with_holidays(date(2026, 1, 6)), moment) is expected


# --- parse_hhmm ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9)),
        ("17:30", time(17, 30)),
        ("00:00", time(0)),
        ("23:59", time(23, 59)),
        ("24:00", time(0)),
    ],
)
def test_parse_hhmm(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize(
    "text", ["25:00", "24:30", "12:60", "9:00", "09:00:00", "9am", "", " 09:00"]
)
def test_parse_hhmm_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="expected HH:MM between 00:00 and 24:00"):
        parse_hhmm(text)


# --- validation ---


def test_unknown_timezone_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown IANA timezone 'Mars/Olympus'"):
        BusinessCalendar("Mars/Olympus", {0: (MORNING,)})


def test_overlapping_intervals_are_rejected() -> None:
    overlapping = (BusinessInterval(time(9), time(13)), BusinessInterval(time(12), time(17)))
    with pytest.raises(
        ValueError, match="weekday 0: intervals must be sorted and must not overlap"
    ):
        BusinessCalendar("UTC", {0: overlapping})


def test_unsorted_intervals_are_rejected() -> None:
    with pytest.raises(ValueError, match="weekday 2: intervals must be sorted"):
        BusinessCalendar("UTC", {2: (AFTERNOON, MORNING)})


def test_interval_after_one_ending_at_midnight_is_rejected() -> None:
    with pytest.raises(ValueError, match="must not overlap"):
        BusinessCalendar(
            "UTC", {0: (BusinessInterval(time(20), time(0)), BusinessInterval(time(22), time(23)))}
        )


def test_adjacent_intervals_are_accepted() -> None:
    calendar = BusinessCalendar(
        "UTC", {0: (BusinessInterval(time(9), time(12)), BusinessInterval(time(12), time(13)))}
    )
    assert add_business_time(calendar, datetime(2026, 1, 5, 11, tzinfo=UTC), 2 * H) == datetime(
        2026, 1, 5, 13, tzinfo=UTC
    )


@pytest.mark.parametrize("weekly_hours", [{}, {0: (), 6: ()}])
def test_empty_week_is_rejected(weekly_hours: dict[int, tuple[BusinessInterval, ...]]) -> None:
    with pytest.raises(ValueError, match="no business hours in its week"):
        BusinessCalendar("UTC", weekly_hours)


def test_weekday_out_of_range_is_rejected() -> None:
    with pytest.raises(ValueError, match="weekday must be 0 \\(Monday\\) to 6 \\(Sunday\\), got 7"):
        BusinessCalendar("UTC", {7: (MORNING,)})


@pytest.mark.parametrize(("start", "end"), [(time(10), time(9)), (time(9), time(9))])
def test_interval_must_start_before_it_ends(start: time, end: time) -> None:
    with pytest.raises(ValueError, match="must start before it ends"):
        BusinessInterval(start, end)


def test_calendar_does_not_follow_later_mutation_of_its_inputs() -> None:
    hours = {0: (MORNING,)}
    calendar = BusinessCalendar("UTC", hours)
    hours[1] = (MORNING,)
    assert dict(calendar.weekly_hours) == {0: (MORNING,)}


def test_naive_datetimes_are_rejected() -> None:
    naive = datetime(2026, 1, 5, 10)
    aware = berlin(2026, 1, 5, 10)
    with pytest.raises(ValueError, match="start must be a timezone-aware datetime"):
        add_business_time(OFFICE, naive, H)
    with pytest.raises(ValueError, match="end must be a timezone-aware datetime"):
        business_time_between(OFFICE, aware, naive)
    with pytest.raises(ValueError, match="moment must be a timezone-aware datetime"):
        is_business_time(OFFICE, naive)


def test_negative_duration_is_rejected() -> None:
    with pytest.raises(ValueError, match="duration must not be negative"):
        add_business_time(OFFICE, berlin(2026, 1, 5, 10), -H)


# --- property: business_time_between inverts add_business_time ---

TIMEZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"]


@st.composite
def day_intervals(draw: st.DrawFn) -> tuple[BusinessInterval, ...]:
    # Quarter-hour boundaries so that DST gaps and repeats (01:00-03:00) are often hit.
    boundaries = sorted(draw(st.sets(st.integers(0, 96), max_size=6)))
    if len(boundaries) % 2:
        boundaries.pop()
    pairs = zip(boundaries[::2], boundaries[1::2], strict=True)
    return tuple(BusinessInterval(_quarter(start), _quarter(end)) for start, end in pairs)


def _quarter(index: int) -> time:
    return time((index // 4) % 24, 15 * (index % 4))


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week = {day: draw(day_intervals()) for day in range(7)}
    if not any(week.values()):
        week[draw(st.integers(0, 6))] = (BusinessInterval(time(9), time(17)),)
    holidays = draw(st.frozensets(st.dates(date(2026, 1, 1), date(2027, 3, 1)), max_size=20))
    return BusinessCalendar(draw(st.sampled_from(TIMEZONES)), week, holidays)


moments = st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1), timezones=st.just(UTC))
durations = st.timedeltas(timedelta(0), timedelta(hours=400))


@settings(max_examples=300, deadline=None)
@given(calendar=calendars(), start=moments, duration=durations)
def test_between_inverts_add(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    deadline = add_business_time(calendar, start, duration)
    assert deadline >= start
    assert business_time_between(calendar, start, deadline) == duration


@settings(max_examples=200, deadline=None)
@given(calendar=calendars(), start=moments, elapsed=st.timedeltas(timedelta(0), timedelta(days=40)))
def test_add_inverts_between_at_business_moments(
    calendar: BusinessCalendar, start: datetime, elapsed: timedelta
) -> None:
    end = start + elapsed
    spent = business_time_between(calendar, start, end)
    # Just before `end` the business clock runs, so `spent` is first reached exactly at `end`.
    if spent and is_business_time(calendar, end - timedelta(microseconds=1)):
        assert add_business_time(calendar, start, spent) == end
    else:
        assert add_business_time(calendar, start, spent) <= end
