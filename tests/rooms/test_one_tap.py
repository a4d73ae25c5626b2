"""One tap to book: a free alternative room in the preview books that date in one step."""

import datetime as dt

import pytest
from django.test import Client

from rooms.models import Booking
from rooms.times import LOCAL_TZ
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import book, booking_post, en_reverse

pytestmark = pytest.mark.django_db
TUESDAY = 1


@pytest.fixture
def clash(room, other_room, other_organisation, opening_hours):
    """A four-week series in ``room`` whose second Tuesday another organisation has taken."""
    first = weekday_a_week_after(TUESDAY)
    taken = first + dt.timedelta(weeks=1)
    book(other_organisation, room, taken, title="NA privat")
    return first, taken


def alternative(room_, day):
    return f"{room_.pk}:{day.isoformat()}"


def test_preview_offers_each_free_room_as_a_button(org_client, room, other_room, clash):
    first, taken = clash
    html = org_client.post(en_reverse("rooms:book"), booking_post(room, first)).content.decode()
    assert f'name="alternative" value="{alternative(other_room, taken)}"' in html
    assert 'form="book-form"' in html and 'id="book-form"' in html
    assert html.count('name="alternative"') == 1  # only the taken date has alternatives


def test_an_alternative_books_that_date_in_that_room_only(
    org_client, room, other_room, organisation, clash
):
    first, taken = clash
    data = booking_post(room, first, alternative=alternative(other_room, taken))
    response = org_client.post(en_reverse("rooms:book"), data)
    assert response.status_code == 200
    [booking] = Booking.objects.for_organisation(organisation)
    assert booking.room == other_room
    assert booking.start.astimezone(LOCAL_TZ).date() == taken
    assert (booking.title, booking.created_by.username) == ("AA Tirsdagsgruppa", "aa-user")
    html = response.content.decode()
    assert "Booked Rom 3 on Tuesday" in html
    # The preview is shown again, the date now marked as booked in the other room.
    assert "Booked in Rom 3" in html and 'name="alternative"' not in html
    assert html.count("text-bg-success") == 3 + 1
    # The rest can still be booked from here.
    expected = [p.date.isoformat() for p in response.context["previews"] if p.is_free]
    org_client.post(
        en_reverse("rooms:book"), booking_post(room, first, action="confirm", expected=expected)
    )
    assert Booking.objects.for_organisation(organisation).count() == 4


@pytest.mark.parametrize(
    "value",
    ["", "abc", "999999:2026-01-01", "rom:dato", ":", "1:\x00", "x" * 500],
)
def test_a_damaged_alternative_books_nothing(org_client, room, other_room, clash, value):
    first, _taken = clash
    data = booking_post(room, first, alternative=value)
    response = org_client.post(en_reverse("rooms:book"), data)
    # A form error, or 400 for a NUL character (refused by linkcentre.input_guard).
    assert response.status_code == (400 if "\x00" in value else 200)
    assert Booking.objects.count() == 1  # only the other organisation's


def test_a_room_not_offered_for_that_date_is_refused(org_client, room, other_room, clash):
    first, _taken = clash
    # The first Tuesday is free in the chosen room, so no alternative was offered for it.
    data = booking_post(room, first, alternative=alternative(other_room, first))
    html = org_client.post(en_reverse("rooms:book"), data).content.decode()
    assert "no longer free on that date" in html
    assert Booking.objects.count() == 1


def test_an_alternative_taken_meanwhile_is_refused_with_the_reason(
    org_client, room, other_room, other_organisation, clash
):
    first, taken = clash
    book(other_organisation, other_room, taken, title="NA igjen")
    data = booking_post(room, first, alternative=alternative(other_room, taken))
    html = org_client.post(en_reverse("rooms:book"), data).content.decode()
    assert "no longer free on that date" in html
    assert Booking.objects.count() == 2


def test_an_alternative_needs_csrf(member, room, other_room, clash):
    first, taken = clash
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    data = booking_post(room, first, alternative=alternative(other_room, taken))
    assert csrf_client.post(en_reverse("rooms:book"), data).status_code == 403
    assert Booking.objects.count() == 1


def test_taken_is_said_once_in_the_preview(org_client, room, clash):
    first, _taken = clash
    html = org_client.post(en_reverse("rooms:book"), booking_post(room, first)).content.decode()
    assert html.count(">Taken<") == 1
    assert ">taken<" not in html and "taken</span>" not in html.replace("Taken</span>", "")


def test_our_bookings_are_cards_with_cancel(org_client, room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY), title="AA kort")
    html = org_client.get(en_reverse("rooms:mine")).content.decode()
    card = html.split(f'id="booking-{booking.pk}"')[1].split("</li>")[0]
    assert "AA kort" in card and "18:00–20:00" in card
    assert en_reverse("rooms:cancel", args=[booking.pk]) in card
    assert booking.start.astimezone(LOCAL_TZ).strftime("%A") in card  # the long date
