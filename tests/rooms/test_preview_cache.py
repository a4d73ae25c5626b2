"""The booking page keeps a series' preview in the shared cache under the page cache's version
(rooms/preview_cache.py): every booking, cancellation, closure and change of the rules shows on
the next preview, and booking looks at the dates afresh whatever the preview said."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from rooms import preview_cache, services, shared_cache
from rooms.models import Booking, Closure
from rooms.times import local_datetime, today_local
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import TUESDAY, book, booking_post, en_reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rooms_cache_on")]


@pytest.fixture
def day():
    return weekday_a_week_after(TUESDAY)


@pytest.fixture
def preview(org_client, room, day, opening_hours):
    """The booking page's preview of Tuesdays 18–20 in ``room``, four weeks from ``day``."""

    def post(**overrides):
        data = booking_post(room, day, **overrides)
        return org_client.post(en_reverse("rooms:book"), data).content.decode()

    return post


def preview_entries():
    return [key for key in cache._cache if ":rooms:preview:" in key]


def test_the_next_preview_shows_a_booking_a_cancellation_and_a_closure(
    preview, room, day, other_organisation, django_capture_on_commit_callbacks
):
    assert "4 dates, 4 free" in preview()
    assert preview_entries(), "the preview was kept"
    with django_capture_on_commit_callbacks(execute=True):
        theirs = book(other_organisation, room, day, start=18, end=20, title="NA")
    assert "4 dates, 3 free" in preview()
    assert "4 dates, 3 free" in preview()  # from the cache now

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_occurrence(booking=theirs, staff=True, notify=False)
    assert "4 dates, 4 free" in preview()

    with django_capture_on_commit_callbacks(execute=True):
        Closure.objects.create(start_date=day, end_date=day, reason="other", description="Lekk")
    html = preview()
    assert "4 dates, 3 free" in html and "Lekk" in html


def test_the_organisations_own_booking_elsewhere_shows_on_the_next_preview(
    preview, room, other_room, day, organisation, other_organisation,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        book(other_organisation, room, day, start=18, end=20, title="NA")
    html = preview()
    assert 'name="alternative"' in html and "Booked in" not in html
    with django_capture_on_commit_callbacks(execute=True):
        book(organisation, other_room, day, start=18, end=20, title="AA")
    html = preview()
    assert "Booked in Rom 3" in html and 'name="alternative"' not in html


def test_a_change_of_quota_shows_on_the_next_preview(
    preview, room, day, organisation, django_capture_on_commit_callbacks
):
    assert "Over your quota" not in preview()
    organisation.weekly_quota_hours = 1
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    assert "Over your quota" in preview()


def test_each_organisation_language_and_slot_has_its_own_preview(
    preview, client, room, day, organisation, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        book(organisation, room, day, start=18, end=20, title="AA egen")
    assert "already booked by you: AA egen" in preview()
    client.force_login(other_member)
    theirs = client.post(en_reverse("rooms:book"), booking_post(room, day)).content.decode()
    assert "AA egen" not in theirs and "4 dates, 3 free" in theirs
    norwegian = client.post("/rom/bestill/", booking_post(room, day)).content.decode()
    assert "3 ledige" in norwegian
    assert "4 dates, 4 free" in preview(start_time="20:00", end_time="21:00")
    assert len(preview_entries()) == 4


def test_booking_looks_again_whatever_the_kept_preview_said(
    preview, org_client, room, day, organisation, other_organisation
):
    assert "4 dates, 4 free" in preview()
    # Taken without the version being bumped: as if the preview were kept across a write.
    book(other_organisation, room, day, start=18, end=20, title="NA")
    assert "4 dates, 4 free" in preview()
    org_client.post(en_reverse("rooms:book"), booking_post(room, day, action="confirm"))
    first = Booking.objects.active().filter(room=room, start=local_datetime(day, dt.time(18)))
    assert [b.title for b in first] == ["NA"]
    assert Booking.objects.active().filter(room=room, organisation=organisation).count() == 3


def test_a_date_that_has_begun_since_is_not_shown_as_free(preview, day, monkeypatch):
    assert "4 dates, 4 free" in preview()
    later = local_datetime(day, dt.time(18, 30))
    # The same entry (its key has today's date), but its first date has begun since.
    today = today_local()
    monkeypatch.setattr(preview_cache, "today_local", lambda: today)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = preview()
    assert "4 dates, 3 free" in html and "In the past" in html


def test_nothing_is_kept_without_a_shared_cache_or_with_the_page_cache_off(preview, settings):
    settings.ROOMS_SHARED_CACHE = False
    preview()
    assert not preview_entries()
    settings.ROOMS_SHARED_CACHE = True
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # no bumps are registered then
    preview()
    assert not preview_entries()


@pytest.mark.django_db(transaction=True)
def test_booking_an_alternative_shows_at_once_in_the_preview_it_returns_to(
    preview, room, other_room, day, other_organisation
):
    # Committed for real, as in production: the version is bumped before the page is drawn.
    book(other_organisation, room, day, start=18, end=20, title="NA")
    assert 'name="alternative"' in preview()
    html = preview(alternative=f"{other_room.pk}:{day.isoformat()}")
    assert "Booked in Rom 3" in html and 'name="alternative"' not in html


def test_a_preview_shown_again_comes_from_the_workers_memory(preview, monkeypatch):
    assert "4 dates, 4 free" in preview()
    asked = []

    class Counted:
        def __getattr__(self, name):
            return getattr(cache, name)

        def get(self, key, *args):
            asked.append(key)
            return cache.get(key, *args)

    monkeypatch.setattr(shared_cache, "cache", Counted())
    assert "4 dates, 4 free" in preview()
    assert asked, "the rooms' version is still read"
    assert not [key for key in asked if ":rooms:preview:" in key]


def test_the_workers_memory_keeps_the_most_recent_and_no_more():
    from rooms.shared_cache import Recent

    recent = Recent(2)
    for key in "abc":
        recent.put(key, key.upper())
    assert (recent.get("a"), recent.get("b"), len(recent)) == (None, "B", 2)
    recent.put("d", "D")  # b was read last, so c goes
    assert (recent.get("b"), recent.get("c"), recent.get("d")) == ("B", None, "D")
