"""The report pages with dates at the edges of the calendar: a message, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from outreach.forms import ReportFilterForm
from outreach.reports import QUARTER, next_period, periods_between

pytestmark = pytest.mark.django_db

EDGE_RANGES = [
    ("9999-12-25", "9999-12-31", "quarter"),
    ("0001-01-01", "0001-01-31", "month"),
    ("1999-12-01", "2000-01-31", "month"),
    ("2100-12-01", "2101-01-01", "quarter"),
]


@pytest.mark.parametrize(("start", "end", "period"), EDGE_RANGES)
@pytest.mark.parametrize(
    "name", ["outreach:report", "outreach:distribution_log_csv", "outreach:activity_log_csv"]
)
def test_report_pages_with_dates_outside_2000_to_2100(staff_client, name, start, end, period):
    staff_client.raise_request_exception = False
    response = staff_client.get(reverse(name), {"start": start, "end": end, "period": period})
    assert response.status_code == 200


@pytest.mark.parametrize(("start", "end", "period"), EDGE_RANGES)
def test_report_form_names_the_date_outside_the_range(start, end, period):
    form = ReportFilterForm(data={"start": start, "end": end, "period": period})
    assert not form.is_valid()
    assert "Choose a date between 01.01.2000 and 31.12.2100" in " ".join(
        form.errors.get("start", []) + form.errors.get("end", [])
    )


def test_the_report_page_shows_the_message(staff_client):
    response = staff_client.get(
        reverse("outreach:report"),
        {"start": "9999-12-25", "end": "9999-12-31", "period": "quarter"},
    )
    assert "Choose a date between 01.01.2000 and 31.12.2100" in response.content.decode()
    assert response.context["report"].start == ReportFilterForm.default_range()["start"]


def test_the_last_and_first_years_are_fine():
    form = ReportFilterForm(data={"start": "2000-01-01", "end": "2000-03-31", "period": "month"})
    assert form.is_valid(), form.errors
    form = ReportFilterForm(data={"start": "2100-10-01", "end": "2100-12-31", "period": "quarter"})
    assert form.is_valid(), form.errors


def test_next_period_stops_at_the_last_date_python_has():
    assert next_period(dt.date(9999, 10, 1), QUARTER) is None
    assert next_period(dt.date(9999, 12, 1), "month") is None
    assert next_period(dt.date(9999, 9, 1), QUARTER) == dt.date(9999, 12, 1)
    assert periods_between(dt.date(9999, 12, 25), dt.date.max, QUARTER) == [dt.date(9999, 10, 1)]
