"""The contact meeting for all groups: booked, moved and freed with its room; on the dashboard."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import ContactMeeting
from groups.reports import dashboard_panel
from groups.services import schedule_contact_meeting, schedule_info_meeting
from rooms.models import Booking
from tests.dates import weekday_weeks_ahead


def form_data(day, start, end, room, notes=""):
    return {
        "starts_at_0": day.isoformat(),
        "starts_at_1": start,
        "ends_at_0": day.isoformat(),
        "ends_at_1": end,
        "room": room.pk,
        "notes": notes,
    }


def contact_row(user):
    return next(r for r in dashboard_panel(user)["rows"] if r["url"].endswith("contactmeeting/"))


@pytest.mark.django_db
def test_staff_plan_move_and_cancel_a_contact_meeting(client, superuser, room, opening_hours):
    client.force_login(superuser)
    wednesday = weekday_weeks_ahead(2)
    add = reverse("admin:groups_contactmeeting_add")

    # The dashboard asks for one while none is planned.
    assert contact_row(superuser)["warning"]

    response = client.post(add, form_data(wednesday, "18:00", "20:00", room, "Vårens første"))
    assert response.status_code == 302
    meeting = ContactMeeting.objects.get()
    booking = meeting.meeting_series.bookings.get()
    assert timezone.localtime(booking.start).time() == dt.time(18)
    assert booking.title in {"Kontaktmøte for gruppene", "Contact meeting for the groups"}
    row = contact_row(superuser)
    assert not row["warning"] and row["value"] == wednesday.strftime("%d.%m.%Y")

    # Bad input: a clash with another booking and an end before the start change nothing.
    schedule_info_meeting(room=room, day=wednesday, start_time=dt.time(16), end_time=dt.time(17))
    change = reverse("admin:groups_contactmeeting_change", args=[meeting.pk])
    response = client.post(change, form_data(wednesday, "16:30", "18:30", room))
    assert response.status_code == 200 and "kan ikke reserveres" in response.content.decode()
    response = client.post(change, form_data(wednesday, "18:00", "17:00", room))
    assert "må slutte etter at det starter" in response.content.decode()
    response = client.post(add, form_data(wednesday, "19:00", "21:00", room))
    assert response.status_code == 200 and ContactMeeting.objects.count() == 1

    # Moving it an hour earlier moves the booking; the old slot is free.
    response = client.post(change, form_data(wednesday, "17:00", "19:00", room, "Flyttet"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "Flyttet"
    (booking,) = meeting.meeting_series.bookings.active()
    assert timezone.localtime(booking.start).time() == dt.time(17)
    assert Booking.objects.active().count() == 2  # with the information meeting

    # Deleting it frees the room.
    response = client.post(
        reverse("admin:groups_contactmeeting_delete", args=[meeting.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ContactMeeting.objects.exists() and Booking.objects.active().count() == 1


@pytest.mark.django_db
def test_a_contact_meeting_far_ahead_still_asks_for_one_sooner(superuser, room, opening_hours):
    schedule_contact_meeting(
        room=room,
        day=weekday_weeks_ahead(2, weeks_ahead=20),
        start_time=dt.time(18),
        end_time=dt.time(20),
    )
    assert contact_row(superuser)["warning"]
