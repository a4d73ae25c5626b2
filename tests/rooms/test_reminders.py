"""A reminder 14 days before a series ends, once per last date, with one link to book again."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from rooms.models import BookingEvent, BookingSeries
from rooms.reminders import remind_series_ending
from rooms.times import today_local
from tests.dates import weekday_a_week_after
from tests.factories import BookingSeriesFactory
from tests.rooms.helpers import en_reverse

pytestmark = pytest.mark.django_db
TUESDAY = 1


def series_until(organisation, room, last_date, *, first_date=None, title="AA tirsdag"):
    """A Tuesday 18–20 series (no emails) from ``first_date`` (default a week ahead)."""
    return BookingSeriesFactory(
        organisation=organisation,
        room=room,
        weekday=TUESDAY,
        first_date=first_date or weekday_a_week_after(TUESDAY),
        last_date=last_date,
        title=title,
        notify=False,
    )


@pytest.fixture
def ending(organisation, room, opening_hours):
    """A series (of one date, as short series are) whose last date is 7 to 13 days away."""
    day = weekday_a_week_after(TUESDAY)
    return series_until(organisation, room, day, first_date=day)


def test_one_reminder_per_last_date_after_commit(ending, django_capture_on_commit_callbacks):
    today = ending.last_date - dt.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_series_ending(today=today) == [ending]
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_series_ending(today=today) == []  # run again the same day: nothing
        assert remind_series_ending(today=today + dt.timedelta(days=1)) == []
    [message] = mail.outbox
    assert message.to == ["aa@example.org"]
    assert message.subject == "Bookingen deres slutter snart: AA tirsdag"
    extend = en_reverse("rooms:extend_series", args=[ending.pk]).removeprefix("/en")
    assert message.body.count("/rom/") == 1 and extend in message.body
    assert "tirsdag" in message.body and "18:00–20:00" in message.body
    event = BookingEvent.objects.get(action=BookingEvent.Action.REMINDED)
    assert (event.series, event.note) == (ending, ending.last_date.isoformat())


@pytest.mark.parametrize("days_before", [15, -1])
def test_no_reminder_too_early_or_after_the_end(ending, days_before):
    assert remind_series_ending(today=ending.last_date - dt.timedelta(days=days_before)) == []
    assert mail.outbox == []


def test_an_extended_series_is_reminded_again_for_its_new_end(
    ending, django_capture_on_commit_callbacks
):
    today = ending.last_date - dt.timedelta(days=13)
    with django_capture_on_commit_callbacks(execute=True):
        remind_series_ending(today=today)
        BookingSeries.objects.filter(pk=ending.pk).update(
            last_date=ending.last_date + dt.timedelta(days=7)
        )
        later = remind_series_ending(today=today + dt.timedelta(days=7))
    assert [s.pk for s in later] == [ending.pk]
    assert len(mail.outbox) == 2


def test_a_series_already_continued_or_cancelled_is_left_alone(
    ending, organisation, room, other_organisation, other_room
):
    series_until(
        organisation,
        room,
        ending.last_date + dt.timedelta(weeks=4),
        first_date=ending.last_date + dt.timedelta(weeks=1),
    )
    mine_elsewhere = series_until(
        other_organisation, other_room, ending.last_date, title="NA", first_date=ending.first_date
    )
    BookingSeries.objects.filter(pk=mine_elsewhere.pk).update(status=BookingSeries.Status.CANCELLED)
    assert remind_series_ending(today=ending.last_date - dt.timedelta(days=3)) == []


def test_the_command_is_safe_to_run_daily(ending, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rooms_remind_series_ending", stdout=out)
        call_command("rooms_remind_series_ending", stdout=out)
    assert "Reminded 1 series" in out.getvalue() and "Reminded 0 series" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_link_opens_the_form_to_go_on_weekly(org_client, ending):
    response = org_client.get(en_reverse("rooms:extend_series", args=[ending.pk]))
    assert response.status_code == 302
    form = org_client.get(response["Location"]).context["form"]
    assert form.initial == {
        "repeat": "weekly",
        "room": str(ending.room_id),
        "date": (ending.last_date + dt.timedelta(weeks=1)).isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "title": "AA tirsdag",
    }
    assert not BookingSeries.objects.exclude(pk=ending.pk).exists()  # following it books nothing


def test_the_link_is_only_for_the_series_own_organisation(client, other_member, ending):
    url = en_reverse("rooms:extend_series", args=[ending.pk])
    assert client.get(url)["Location"].startswith("/en/konto/login/")
    client.force_login(other_member)
    assert client.get(url).status_code == 404


def test_today_is_the_default(ending):
    assert ending.last_date - today_local() <= dt.timedelta(days=14)
    assert remind_series_ending() == [ending]
