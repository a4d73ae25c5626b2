"""Dates in each language's own form, in the rooms pages, emails and admin."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from rooms import dates

DAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("nb", "torsdag 3. desember 2026", "tor 3. des."),
        ("en", "Thursday 3 December 2026", "Thu 3 Dec."),
    ],
)
def test_each_language_writes_dates_its_own_way(language, long, short):
    with translation.override(language):
        assert dates.long_date(DAY) == long
        assert dates.short_date(DAY) == short
        assert dates.date_list([DAY, DAY + dt.timedelta(days=7)]).count(long[:8]) == 2


def test_norwegian_months_are_lower_case_and_never_capitalised_abbreviations():
    with translation.override("nb"):
        written = [dates.long_date(dt.date(2026, month, 1)) for month in range(1, 13)]
        written += [dates.short_date(dt.date(2026, month, 1)) for month in range(1, 13)]
    assert all(text == text.lower() for text in written), written
    assert not any("Des" in text or "Dec" in text for text in written)


@pytest.mark.django_db
def test_the_admin_holiday_list_uses_long_norwegian_dates(admin_client):
    from rooms.times import today_local

    constitution_day = dt.date(today_local().year + 1, 5, 17)  # the year the page offers
    html = admin_client.get(reverse("admin:rooms_closure_holidays")).content.decode()
    with translation.override("nb"):
        assert f"{dates.long_date(constitution_day)}: " in html
    assert " mai " in html and "Mai" not in html


@pytest.mark.django_db
def test_the_admin_week_overview_names_its_week(admin_client):
    html = admin_client.get(reverse("admin:rooms_booking_week"), {"date": "2026-12-03"})
    assert "Uke 49: 30. nov.–6. des. 2026" in html.content.decode()
