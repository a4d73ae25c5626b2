"""The week grid keeps a week's bookings and its whole table in the shared cache under the
rooms' version (rooms/grid.py, rooms/grid_html.py): every booking, cancellation, change and
closure shows on the next request."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client

from linkcentre import pagecache
from rooms import changes, services
from rooms.models import Closure
from rooms.times import local_datetime
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import book, en_reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rooms_cache_on")]
TUESDAY = 1


@pytest.fixture
def grid(org_client):
    day = weekday_a_week_after(TUESDAY)

    def get():
        url = en_reverse("rooms:week")
        return org_client.get(url, {"date": day.isoformat(), "view": "day"}).content.decode()

    get.day = day
    return get


def week_entries():
    return [key for key in cache._cache if ":rooms:week:" in key]


def test_the_settings_key_is_the_page_caches_rooms_version():
    assert django_settings.ROOMS_CACHE_VERSION_KEY == pagecache.ROOMS_VERSION_KEY


def test_a_groups_edit_keeps_the_grid(
    grid, room, opening_hours, django_capture_on_commit_callbacks
):
    from tests.factories import GroupFactory

    group = GroupFactory()
    grid()
    kept = set(grid_entries())
    with django_capture_on_commit_callbacks(execute=True):
        group.save()
    grid()
    assert set(grid_entries()) == kept, "the same entries: nothing was made again"


def test_the_next_request_shows_a_booking_a_cancellation_a_change_and_a_closure(
    grid, room, organisation, other_organisation, opening_hours, django_capture_on_commit_callbacks
):
    assert "18:00–20:00 Taken" not in grid()
    assert week_entries(), "the week's bookings were kept"
    with django_capture_on_commit_callbacks(execute=True):
        theirs = book(other_organisation, room, grid.day, start=18, end=20, title="NA")
    assert "18:00–20:00 Taken" in grid()
    assert "18:00–20:00 Taken" in grid()  # from the cache now

    with django_capture_on_commit_callbacks(execute=True):
        ours = book(organisation, room, grid.day, start=10, end=12, title="AA formiddag")
    assert "AA formiddag" in grid()
    with django_capture_on_commit_callbacks(execute=True):
        changes.change_booking_details(booking=ours, title="AA nytt navn", is_public=False)
    html = grid()
    assert "AA nytt navn" in html and "AA formiddag" not in html

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_occurrence(booking=theirs, staff=True, notify=False)
    assert "18:00–20:00 Taken" not in grid()

    with django_capture_on_commit_callbacks(execute=True):
        Closure.objects.create(
            start_date=grid.day, end_date=grid.day, reason="other", description="Vannlekkasje"
        )
    assert "Vannlekkasje" in grid()


def test_nothing_is_kept_without_a_shared_cache_or_with_the_page_cache_off(
    grid, settings, room, opening_hours
):
    settings.ROOMS_SHARED_CACHE = False
    grid()
    assert not week_entries()
    settings.ROOMS_SHARED_CACHE = True
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # no bumps are registered then
    grid()
    assert not week_entries()


def table(html):
    return html[html.index('<table class="rooms-grid') : html.index("</table>")]


def grid_entries():
    return [key for key in cache._cache if ":rooms:grid:" in key]


def test_the_whole_grid_is_kept_and_a_hit_reads_no_booking(
    grid, room, organisation, opening_hours, django_assert_num_queries
):
    book(organisation, room, grid.day, start=10, end=12, title="AA formiddag")
    first = grid()
    assert "AA formiddag" in first and grid_entries()
    # Session, user, organisation, the rooms and the form's room list: no hours, closures or
    # bookings.
    with django_assert_num_queries(5):
        again = grid()
    assert table(again) == table(first)  # the page around it has a fresh CSRF token


def test_each_organisation_sees_only_its_own_bookings_in_full(
    grid, room, organisation, other_member, opening_hours
):
    book(organisation, room, grid.day, start=10, end=12, title="AA formiddag")
    assert "AA formiddag" in grid()
    other = Client()
    other.force_login(other_member)
    theirs = other.get(en_reverse("rooms:week"), {"date": grid.day.isoformat(), "view": "day"})
    html = theirs.content.decode()
    assert "AA formiddag" not in html and "10:00–12:00 Taken" in html


def test_each_language_has_its_own_grid(org_client, grid, room, opening_hours):
    assert "Free" in grid()
    norwegian = org_client.get("/rom/", {"date": grid.day.isoformat(), "view": "day"})
    html = norwegian.content.decode()
    assert "Ledig" in html and ">Free " not in html


def test_free_times_follow_the_clock_on_the_day_that_holds_now(
    grid, room, opening_hours, monkeypatch
):
    from types import SimpleNamespace

    def at(hour, minute):
        moment = local_datetime(grid.day, dt.time(hour, minute))
        monkeypatch.setattr("rooms.grid_html.timezone", SimpleNamespace(now=lambda: moment))

    at(9, 7)
    assert "Free 09:15–22:00" in grid()
    at(9, 14)
    assert "Free 09:15–22:00" in grid()  # the same quarter hour: the kept grid
    at(13, 7)
    html = grid()
    assert "Free 13:15–22:00" in html and "09:15" not in html
