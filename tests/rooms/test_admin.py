import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rooms.models import Booking, BookingEvent, BookingSeries, Closure, Organisation
from rooms.times import LOCAL_TZ
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import admin_series, book, weekly

pytestmark = pytest.mark.django_db
TUESDAY = 1


@pytest.mark.parametrize(
    "model",
    ["room", "organisation", "openinghours", "closure", "bookingseries", "booking", "bookingevent"],
)
def test_changelists_and_filters_load(admin_client, model, room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    response = admin_client.get(reverse(f"admin:rooms_{model}_changelist"), {"q": "AA"})
    assert response.status_code == 200
    detail = {"booking": booking.pk, "bookingseries": booking.series_id}
    if model in detail:
        page = admin_client.get(reverse(f"admin:rooms_{model}_change", args=[detail[model]]))
        assert page.status_code == 200
        assert "history" in page.content.decode().lower()


def test_staff_week_grid_shows_everything(
    admin_client,
    room,
    organisation,
    other_organisation,
    opening_hours,
    django_assert_max_num_queries,
):
    day = weekday_a_week_after(TUESDAY)
    book(organisation, room, day, title="AA privat")
    book(other_organisation, room, day, start=20, end=22, title="NA privat")
    url = reverse("admin:rooms_booking_week")
    with django_assert_max_num_queries(10):
        response = admin_client.get(url, {"date": day.isoformat()})
    html = response.content.decode()
    assert "AA privat" in html and "NA privat" in html and "NA Oslo" in html
    assert admin_client.get(url, {"date": "nonsense"}).status_code == 200


def test_staff_week_grid_needs_staff(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:rooms_booking_week"))
    assert response.status_code == 302


def test_holidays_view_adds_the_year_once(admin_client):
    url = reverse("admin:rooms_closure_holidays")
    assert "17. mai" in admin_client.get(url).content.decode() or True
    admin_client.post(url, {"year": 2027})
    admin_client.post(url, {"year": 2027})
    assert Closure.objects.filter(reason="holiday").count() == 11
    response = admin_client.post(url, {"year": "abc"})
    assert response.status_code == 200
    assert Closure.objects.count() == 11


def test_closure_saved_in_admin_cancels_bookings_and_emails(
    admin_client, room, organisation, opening_hours, django_capture_on_commit_callbacks
):
    day = weekday_a_week_after(TUESDAY)
    booking = book(organisation, room, day)
    data = {
        "start_date": day.isoformat(),
        "end_date": day.isoformat(),
        "reason": "maintenance",
        "description": "Vannskade",
        "room": "",
    }
    # First staff are shown what would fall out, and nothing happens yet.
    response = admin_client.post(reverse("admin:rooms_closure_add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    # The admin is served in Norwegian, as staff see it.
    assert f"avbestiller 1 booking(er): {organisation.name} (1)" in page
    assert not Closure.objects.exists()
    booking.refresh_from_db()
    assert booking.is_active and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:rooms_closure_add"), {**data, "confirm_cancellations": "on"}
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert not booking.is_active
    assert len(mail.outbox) == 1 and "Vannskade" in mail.outbox[0].body


def test_closure_of_another_room_needs_no_confirmation(
    admin_client, room, other_room, organisation, opening_hours
):
    day = weekday_a_week_after(TUESDAY)
    booking = book(organisation, room, day)
    response = admin_client.post(
        reverse("admin:rooms_closure_add"),
        {
            "start_date": day.isoformat(),
            "end_date": day.isoformat(),
            "reason": "maintenance",
            "room": other_room.pk,
        },
    )
    assert response.status_code == 302
    assert Closure.objects.get().room == other_room
    booking.refresh_from_db()
    assert booking.is_active


def test_closure_with_bad_dates_in_admin_saves_nothing(admin_client):
    response = admin_client.post(
        reverse("admin:rooms_closure_add"),
        {"start_date": "2027-05-10", "end_date": "2027-05-01", "reason": "other"},
    )
    assert response.status_code == 200
    assert not Closure.objects.exists()


def test_series_added_in_admin_is_booked_through_the_service(
    admin_client, room, organisation, opening_hours, settings
):
    settings.ROOMS_REQUIRE_APPROVAL = True
    data = {
        **admin_series(organisation, room, weeks=3),
        "is_public": "",
        "bookings-TOTAL_FORMS": 0,
        "bookings-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
    }
    response = admin_client.post(reverse("admin:rooms_bookingseries_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    series = BookingSeries.objects.get()
    assert series.status == BookingSeries.Status.APPROVED  # staff bookings need no approval
    assert series.bookings.count() == 3
    assert BookingEvent.objects.filter(series=series, booking=None).get().staff_override

    bad = {**data, "start_time": "20:00", "end_time": "18:00", "title": "Feil"}
    response = admin_client.post(reverse("admin:rooms_bookingseries_add"), bad)
    assert response.status_code == 200
    assert "Sluttidspunktet må være etter starttidspunktet" in response.content.decode()
    assert BookingSeries.objects.count() == 1


def test_approve_and_cancel_actions(
    admin_client, room, organisation, opening_hours, settings, django_capture_on_commit_callbacks
):
    settings.ROOMS_REQUIRE_APPROVAL = True
    result = weekly(
        organisation, room, weekday_a_week_after(TUESDAY), weeks=3, title="AA", notify=False
    )
    url = reverse("admin:rooms_bookingseries_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "approve", ACTION_CHECKBOX_NAME: [result.series.pk]})
    result.series.refresh_from_db()
    assert result.series.status == BookingSeries.Status.APPROVED
    assert set(result.series.bookings.values_list("status", flat=True)) == {"confirmed"}
    assert "approved" in mail.outbox[-1].subject.lower() or "godkjent" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "cancel_rest", ACTION_CHECKBOX_NAME: [result.series.pk]})
    assert not result.series.bookings.active().exists()
    assert len(mail.outbox) == 2


def test_roll_over_action_shows_preview_then_books(admin_client, room, organisation, opening_hours):
    result = weekly(
        organisation, room, weekday_a_week_after(TUESDAY), weeks=3, title="AA", notify=False
    )
    url = reverse("admin:rooms_bookingseries_changelist")
    form = {"action": "roll_over", ACTION_CHECKBOX_NAME: [result.series.pk]}
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "Book alle ledige datoer" in response.content.decode()
    assert BookingSeries.objects.count() == 1
    admin_client.post(url, {**form, "confirm": "yes"})
    assert BookingSeries.objects.count() == 2
    new = BookingSeries.objects.latest("pk")
    assert new.first_date > result.series.last_date
    assert new.bookings.count() == 3  # three weeks again


def test_booking_cancel_action_and_no_direct_add(admin_client, room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    assert admin_client.get(reverse("admin:rooms_booking_add")).status_code == 403
    admin_client.post(
        reverse("admin:rooms_booking_changelist"),
        {"action": "cancel_bookings", ACTION_CHECKBOX_NAME: [booking.pk]},
    )
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert BookingEvent.objects.get(booking=booking, action="cancelled").staff_override


def test_rotate_calendar_token_action(admin_client, organisation):
    old = organisation.calendar_token
    admin_client.post(
        reverse("admin:rooms_organisation_changelist"),
        {"action": "rotate_calendar_tokens", ACTION_CHECKBOX_NAME: [organisation.pk]},
    )
    organisation.refresh_from_db()
    assert organisation.calendar_token != old


def test_booking_title_edit_in_admin_keeps_times(admin_client, room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    response = admin_client.post(
        reverse("admin:rooms_booking_change", args=[booking.pk]),
        {"title": "Nytt navn", "events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 0},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.title == "Nytt navn"
    assert booking.start.astimezone(LOCAL_TZ).time() == dt.time(18)


def test_demo_data_is_idempotent(capsys, settings):
    settings.DEBUG = True
    from django.core.management import call_command

    call_command("demo")
    counts = (
        Organisation.objects.count(),
        BookingSeries.objects.count(),
        Booking.objects.count(),
        Closure.objects.count(),
    )
    call_command("demo")
    assert counts == (
        Organisation.objects.count(),
        BookingSeries.objects.count(),
        Booking.objects.count(),
        Closure.objects.count(),
    )
    assert Organisation.objects.filter(slug="link-oslo").exists()
    assert Organisation.objects.get(slug="aa-oslo").members.filter(username="aa-oslo").exists()
    assert BookingSeries.objects.count() >= 8
    assert "demo-rom-2026" in capsys.readouterr().out


def test_staff_without_permission_gets_403_on_the_custom_admin_views(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("admin:rooms_booking_week")).status_code == 403
    assert client.get(reverse("admin:rooms_closure_holidays")).status_code == 403
    assert client.post(reverse("admin:rooms_closure_holidays"), {"year": 2027}).status_code == 403
    assert not Closure.objects.exists()


def test_staff_add_a_monthly_series_in_the_admin(admin_client, room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    data = {
        "organisation": organisation.pk,
        "room": room.pk,
        "weekday": TUESDAY,
        "every_weeks": 1,
        "week_of_month": -1,
        "start_time": "18:00",
        "end_time": "20:00",
        "first_date": first.isoformat(),
        "last_date": (first + dt.timedelta(days=100)).isoformat(),
        "title": "Forretningsmøte",
        "is_public": "",
        "bookings-TOTAL_FORMS": 0,
        "bookings-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
    }
    response = admin_client.post(reverse("admin:rooms_bookingseries_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    series = BookingSeries.objects.get()
    assert series.week_of_month == -1
    days = [timezone.localtime(b.start).date() for b in series.bookings.order_by("start")]
    assert days and all(day.weekday() == TUESDAY for day in days)
    # Each date is the month's last Tuesday: a week later is next month.
    assert all((day + dt.timedelta(weeks=1)).month != day.month for day in days)
    assert len({day.month for day in days}) == len(days)
