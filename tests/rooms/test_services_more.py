import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rooms.availability import (
    DateStatus,
    next_term,
    preview_roll_over,
    preview_series,
    preview_series_change,
)
from rooms.changes import edit_series_from
from rooms.closures import add_closure, add_public_holidays
from rooms.models import Booking, BookingEvent, BookingSeries, Closure
from rooms.services import (
    approve_series,
    book_single,
    cancel_occurrence,
    cancel_series_from,
    roll_over_series,
)
from rooms.times import LOCAL_TZ, norwegian_public_holidays
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import book, series_kwargs, weekly

pytestmark = pytest.mark.django_db
TUESDAY = 1


def local_dates(bookings):
    return [b.start.astimezone(LOCAL_TZ).date() for b in bookings]


def test_book_single_books_one_date_and_names_the_reason_when_not_free(
    room, organisation, other_organisation, opening_hours
):
    day = weekday_a_week_after(TUESDAY)
    result = book_single(
        organisation=organisation,
        room=room,
        date=day,
        start_time=dt.time(18),
        end_time=dt.time(20),
        title="Samtale",
    )
    assert local_dates(result.booked) == [day]
    with pytest.raises(ValidationError) as error:
        book_single(
            organisation=other_organisation,
            room=room,
            date=day,
            start_time=dt.time(19),
            end_time=dt.time(21),
            title="NA",
        )
    assert "taken" in error.value.messages[0]
    assert "nothing was booked" in error.value.messages[0]


def test_booking_writes_history_and_emails_the_contact(
    room, organisation, member, opening_hours, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = weekly(
            organisation, room, weekday_a_week_after(TUESDAY), weeks=2, created_by=member
        )
    assert BookingEvent.objects.filter(series=result.series, booking=None).get().actor == member
    assert BookingEvent.objects.filter(action="created").exclude(booking=None).count() == 2
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aa@example.org"]
    assert "AA Tirsdag" in message.subject
    assert "Stua" not in message.body and "Rom 2" in message.body


def test_cancel_one_occurrence_keeps_the_rest(room, organisation, member, opening_hours):
    result = weekly(organisation, room, weekday_a_week_after(TUESDAY))
    second = result.booked[1]
    cancel_occurrence(booking=second, by=member)
    second.refresh_from_db()
    assert second.status == Booking.Status.CANCELLED
    assert Booking.objects.filter(series=result.series).active().count() == 3
    assert BookingEvent.objects.filter(booking=second, action="cancelled").get().actor == member
    with pytest.raises(ValidationError) as error:
        cancel_occurrence(booking=second, by=member)
    assert error.value.code == "already_cancelled"


def test_cancel_this_and_later_ends_the_series_before(room, organisation, member, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    result = weekly(organisation, room, first, weeks=5)
    third = first + dt.timedelta(weeks=2)
    cancelled = cancel_series_from(series=result.series, from_date=third, by=member)
    assert local_dates(cancelled) == [third + dt.timedelta(weeks=i) for i in range(3)]
    series = BookingSeries.objects.get()
    assert series.last_date == third - dt.timedelta(days=1)
    assert series.status == BookingSeries.Status.APPROVED
    assert local_dates(series.bookings.active()) == [first, first + dt.timedelta(weeks=1)]
    cancel_series_from(series=series, from_date=first, by=member)
    series.refresh_from_db()
    assert series.status == BookingSeries.Status.CANCELLED
    with pytest.raises(ValidationError):
        cancel_series_from(series=series, from_date=first, by=member)


def test_organisation_cannot_cancel_what_has_started(room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    Booking.objects.filter(pk=booking.pk).update(
        start=booking.start - dt.timedelta(days=30), end=booking.end - dt.timedelta(days=30)
    )
    with pytest.raises(ValidationError) as error:
        cancel_occurrence(booking=booking)
    assert error.value.code == "started"
    cancel_occurrence(booking=booking, staff=True, notify=False)


def test_staff_cancel_emails_the_organisation(
    room, organisation, staff_user, opening_hours, django_capture_on_commit_callbacks
):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(booking=booking, by=staff_user, staff=True, reason="Vannlekkasje")
    assert len(mail.outbox) == 1
    assert "Vannlekkasje" in mail.outbox[0].body
    event = BookingEvent.objects.get(booking=booking, action="cancelled")
    assert event.staff_override and event.actor == staff_user


def test_edit_rest_of_series_previews_and_moves_only_free_dates(
    room, other_room, organisation, other_organisation, member, opening_hours
):
    first = weekday_a_week_after(TUESDAY)
    result = weekly(organisation, room, first, weeks=4)
    blocked = first + dt.timedelta(weeks=2)
    book(other_organisation, other_room, blocked, start=19, end=21)
    change = {
        "series": result.series,
        "from_date": first + dt.timedelta(weeks=1),
        "room": other_room,
        "start_time": dt.time(19),
        "end_time": dt.time(21),
    }
    previews = preview_series_change(**change)
    assert [p.status for p in previews] == [DateStatus.FREE, DateStatus.TAKEN, DateStatus.FREE]
    assert Booking.objects.filter(room=other_room, organisation=organisation).count() == 0

    outcome = edit_series_from(**change, by=member, expected_free_dates=[p.date for p in previews])
    assert len(outcome.moved) == 2
    assert [p.date for p in outcome.kept] == [blocked]
    bookings = {b.start.astimezone(LOCAL_TZ).date(): b for b in result.series.bookings.all()}
    assert bookings[first].room == room  # before from_date: untouched
    assert bookings[blocked].room == room  # not free: keeps the old slot
    moved = bookings[first + dt.timedelta(weeks=3)]
    assert moved.room == other_room
    assert moved.start.astimezone(LOCAL_TZ).time() == dt.time(19)
    assert BookingEvent.objects.filter(action="changed").count() == 2


def test_edit_with_broken_rule_changes_nothing(room, organisation, opening_hours):
    result = weekly(organisation, room, weekday_a_week_after(TUESDAY))
    with pytest.raises(ValidationError):
        edit_series_from(
            series=result.series,
            from_date=weekday_a_week_after(TUESDAY),
            room=room,
            start_time=dt.time(21),
            end_time=dt.time(20),
        )
    assert {b.start.astimezone(LOCAL_TZ).hour for b in Booking.objects.all()} == {18}


def test_approval_rechecks_conflicts(
    room, organisation, other_organisation, staff_user, opening_hours, settings
):
    settings.ROOMS_REQUIRE_APPROVAL = True
    first = weekday_a_week_after(TUESDAY)
    result = weekly(organisation, room, first, weeks=3)
    assert result.series.status == BookingSeries.Status.PENDING
    # A closure added while the series waited makes one date fall out on approval.
    Closure.objects.create(
        start_date=first + dt.timedelta(weeks=1),
        end_date=first + dt.timedelta(weeks=1),
        reason=Closure.Reason.MAINTENANCE,
    )
    approval = approve_series(series=result.series, by=staff_user, notify=False)
    assert len(approval.approved) == 2
    assert local_dates(approval.dropped) == [first + dt.timedelta(weeks=1)]
    result.series.refresh_from_db()
    assert result.series.status == BookingSeries.Status.APPROVED
    assert set(result.series.bookings.values_list("status", flat=True)) == {
        "confirmed",
        "cancelled",
    }
    with pytest.raises(ValidationError):
        approve_series(series=result.series, by=staff_user)


def test_series_crossing_a_closure_and_closure_cancelling_bookings(
    room,
    other_room,
    organisation,
    other_organisation,
    staff_user,
    opening_hours,
    django_capture_on_commit_callbacks,
):
    first = weekday_a_week_after(TUESDAY)
    ours = weekly(organisation, room, first, weeks=4)
    theirs = weekly(other_organisation, other_room, first, weeks=4, title="NA")
    closed = first + dt.timedelta(weeks=1)
    with django_capture_on_commit_callbacks(execute=True):
        result = add_closure(
            start_date=closed,
            end_date=closed + dt.timedelta(days=7),
            reason=Closure.Reason.MAINTENANCE,
            description="Oppussing",
            by=staff_user,
        )
    assert len(result.cancelled) == 4  # two dates for each organisation
    assert ours.series.bookings.active().count() == 2
    assert theirs.series.bookings.active().count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["aa@example.org", "na@example.org"]
    assert all("Oppussing" in m.body for m in mail.outbox)
    # A new series across the closure shows those dates as closed, with the reason.
    previews = preview_series(
        **series_kwargs(room, organisation, first, start_time=dt.time(10), end_time=dt.time(12))
    )
    assert [p.status for p in previews] == ["free", "closed", "closed", "free"]
    assert "Oppussing" in previews[1].reason


def test_room_closure_only_affects_that_room(room, other_room, organisation, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    in_room = book(organisation, room, day)
    elsewhere = book(organisation, other_room, day)
    add_closure(
        start_date=day, end_date=day, reason=Closure.Reason.MAINTENANCE, room=room, notify=False
    )
    in_room.refresh_from_db()
    elsewhere.refresh_from_db()
    assert not in_room.is_active
    assert elsewhere.is_active


def test_closure_with_end_before_start_is_refused(opening_hours):
    day = weekday_a_week_after(TUESDAY)
    with pytest.raises(ValidationError):
        add_closure(start_date=day, end_date=day - dt.timedelta(days=1), reason="other")
    assert not Closure.objects.exists()


def test_public_holidays_are_the_real_ones_and_added_once():
    days = dict(norwegian_public_holidays(2027))
    assert dt.date(2027, 5, 17) in days
    assert dt.date(2027, 3, 28) in days  # Easter Sunday is a real holiday
    assert dt.date(2027, 1, 3) not in days  # an ordinary Sunday is not
    assert len(days) == 11
    assert len(add_public_holidays(year=2027, notify=False)) == 11
    assert add_public_holidays(year=2027, notify=False) == []
    assert Closure.objects.filter(reason=Closure.Reason.HOLIDAY).count() == 11


def test_roll_over_to_next_term_with_preview(
    room, organisation, other_organisation, staff_user, opening_hours
):
    first = weekday_a_week_after(TUESDAY)
    result = weekly(organisation, room, first, weeks=4)
    start, end = next_term(result.series)
    assert start == first + dt.timedelta(weeks=3, days=1)
    taken = first + dt.timedelta(weeks=5)
    book(other_organisation, room, taken)
    previews = preview_roll_over(series=result.series, first_date=start, last_date=end)
    assert [p.status for p in previews] == ["free", "taken", "free", "free"]  # four weeks again
    rolled = roll_over_series(
        series=result.series, first_date=start, last_date=end, by=staff_user, notify=False
    )
    assert rolled.series.status == BookingSeries.Status.APPROVED
    assert rolled.series.title == "AA Tirsdag"
    assert len(rolled.booked) == 3


def test_open_ended_series_has_nothing_to_roll_over(room, organisation, opening_hours):
    result = weekly(organisation, room, weekday_a_week_after(TUESDAY), last_date=None)
    with pytest.raises(ValidationError):
        next_term(result.series)


def test_weekly_quota_is_checked_per_week(room, other_room, organisation, opening_hours):
    organisation.weekly_quota_hours = 3
    organisation.save()
    first = weekday_a_week_after(TUESDAY)
    book(organisation, other_room, first + dt.timedelta(days=1), start=10, end=12)  # 2 h, week 1
    previews = preview_series(**series_kwargs(room, organisation, first, weeks=2))
    assert [p.status for p in previews] == [DateStatus.OVER_QUOTA, DateStatus.FREE]
    assert "3 hours" in previews[0].reason
    result = weekly(organisation, room, first, weeks=2)
    assert local_dates(result.booked) == [first + dt.timedelta(weeks=1)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_quota_holds_under_concurrent_bookings(room, other_room, organisation, opening_hours):
    import threading

    from django.db import connection

    organisation.weekly_quota_hours = 2
    organisation.save()
    day = weekday_a_week_after(TUESDAY)
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(target):
        try:
            barrier.wait()
            book(organisation, target, day)
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(r,)) for r in (room, other_room)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "refused"]
    assert Booking.objects.active().count() == 1


@pytest.mark.postgres
def test_database_refuses_overlap_even_past_the_service(room, organisation, opening_hours):
    from django.db import IntegrityError

    day = weekday_a_week_after(TUESDAY)
    booking = book(organisation, room, day)
    with pytest.raises(IntegrityError):
        Booking.objects.create(
            room=room,
            organisation=organisation,
            start=booking.start + dt.timedelta(minutes=30),
            end=booking.end,
            title="x",
        )


def test_open_ended_series_grow_as_the_horizon_moves(room, organisation, opening_hours, settings):
    from django.core.management import call_command

    settings.ROOMS_HORIZON_DAYS = 60
    result = weekly(organisation, room, weekday_a_week_after(TUESDAY), last_date=None)
    before = len(result.booked)
    cancel_occurrence(booking=result.booked[-1], notify=False)
    call_command("rooms_extend_series", stdout=io.StringIO())
    assert result.series.bookings.count() == before  # nothing new yet, the cancelled date stays
    settings.ROOMS_HORIZON_DAYS = 88
    out = io.StringIO()
    call_command("rooms_extend_series", stdout=out)
    assert "Booked 4 new date(s)" in out.getvalue()
    assert result.series.bookings.count() == before + 4
    assert result.series.bookings.filter(status="cancelled").count() == 1
