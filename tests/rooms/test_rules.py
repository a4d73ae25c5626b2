"""The one-row rules on the models, the slot, and the services that replaced copies of them:
approval asking the preview, releasing a series without deleting it, adding in the admin."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rooms import services
from rooms.availability import preview_series
from rooms.models import Booking, BookingEvent, BookingSeries, Closure, OpeningHours
from rooms.slots import Slot
from rooms.times import local_datetime
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import admin_series, book, series_kwargs, weekly

pytestmark = pytest.mark.django_db

TUESDAY = 1


def test_closure_covers_its_days_and_its_room_or_the_whole_centre(room, other_room):
    day = weekday_a_week_after(TUESDAY)
    of_room = Closure(start_date=day, end_date=day + dt.timedelta(days=1), room=room)
    whole = Closure(start_date=day, end_date=day)
    assert of_room.covers(day, room) and of_room.covers(day + dt.timedelta(days=1), room.pk)
    assert not of_room.covers(day, other_room)
    assert not of_room.covers(day - dt.timedelta(days=1), room)
    assert whole.covers(day, room) and whole.covers(day, other_room)
    assert not whole.covers(day + dt.timedelta(days=1), room)


def test_booking_overlaps_is_half_open(room, organisation):
    day = weekday_a_week_after(TUESDAY)
    booking = Booking(start=local_datetime(day, dt.time(18)), end=local_datetime(day, dt.time(20)))
    assert booking.overlaps(local_datetime(day, dt.time(19)), local_datetime(day, dt.time(21)))
    assert booking.overlaps(local_datetime(day, dt.time(17)), local_datetime(day, dt.time(23)))
    assert not booking.overlaps(local_datetime(day, dt.time(20)), local_datetime(day, dt.time(22)))
    assert not booking.overlaps(local_datetime(day, dt.time(16)), local_datetime(day, dt.time(18)))


def test_cancel_allowed_for_organisations_before_the_start_for_staff_always(
    room, organisation, opening_hours
):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    assert booking.cancel_allowed() and booking.cancel_allowed(by_staff=True)
    after_start = booking.start + dt.timedelta(minutes=1)
    assert not booking.cancel_allowed(now=after_start)
    assert booking.cancel_allowed(by_staff=True, now=after_start)
    # The query says the same as the row.
    assert list(Booking.objects.cancel_allowed(now=after_start)) == []
    assert list(Booking.objects.cancel_allowed(by_staff=True)) == [booking]
    booking.status = Booking.Status.CANCELLED
    assert not booking.cancel_allowed(by_staff=True)


def test_upcoming_and_past_split_at_the_end(room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    assert list(Booking.objects.upcoming()) == [booking]
    assert list(Booking.objects.upcoming(now=booking.end)) == []
    assert list(Booking.objects.past(now=booking.end)) == [booking]
    assert list(Booking.objects.upcoming(now=booking.end - dt.timedelta(seconds=1))) == [booking]


def test_a_slot_of_a_series_and_of_one_date(room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    result = services.book_series(
        slot=Slot(organisation, room, TUESDAY, dt.time(18), dt.time(20), first, first, 1, None),
        title="Møte",
        notify=False,
    )
    slot = Slot.of(result.series)
    assert slot == Slot.once(
        organisation=organisation,
        room=room,
        date=first,
        start_time=dt.time(18),
        end_time=dt.time(20),
    )
    later = slot.replace(first_date=first + dt.timedelta(weeks=1), last_date=None)
    assert later.dates()[0] == first + dt.timedelta(weeks=1)
    with pytest.raises(AttributeError):
        slot.room = None  # frozen: a slot is a value


def test_the_keyword_form_and_the_slot_preview_the_same(room, organisation, opening_hours):
    fields = series_kwargs(room, organisation, weekday_a_week_after(TUESDAY), weeks=4)
    by_keyword = [(p.date, p.status) for p in preview_series(**fields)]
    by_slot = [(p.date, p.status) for p in preview_series(slot=Slot(**fields))]
    assert by_keyword == by_slot and len(by_slot) == 4


def test_approval_drops_a_clash_even_when_the_hours_changed_since(
    room, organisation, other_organisation, opening_hours, settings, on_postgres
):
    if on_postgres:
        pytest.skip("PostgreSQL's exclusion constraint refuses the clash itself")
    # The preview names a clash and a closure whatever the date's first problem is, so approval
    # (which asks the preview) still drops a clashing date when the hours no longer fit.
    settings.ROOMS_REQUIRE_APPROVAL = True
    first = weekday_a_week_after(TUESDAY)
    pending = weekly(organisation, room, first, weeks=2, notify=False).series
    second = first + dt.timedelta(weeks=1)
    # Another booking in the second date while the series waits, written directly: on SQLite
    # nothing in the database stops it, which is why approval must look.
    taken = Booking.objects.create(
        room=room,
        organisation=other_organisation,
        start=local_datetime(second, dt.time(19)),
        end=local_datetime(second, dt.time(21)),
        title="Annen",
    )
    clash = pending.bookings.get(start=local_datetime(second, dt.time(18)))
    OpeningHours.objects.filter(weekday=TUESDAY).update(closes=dt.time(19))
    approval = services.approve_series(series=pending, notify=False)
    assert [b.pk for b in approval.dropped] == [clash.pk]
    assert len(approval.approved) == 1
    taken.refresh_from_db()
    assert taken.is_active


def test_release_series_cancels_the_dates_and_keeps_them_with_history(
    room, organisation, opening_hours, staff_user
):
    series = weekly(organisation, room, weekday_a_week_after(TUESDAY), weeks=3, notify=False).series
    cancelled = services.release_series(series=series, by=staff_user, reason="flyttet")
    assert len(cancelled) == 3
    series.refresh_from_db()
    assert series.status == BookingSeries.Status.CANCELLED
    assert series.bookings.count() == 3 and not series.bookings.active().exists()
    assert set(series.bookings.values_list("cancel_reason", flat=True)) == {"flyttet"}
    entry = BookingEvent.objects.get(series=series, booking=None, action="cancelled")
    assert entry.actor == staff_user and entry.staff_override and entry.note == "flyttet"


def test_a_series_added_in_the_admin_that_loses_a_race_saves_nothing(
    admin_client, room, organisation, opening_hours, monkeypatch
):
    def taken_meanwhile(**kwargs):
        raise ValidationError("Tatt i mellomtiden.", "nothing_free")

    monkeypatch.setattr(services, "book_series", taken_meanwhile)
    url = reverse("admin:rooms_bookingseries_add")
    response = admin_client.post(url, admin_series(organisation, room, weeks=1))
    assert response.status_code == 302 and response["Location"] == url
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Tatt i mellomtiden."]
    assert not BookingSeries.objects.exists() and not LogEntry.objects.exists()


def test_the_admin_add_logs_the_series_it_booked(admin_client, room, organisation, opening_hours):
    response = admin_client.post(
        reverse("admin:rooms_bookingseries_add"),
        {**admin_series(organisation, room, weeks=2), "_continue": "1"},
    )
    series = BookingSeries.objects.get()
    assert response["Location"] == reverse("admin:rooms_bookingseries_change", args=[series.pk])
    assert LogEntry.objects.get().object_id == str(series.pk)
    assert series.bookings.count() == 2
    assert timezone.localtime(series.bookings.first().start).time() == dt.time(18)
