"""The finder tells the truth: how to join apart from the meeting type, a group's state instead
of dates it does not have, and the weeks without a meeting with the reason."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Attendance, Group
from rooms.closures import add_public_holidays
from rooms.models import Booking, Closure
from rooms.times import norwegian_public_holidays
from tests.dates import weekday_weeks_ahead

pytestmark = pytest.mark.django_db
LIST = reverse("groups:list")


def html(response):
    return response.content.decode()


def test_a_closed_meeting_you_just_come_to_is_not_called_an_open_group(client, make_group):
    group = make_group(
        kind=Group.Kind.OPEN,
        name="AA Store bok-gruppa",
        slug="aa-store-bok",
        meeting_guide_types=["C", "B"],
    )
    for page in [html(client.get(LIST)), html(client.get(group.get_absolute_url()))]:
        assert "Bare møt opp: ingen påmelding" in page  # how you join
        assert "Lukket møte: for deg som selv har problemet" in page  # the meeting type
        assert "Åpen gruppe" not in page and "Åpent møte:" not in page
    detail = html(client.get(group.get_absolute_url()))
    assert "Et lukket møte: bare for deg som selv har problemet" in detail
    assert "Store bok" in detail  # the other types are still listed
    assert detail.count("Lukket møte") == 1  # not again in the list of types


def test_open_meeting_and_signing_up_in_plain_words(client, make_group):
    open_meeting = make_group(kind=Group.Kind.OPEN, slug="na-apen", meeting_guide_types=["O"])
    closed_group = make_group(slug="tirsdagsgruppa", weekday=2)
    page = html(client.get(open_meeting.get_absolute_url()))
    assert "Åpent møte: alle kan komme" in page
    assert "Et åpent møte: alle er velkomne, også pårørende" in page
    page = html(client.get(closed_group.get_absolute_url()))
    assert "Påmelding gjennom senteret" in page
    assert "Åpent møte" not in page and "Lukket møte" not in page


@pytest.mark.parametrize(
    ("status", "says"),
    [
        ("paused", "Gruppa har pause: det er ingen møter nå."),
        ("forming", "Gruppa er under oppstart."),
    ],
)
def test_paused_and_forming_groups_show_their_state_not_dates(client, make_group, status, says):
    group = make_group(slug="gruppa", status=status)
    response = client.get(group.get_absolute_url())
    assert response.context["coming_dates"] == []
    page = html(response)
    assert says in page
    assert "Neste møter" not in page and "Legg møtene" not in page
    listing = html(client.get(LIST))
    assert "Neste gang" not in listing
    assert group.get_status_display() in listing


def test_a_running_group_lists_its_next_time(client, make_group):
    make_group(slug="gruppa")
    assert "Neste gang" in html(client.get(LIST))


def test_a_public_holiday_closure_shows_as_no_meeting_with_the_reason(
    client, make_group, monkeypatch
):
    # The next 17 May (a public holiday) on whatever weekday it falls, the centre closed.
    today = timezone.localdate()
    may17 = dt.date(today.year if dt.date(today.year, 5, 17) > today else today.year + 1, 5, 17)
    assert may17 in dict(norwegian_public_holidays(may17.year))
    group = make_group(
        slug="gruppa",
        weekday=may17.weekday(),
        first_date=may17 - dt.timedelta(weeks=2),
        last_date=may17 + dt.timedelta(weeks=2),
    )
    add_public_holidays(year=may17.year, notify=False)  # cancels the booking on 17 May
    # Seen two weeks before, so that 17 May is among the listed dates.
    monkeypatch.setattr(timezone, "localdate", lambda *args: may17 - dt.timedelta(weeks=2))
    response = client.get(group.get_absolute_url())
    dates = response.context["coming_dates"]
    assert [item.date for item in dates] == [
        may17 + dt.timedelta(weeks=week) for week in range(-2, 3)
    ]
    day = next(item for item in dates if item.date == may17)
    assert not day.held and day.closure and day.holiday
    assert all(item.held for item in dates if item.date != may17)
    assert "<strong>Ikke møte 17. mai</strong>: senteret er stengt" in html(response)


def test_a_holiday_the_centre_stays_open_is_a_meeting(client, make_group):
    first = weekday_weeks_ahead(1)
    group = make_group(slug="gruppa", weekday=1, first_date=first)
    response = client.get(group.get_absolute_url())
    assert all(item.held for item in response.context["coming_dates"])
    assert "Ikke møte" not in html(response)


def test_a_room_closure_says_the_room_is_closed(client, make_group, room):
    first = weekday_weeks_ahead(1)
    group = make_group(slug="gruppa", weekday=1, first_date=first)
    week = first + dt.timedelta(weeks=1)
    Closure.objects.create(
        start_date=week, end_date=week, reason="maintenance", description="Maling", room=room
    )
    Booking.objects.filter(series=group.meeting_series, start__date=week).update(
        status=Booking.Status.CANCELLED
    )
    page = html(client.get(group.get_absolute_url()))
    assert f"Ikke møte {week.day}." in page and "</strong>: rommet er stengt (Maling)" in page


def test_the_online_link_is_only_on_the_meetings_own_page(client, make_group):
    group = make_group(
        kind=Group.Kind.OPEN,
        slug="na-nett",
        attendance=Attendance.HYBRID,
        conference_url="https://zoom.us/j/987654321",
        conference_url_notes="Passord: rolig",
    )
    assert "zoom.us" not in html(client.get(LIST))
    page = html(client.get(group.get_absolute_url()))
    assert 'href="https://zoom.us/j/987654321"' in page and "Passord: rolig" in page
    Group.objects.filter(pk=group.pk).update(status=Group.Status.PAUSED)
    assert "zoom.us" not in html(client.get(group.get_absolute_url()))


def test_every_page_says_where_to_report_a_change(client, make_group):
    group = make_group(kind=Group.Kind.OPEN, slug="na-apen", contact_email="na@example.org")
    page = html(client.get(group.get_absolute_url()))
    assert 'id="endringer"' in page and "mailto:na@example.org" in page


def test_the_online_filter_finds_online_and_hybrid_meetings(client, make_group):
    make_group(kind=Group.Kind.OPEN, name="AA Stua", slug="aa-stua", weekday=0)
    make_group(
        kind=Group.Kind.OPEN,
        name="NA Hybrid",
        slug="na-hybrid",
        weekday=2,
        attendance=Attendance.HYBRID,
        conference_url="https://zoom.us/j/1",
    )
    make_group(
        kind=Group.Kind.OPEN,
        name="Al-Anon Nett",
        slug="al-anon-nett",
        weekday=3,
        attendance=Attendance.ONLINE,
        conference_url="https://meet.jit.si/x",
    )
    response = client.get(LIST, {"nett": "on"})
    assert sorted(group.name for group in response.context["groups"]) == [
        "Al-Anon Nett",
        "NA Hybrid",
    ]
    assert len(client.get(LIST).context["groups"]) == 3
