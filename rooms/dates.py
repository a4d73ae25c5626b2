"""Dates as each language writes them, for the rooms pages, emails, messages and admin.

Django's own month and weekday names, in formats chosen per language through the catalogue:
Norwegian "tirsdag 8. desember 2026" and "30. nov.–6. des. 2026", English "Tuesday 8 December
2026" and "30 Nov.–6 Dec. 2026". Never the ``M`` format (it capitalises: "Des") and never one
literal format for both languages ("Monday 7. December"). Give these local dates or local
datetimes; the template filters in ``rooms_dates`` convert aware datetimes first.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext


def long_date(day):
    """ "tirsdag 8. desember 2026" / "Tuesday 8 December 2026"."""
    return date_format(day, pgettext("date format with weekday and year", "l j F Y"))


def short_date(day):
    """ "tir 8. des." / "Tue 8 Dec.": for lists and the grid, where space is short."""
    return date_format(day, pgettext("short date format with weekday", "D j N"))


def week_heading(monday, sunday):
    """ "Uke 49: 30. nov.–6. des. 2026" / "Week 49: 30 Nov.–6 Dec. 2026"."""
    return gettext("Week %(number)s: %(first)s–%(last)s") % {
        "number": monday.isocalendar().week,
        # The first day names its year only when the week spans New Year.
        "first": date_format(
            monday,
            pgettext("first day of a week heading", "j N")
            if monday.year == sunday.year
            else pgettext("last day of a week heading", "j N Y"),
        ),
        "last": date_format(sunday, pgettext("last day of a week heading", "j N Y")),
    }


def date_list(days):
    """Several dates in one message: "tirsdag 8. desember 2026, tirsdag 15. desember 2026"."""
    return ", ".join(long_date(day) for day in days)
