"""The calendar's events are written as text (groups/feed_events.py): what any iCalendar reader gets
back must be exactly what was written, escapes and long lines included."""

import pytest
from icalendar import Calendar

from groups.feed_events import _fold, _text
from groups.feeds import groups_calendar
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


def test_events_kept_in_memory_are_what_would_be_written_again(make_group, settings):
    from django.utils import translation

    from groups import feed_events

    group = make_group(name="Tirsdagsgruppa", kind=Group.Kind.OPEN)
    groups = Group.objects.filter(pk=group.pk)

    def event():
        (found,) = Calendar.from_ical(groups_calendar(groups, "Test")).walk("VEVENT")
        return found

    def without_dtstamp(found):
        return [(name, found[name].to_ical()) for name in found if name != "DTSTAMP"]

    first = event()
    assert "DTSTAMP" in first
    made = len(feed_events._kept)
    assert without_dtstamp(event()) == without_dtstamp(first)
    assert len(feed_events._kept) == made, "the second feed took the kept lines"
    # Whatever an event shows is part of what it is kept under.
    settings.CENTRE_NAME = "Selvhjelpshuset"
    assert "Selvhjelpshuset" in str(event()["LOCATION"])
    Group.objects.filter(pk=group.pk).update(name="Onsdagsgruppa")
    assert str(event()["SUMMARY"]) == "Onsdagsgruppa"
    Group.objects.filter(pk=group.pk).update(short_description_en="In English")
    with translation.override("en"):
        assert str(event()["DESCRIPTION"]).startswith("In English")


def test_the_events_kept_stay_within_their_bound(make_group, monkeypatch):
    from groups import feed_events

    monkeypatch.setattr(feed_events._kept, "size", 1)
    for weekday, name in enumerate(("A-gruppa", "B-gruppa")):
        group = make_group(name=name, kind=Group.Kind.OPEN, weekday=weekday)
        groups_calendar(Group.objects.filter(pk=group.pk), "Test")
    assert len(feed_events._kept) == 1
