"""The calendar's events are written as text (groups/feeds.py): what any iCalendar reader gets
back must be exactly what was written, escapes and long lines included."""

import pytest
from icalendar import Calendar

from groups.feeds import _fold, _text, groups_calendar
from groups.models import Group

pytestmark = pytest.mark.django_db


def test_text_round_trips_through_a_reader(make_group):
    name = 'Sorg, savn; og håp \\ "sammen" – ' + "æøå " * 30
    group = make_group(
        name=name[:120],
        kind=Group.Kind.OPEN,
        short_description_nb="Første linje.\nAndre linje, med komma; og semikolon.",
    )
    calendar = Calendar.from_ical(groups_calendar(Group.objects.filter(pk=group.pk), "Test"))
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == name[:120]
    assert str(event["DESCRIPTION"]) == ("Første linje.\nAndre linje, med komma; og semikolon.")
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Oslo"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]


def test_long_lines_fold_at_75_octets_between_characters():
    line = "DESCRIPTION:" + _text("ø" * 100)
    folded = _fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece.removeprefix(" ") for piece in pieces) == line
    assert _fold("SUMMARY:kort") == "SUMMARY:kort"
