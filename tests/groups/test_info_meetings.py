"""Moving an information meeting: the room booking follows, sign-ups stay and are told."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from groups.models import InfoMeeting
from groups.services import (
    cancel_centre_meeting,
    reschedule_info_meeting,
    schedule_info_meeting,
)
from rooms.models import Booking
from tests.dates import weekday_weeks_ahead


@pytest.fixture
def meeting(room, opening_hours):
    return schedule_info_meeting(
        room=room, day=weekday_weeks_ahead(0), start_time=dt.time(16), end_time=dt.time(17)
    )


def active_slots():
    return sorted(
        (b.room.slug, timezone.localtime(b.start).date(), timezone.localtime(b.start).time())
        for b in Booking.objects.active().select_related("room")
    )


def test_moving_a_meeting_rebooks_the_room_and_emails_those_signed_up(
    meeting, make_registration, upstairs_room, django_capture_on_commit_callbacks
):
    make_registration(info_meeting=meeting)
    make_registration(info_meeting=meeting, email="", phone="91234567")
    tuesday = weekday_weeks_ahead(1)
    with django_capture_on_commit_callbacks(execute=True):
        without_email = reschedule_info_meeting(
            info_meeting=meeting,
            room=upstairs_room,
            day=tuesday,
            start_time=dt.time(18),
            end_time=dt.time(19, 30),
        )
    assert without_email == 1
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at) == timezone.make_aware(
        dt.datetime.combine(tuesday, dt.time(18))
    )
    assert meeting.room == upstairs_room and meeting.signups.count() == 2
    # The old slot is free again; exactly the new one is booked.
    assert active_slots() == [("rom-3", tuesday, dt.time(18))]
    assert [message.to for message in mail.outbox] == [["person1@example.org"]]
    assert "har flyttet" in mail.outbox[0].subject
    assert "18:00" in mail.outbox[0].body


def test_a_meeting_can_grow_into_its_own_slot(meeting, room):
    reschedule_info_meeting(
        info_meeting=meeting,
        room=room,
        day=timezone.localtime(meeting.starts_at).date(),
        start_time=dt.time(15, 30),
        end_time=dt.time(17, 30),
    )
    assert len(active_slots()) == 1


def test_moving_onto_a_taken_slot_changes_nothing(meeting, room):
    tuesday = weekday_weeks_ahead(1)
    schedule_info_meeting(room=room, day=tuesday, start_time=dt.time(18), end_time=dt.time(19))
    before = active_slots()
    with pytest.raises(ValidationError, match="cannot be booked then|kan ikke reserveres"):
        reschedule_info_meeting(
            info_meeting=meeting,
            room=room,
            day=tuesday,
            start_time=dt.time(18, 30),
            end_time=dt.time(19, 30),
        )
    assert active_slots() == before
    assert InfoMeeting.objects.get(pk=meeting.pk).meeting_series.bookings.active().count() == 1


def admin_data(meeting, **changes):
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    data = {
        "starts_at_0": starts.date().isoformat(),
        "starts_at_1": f"{starts:%H:%M}",
        "ends_at_0": ends.date().isoformat(),
        "ends_at_1": f"{ends:%H:%M}",
        "room": meeting.room_id,
        "language": meeting.language,
        "places": meeting.places,
        "notes": meeting.notes,
        "signups-TOTAL_FORMS": 0,
        "signups-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_staff_move_a_meeting_in_the_admin(
    client, superuser, meeting, room, make_registration, django_capture_on_commit_callbacks
):
    make_registration(info_meeting=meeting, email="", phone="91234567")
    make_registration(info_meeting=meeting)
    client.force_login(superuser)
    url = reverse("admin:groups_infomeeting_change", args=[meeting.pk])
    taken = weekday_weeks_ahead(1)
    schedule_info_meeting(room=room, day=taken, start_time=dt.time(18), end_time=dt.time(19))

    # A clash is a form error, and nothing changes.
    clash = admin_data(meeting, starts_at_0=taken, ends_at_0=taken, starts_at_1="18:00")
    response = client.post(url, {**clash, "ends_at_1": "19:00"})
    assert response.status_code == 200
    assert "kan ikke reserveres" in response.content.decode()
    assert timezone.localtime(InfoMeeting.objects.get(pk=meeting.pk).starts_at).hour == 16

    # Ending before it starts is refused with its own message.
    response = client.post(url, admin_data(meeting, ends_at_1="15:00"))
    assert "må slutte etter at det starter" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, admin_data(meeting, starts_at_1="12:00", ends_at_1="13:00"), follow=True
        )
    page = response.content.decode()
    assert "Møtet er flyttet" in page and "har ikke e-post" in page
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).hour == 12
    assert len([slot for slot in active_slots() if slot[2] == dt.time(12)]) == 1
    (email,) = mail.outbox
    assert "16:00" in email.body and "12:00" in email.body

    # Changing only the places does not touch the booking.
    series = meeting.meeting_series_id
    client.post(url, admin_data(meeting, places=20))
    meeting.refresh_from_db()
    assert (meeting.places, meeting.meeting_series_id) == (20, series)


def test_moving_or_cancelling_a_meeting_keeps_its_old_booking_cancelled_with_history(
    meeting, upstairs_room
):
    old = meeting.meeting_series
    reschedule_info_meeting(
        info_meeting=meeting,
        room=upstairs_room,
        day=weekday_weeks_ahead(1),
        start_time=dt.time(18),
        end_time=dt.time(19),
    )
    # The old booking stays in the calendar's history, cancelled, instead of being deleted.
    (booking,) = old.bookings.all()
    assert booking.status == Booking.Status.CANCELLED
    assert old.events.filter(action="cancelled", booking=None).exists()
    meeting.refresh_from_db()
    new = meeting.meeting_series
    cancel_centre_meeting(meeting=meeting)
    assert not new.bookings.active().exists() and new.bookings.count() == 1
