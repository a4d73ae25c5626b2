"""The rooms app's figures for the annual report, against the hand-counted world."""

import datetime as dt
from decimal import Decimal

import pytest

from rooms import reports
from tests import annual_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return annual_data.build()


@pytest.mark.parametrize("year", [2024, 2025])
def test_hours_by_organisation_exclude_cancelled_and_closed_days(world, year):
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    expected = {
        name: Decimal(hours)
        for name, hours in annual_data.EXPECTED[year]["hours_by_organisation"].items()
    }
    result = reports.hours_by_organisation(start, end)
    assert result == expected
    assert list(result) == list(expected)  # most hours first


@pytest.mark.parametrize("year", [2024, 2025])
def test_hours_by_room_in_display_order(world, year):
    result = reports.hours_by_room(dt.date(year, 1, 1), dt.date(year, 12, 31))
    expected = annual_data.EXPECTED[year]["hours_by_room"]
    assert {name: str(hours) for name, hours in result.items()} == expected
    assert list(result) == ["Stua", "Rom 3"]


def test_a_booking_belongs_to_its_oslo_date(world):
    # 00:00–01:00 on New Year's Day in Oslo is 23:00–24:00 on New Year's Eve in UTC.
    assert reports.hours_by_organisation(dt.date(2025, 1, 1), dt.date(2025, 1, 1)) == {
        "NA Oslo": Decimal("1.0")
    }
    assert reports.hours_by_organisation(dt.date(2024, 12, 31), dt.date(2024, 12, 31)) == {}


def test_the_daylight_saving_nights_count_two_hours_on_sunday_evening(world):
    for day in (dt.date(2024, 10, 27), dt.date(2025, 3, 30)):
        assert reports.hours_by_organisation(day, day) == {"NA Oslo": Decimal("2.0")}
        result = reports.occupancy(day, day)
        sunday = {row.label: row for row in result.by_weekday}["Sunday"]
        assert sunday.booked_hours == 2
        assert {row.label: row.booked_hours for row in result.by_part_of_day} == {
            "Daytime (before 17)": 0,
            "Evening (from 17)": 2,
        }


def test_occupancy_for_the_week_the_clocks_went_forward(world):
    # Monday 24 – Sunday 30 March 2025: open 10–22 (7 h daytime, 5 h evening) in two rooms.
    result = reports.occupancy(dt.date(2025, 3, 24), dt.date(2025, 3, 30))
    rooms = {row.label: row for row in result.by_room}
    assert (rooms["Stua"].booked_hours, rooms["Stua"].open_hours) == (4, 84)
    assert rooms["Stua"].percent == 5  # 4 / 84 = 4.8 %
    assert (rooms["Rom 3"].booked_hours, rooms["Rom 3"].percent) == (0, 0)
    weekdays = {
        row.label: (row.booked_hours, row.open_hours, row.percent) for row in result.by_weekday
    }
    assert weekdays["Tuesday"] == (2, 24, 8)
    assert weekdays["Sunday"] == (2, 24, 8)
    assert weekdays["Monday"] == (0, 24, 0)
    parts = {
        row.label: (row.booked_hours, row.open_hours, row.percent) for row in result.by_part_of_day
    }
    # The 16–18 booking is one hour of each.
    assert parts["Daytime (before 17)"] == (1, 98, 1)
    assert parts["Evening (from 17)"] == (3, 70, 4)


def test_occupancy_leaves_out_closed_days_and_hours_outside_opening(world):
    result = reports.occupancy(*annual_data.YEAR_2025)
    rooms = {row.label: row for row in result.by_room}
    # Rom 3 was closed one day; the 00:00–01:00 booking lies outside opening hours.
    assert rooms["Stua"].open_hours == 365 * 12
    assert rooms["Rom 3"].open_hours == 364 * 12
    assert rooms["Stua"].booked_hours == 6
    assert rooms["Rom 3"].booked_hours == 3.5
    christmas = reports.occupancy(dt.date(2024, 12, 24), dt.date(2024, 12, 26))
    assert [row.open_hours for row in christmas.by_room] == [0, 0]
    assert [row.percent for row in christmas.by_room] == [0, 0]


def test_a_weekday_without_opening_hours_is_left_out(world):
    from rooms.models import OpeningHours

    OpeningHours.objects.filter(weekday=6).delete()
    result = reports.occupancy(dt.date(2025, 3, 24), dt.date(2025, 3, 30))
    assert "Sunday" not in [row.label for row in result.by_weekday]
    assert {row.label: row.booked_hours for row in result.by_room}["Stua"] == 2


@pytest.mark.parametrize(
    ("function", "queries"),
    [(reports.hours_by_organisation, 1), (reports.hours_by_room, 2), (reports.occupancy, 4)],
)
def test_fixed_number_of_queries_at_two_scales(world, django_assert_num_queries, function, queries):
    with django_assert_num_queries(queries):
        function(*annual_data.YEAR_2025)
    annual_data.add_bulk_bookings(world, weeks=52)
    with django_assert_num_queries(queries):
        result = function(*annual_data.YEAR_2025)
    assert result


def test_what_has_yet_to_happen_is_not_counted(world):
    from rooms.times import today_local

    today = today_local()
    annual_data._booking(world["aa"], world["stua"], today + dt.timedelta(days=1), (18,), (20,))
    annual_data._booking(world["aa"], world["stua"], today - dt.timedelta(days=1), (18,), (20,))
    start, end = dt.date(today.year - 1, 1, 1), dt.date(today.year + 1, 12, 31)
    assert reports.hours_by_organisation(today - dt.timedelta(days=1), end) == {
        "AA Oslo": Decimal("2.0")
    }
    result = reports.occupancy(today - dt.timedelta(days=3), today + dt.timedelta(days=30))
    # Open hours only up to yesterday: three days of 12 hours in each room.
    assert [row.open_hours for row in result.by_room] == [36, 36]
    assert (
        reports.held_bookings_between(start, end).filter(start__gte=reports.held_until()).count()
        == 0
    )
