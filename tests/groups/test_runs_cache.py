"""The calendars' weekly runs are kept under the rooms' version (groups/feed_runs.py): a group's
edit makes the feed again without reading its bookings, and a booking's change shows in the
next feed."""

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import Group
from rooms.services import cancel_occurrence

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rooms_cache_on")]


@pytest.fixture
def group(make_group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_group(name="Tirsdagsgruppa", kind=Group.Kind.OPEN, weekday=1)


def calendar(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("groups:calendar"))
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    booking_reads = [q for q in queries if "rooms_booking" in q["sql"]]
    return icalendar.Calendar.from_ical(response.content), booking_reads


def run_entries():
    return [key for key in cache._cache if ":groups:runs:" in key]


def test_a_groups_edit_makes_the_feed_again_from_the_kept_runs(
    client, group, django_capture_on_commit_callbacks
):
    _feed, reads = calendar(client)
    assert reads and run_entries()
    with django_capture_on_commit_callbacks(execute=True):
        group.name = "Onsdagsgruppa"
        group.save()
    feed, reads = calendar(client)
    assert reads == [], "the runs came from the cache"
    [event] = feed.walk("VEVENT")
    assert "Onsdagsgruppa" in str(event["SUMMARY"])


def test_a_cancelled_date_shows_in_the_next_feed(client, group, django_capture_on_commit_callbacks):
    feed, _reads = calendar(client)
    [event] = feed.walk("VEVENT")
    assert "EXDATE" not in event
    booking = group.meeting_series.bookings.order_by("start")[1]
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(booking=booking, staff=True, reason="test", notify=False)
    feed, reads = calendar(client)
    assert reads, "the bookings were read again"
    [event] = feed.walk("VEVENT")
    # Oslo wall-clock time, under the feed's VTIMEZONE.
    assert [d.dt.replace(tzinfo=None) for d in event["EXDATE"].dts] == [
        timezone.localtime(booking.start).replace(tzinfo=None)
    ]


def test_nothing_is_kept_without_a_shared_cache(client, group, settings):
    settings.ROOMS_SHARED_CACHE = False
    calendar(client)
    assert not run_entries()


def test_every_calendar_picks_its_own_from_the_runs_kept(client, make_group, group):
    other = make_group(name="Torsdagsgruppa", kind=Group.Kind.OPEN, weekday=3)
    _feed, reads = calendar(client)
    assert reads
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("groups:group_calendar", kwargs={"slug": other.slug}))
    assert not [q for q in queries if "rooms_booking" in q["sql"]], "the kept runs served"
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Torsdagsgruppa"
