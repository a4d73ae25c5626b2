import datetime as dt

import pytest

from outreach.forms import ReportFilterForm


def test_default_range_is_twelve_months_up_to_today():
    assert ReportFilterForm.default_range(on=dt.date(2026, 1, 15)) == {
        "start": dt.date(2025, 2, 1),
        "end": dt.date(2026, 1, 15),
        "period": "month",
    }
    assert ReportFilterForm.default_range(on=dt.date(2025, 12, 31))["start"] == dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": "2025-05-01", "end": "2025-04-30", "period": "month"}, "end date is before"),
        ({"start": "2000-01-01", "end": "2025-01-01", "period": "month"}, "at most ten years"),
    ],
)
def test_report_filter_refuses_bad_ranges(data, message):
    form = ReportFilterForm(data=data)
    assert not form.is_valid()
    assert message in form.non_field_errors()[0]


def test_report_filter_accepts_a_single_day():
    form = ReportFilterForm(data={"start": "2025-12-31", "end": "2025-12-31", "period": "quarter"})
    assert form.is_valid(), form.errors
