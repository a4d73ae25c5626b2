"""Report numbers against small fixtures counted by hand, with Oslo month and year boundaries."""

import datetime as dt

import pytest

from outreach import services
from outreach.models import ContactActivity, District, Place, Professional
from outreach.reports import (
    MONTH,
    QUARTER,
    OutreachReport,
    dashboard_summary,
    local_day_bounds,
    period_label,
    periods_between,
)
from tests.outreach.helpers import oslo

pytestmark = pytest.mark.django_db


def rows(table):
    return {str(label): values for label, values in table.rows}


def test_periods_between_months_and_quarters():
    assert periods_between(dt.date(2025, 11, 15), dt.date(2026, 2, 1), MONTH) == [
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert periods_between(dt.date(2025, 8, 31), dt.date(2026, 1, 1), QUARTER) == [
        dt.date(2025, 7, 1),
        dt.date(2025, 10, 1),
        dt.date(2026, 1, 1),
    ]
    assert periods_between(dt.date(2025, 3, 3), dt.date(2025, 3, 3), MONTH) == [dt.date(2025, 3, 1)]


def test_period_labels():
    assert period_label(dt.date(2025, 10, 1), QUARTER) == "Q4 2025"
    assert period_label(dt.date(2025, 12, 1), MONTH) == "Dec 2025"


def test_day_bounds_are_oslo_midnight():
    start, end = local_day_bounds(dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert start.isoformat() == "2025-12-01T00:00:00+01:00"
    assert end.isoformat() == "2026-01-01T00:00:00+01:00"


@pytest.fixture
def year_end_fixture(make_brochure, make_place):
    """Hand-counted:

    Distributions (brochures): Nov 2025 GP Grünerløkka 10; Dec 2025 GP Grünerløkka 20,
    NAV Sagene 5; Jan 2026 NAV Sagene 7 (1 January). Dec total 25, Q4 2025 total 35.
    Activities: 2025-12-31 23:30 Oslo (= 22:30 UTC, December) presentation, 30 people;
    2026-01-01 00:15 Oslo (= 2025-12-31 23:15 UTC, January) phone, 1 person;
    2025-12-01 00:30 Oslo (= 2025-11-30 23:30 UTC, December) meeting, 4 people;
    2025-11-30 23:59 Oslo (November) visit, 2 people.
    """
    brochure = make_brochure(stock=1000)
    gp = make_place(
        name="Legene på Løkka", kind=Place.Kind.GP_OFFICE, district=District.GRUNERLOKKA
    )
    nav = make_place(name="NAV Sagene", kind=Place.Kind.NAV_OFFICE, district=District.SAGENE)
    for place, quantity, day in [
        (gp, 10, dt.date(2025, 11, 20)),
        (gp, 20, dt.date(2025, 12, 31)),
        (nav, 5, dt.date(2025, 12, 1)),
        (nav, 7, dt.date(2026, 1, 1)),
    ]:
        services.record_distribution(brochure=brochure, place=place, quantity=quantity, date=day)
    for when, kind, people in [
        (oslo(2025, 12, 31, 23, 30), "presentation", 30),
        (oslo(2026, 1, 1, 0, 15), "phone", 1),
        (oslo(2025, 12, 1, 0, 30), "meeting", 4),
        (oslo(2025, 11, 30, 23, 59), "visit", 2),
    ]:
        ContactActivity.objects.create(
            occurred_at=when, kind=kind, people_reached=people, topic="Selvhjelp", place=gp
        )
    for name, added in [
        ("Anne", dt.date(2025, 11, 30)),
        ("Bjørn", dt.date(2025, 12, 1)),
        ("Cecilie", dt.date(2025, 12, 31)),
        ("Dag", dt.date(2026, 1, 1)),
    ]:
        Professional.objects.create(name=name, role="lege", workplace=gp, added_on=added)


def test_monthly_numbers_across_the_year_boundary(year_end_fixture):
    report = OutreachReport(start=dt.date(2025, 11, 1), end=dt.date(2026, 1, 31), period=MONTH)
    # columns: Nov 2025, Dec 2025, Jan 2026
    assert rows(report.brochures_by_place_kind()) == {
        "GP office": [10, 20, 0],
        "NAV office": [0, 5, 7],
    }
    assert rows(report.brochures_by_district()) == {
        "Grünerløkka": [10, 20, 0],
        "Sagene": [0, 5, 7],
    }
    assert rows(report.activities_by_kind()) == {
        "Presentation": [0, 1, 0],
        "Meeting": [0, 1, 0],
        "Phone call": [0, 0, 1],
        "Visit": [1, 0, 0],
    }
    assert rows(report.people_reached()) == {"People reached": [2, 34, 1]}
    assert rows(report.new_professionals()) == {"New professionals": [1, 2, 1]}
    table = report.brochures_by_place_kind()
    assert table.column_totals == [10, 25, 7]
    assert table.grand_total == 42


def test_late_new_years_eve_in_oslo_counts_in_december_and_q4(year_end_fixture):
    report = OutreachReport(start=dt.date(2025, 10, 1), end=dt.date(2026, 3, 31), period=QUARTER)
    # columns: Q4 2025, Q1 2026
    assert report.activities_by_kind().period_labels == ["Q4 2025", "Q1 2026"]
    assert rows(report.activities_by_kind()) == {
        "Presentation": [1, 0],
        "Meeting": [1, 0],
        "Phone call": [0, 1],
        "Visit": [1, 0],
    }
    assert rows(report.people_reached()) == {"People reached": [36, 1]}
    assert rows(report.brochures_by_place_kind()) == {"GP office": [30, 0], "NAV office": [5, 7]}
    assert rows(report.new_professionals()) == {"New professionals": [3, 1]}


def test_the_date_range_is_inclusive_and_in_oslo_time(year_end_fixture):
    report = OutreachReport(start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 31), period=MONTH)
    # 2025-12-01 00:30 Oslo is in; 2025-11-30 23:59 Oslo and 2026-01-01 00:15 Oslo are out.
    assert rows(report.activities_by_kind()) == {"Presentation": [1], "Meeting": [1]}
    assert rows(report.brochures_by_district()) == {"Grünerløkka": [20], "Sagene": [5]}
    assert report.activities().count() == 2


def test_an_empty_range_gives_empty_category_tables_and_zero_measures(db):
    report = OutreachReport(start=dt.date(2024, 1, 1), end=dt.date(2024, 2, 29), period=MONTH)
    assert report.brochures_by_place_kind().rows == []
    assert rows(report.people_reached()) == {"People reached": [0, 0]}


def test_csv_rows_of_a_table(year_end_fixture):
    report = OutreachReport(start=dt.date(2025, 12, 1), end=dt.date(2026, 1, 31), period=MONTH)
    assert list(report.brochures_by_district().as_csv_rows()) == [
        ["District", "2025M12", "2026M01", "Total"],
        ["Grünerløkka", 20, 0, 20],
        ["Sagene", 5, 7, 12],
        ["Total", 25, 7, 32],
    ]


def test_the_five_tables_cost_three_queries(year_end_fixture, django_assert_num_queries):
    # The brochures' two tables share one query, the activities' two another.
    report = OutreachReport(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31), period=MONTH)
    with django_assert_num_queries(3):
        report.tables()


def test_dashboard_summary(make_brochure, place):
    make_brochure(title="Lite igjen", stock=20, threshold=50)
    make_brochure(title="Nok", stock=500, threshold=50)
    make_brochure(title="Gammel", stock=0, threshold=50, active=False)
    ContactActivity.objects.create(
        kind="meeting", topic="Møte", place=place, follow_up_on=dt.date(2025, 1, 1)
    )
    ContactActivity.objects.create(
        kind="meeting", topic="Senere", place=place, follow_up_on=dt.date(2025, 2, 1)
    )
    summary = dashboard_summary(on=dt.date(2025, 1, 15))
    assert summary["follow_ups_due"] == 1
    assert [b["title"] for b in summary["low_stock_brochures"]] == ["Lite igjen"]
