"""Organisations land on their rooms after login; their own cancellations and changes are
confirmed by email after commit, in Norwegian."""

import datetime as dt

import pytest
from django.core import mail

from rooms.changes import edit_series_from
from rooms.services import cancel_occurrence, cancel_series_from
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import book, weekly

pytestmark = pytest.mark.django_db
TUESDAY = 1


def log_in(client, username, password, **query):
    return client.post(
        "/konto/login/" + (f"?next={query['next']}" if query else ""),
        {"username": username, "password": password},
    )


def test_organisation_users_land_on_the_rooms(client, organisation):
    response = log_in(client, "aa-user", "aa-password-123")
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/rom/"


def test_english_login_lands_on_the_english_rooms(client, organisation):
    response = client.post(
        "/en/konto/login/", {"username": "aa-user", "password": "aa-password-123"}
    )
    assert client.get(response["Location"])["Location"] == "/en/rom/"


def test_staff_land_on_the_admin_and_others_at_home(client, django_user_model):
    django_user_model.objects.create_user("kari", password="kari-passord-123", is_staff=True)
    django_user_model.objects.create_user("solo", password="solo-passord-123")
    response = log_in(client, "kari", "kari-passord-123")
    assert client.get(response["Location"])["Location"] == "/admin/"
    client.logout()
    response = log_in(client, "solo", "solo-passord-123")
    assert client.get(response["Location"])["Location"] == "/"


@pytest.mark.parametrize(
    ("next_url", "lands"),
    [("/rom/mine/", "/rom/mine/"), ("https://evil.example/", None), ("//evil.example/", None)],
)
def test_a_safe_next_is_respected_and_an_unsafe_one_ignored(client, organisation, next_url, lands):
    response = log_in(client, "aa-user", "aa-password-123", next=next_url)
    if lands:
        assert response["Location"] == lands
    else:
        assert "evil" not in response["Location"]
        assert client.get(response["Location"])["Location"] == "/rom/"


def test_the_landing_needs_a_login(client):
    response = client.get("/rom/etter-innlogging/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_own_cancellation_is_confirmed_by_email_after_commit(
    room, organisation, member, opening_hours, django_capture_on_commit_callbacks
):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY), title="AA tirsdag")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cancel_occurrence(booking=booking, by=member)
    assert mail.outbox == [] and callbacks  # nothing sent inside the transaction
    for callback in callbacks:  # the email, and the public page cache's version bump
        callback()
    [message] = mail.outbox
    assert message.to == ["aa@example.org"]
    assert message.subject == "Avbestilling bekreftet: én dato"
    assert "tirsdag" in message.body and "18:00–20:00" in message.body


def test_cancelling_the_rest_of_a_series_is_confirmed_with_every_date(
    room, organisation, member, opening_hours, django_capture_on_commit_callbacks
):

    first = weekday_a_week_after(TUESDAY)
    series = weekly(organisation, room, first, weeks=4, title="AA", notify=False).series
    with django_capture_on_commit_callbacks(execute=True):
        cancel_series_from(series=series, from_date=first + dt.timedelta(weeks=1), by=member)
    [message] = mail.outbox
    assert message.subject == "Avbestilling bekreftet: 3 datoer"
    assert message.body.count("\n- ") == 3


def test_a_series_change_is_confirmed_by_email(
    room,
    other_room,
    organisation,
    other_organisation,
    member,
    opening_hours,
    django_capture_on_commit_callbacks,
):

    first = weekday_a_week_after(TUESDAY)
    series = weekly(organisation, room, first, weeks=3, title="AA", notify=False).series
    book(other_organisation, other_room, first + dt.timedelta(weeks=2), title="NA")
    with django_capture_on_commit_callbacks(execute=True):
        edit_series_from(
            series=series,
            from_date=first,
            room=other_room,
            start_time=dt.time(18),
            end_time=dt.time(20),
            by=member,
        )
    [message] = mail.outbox
    assert message.subject == "Booking endret: AA"
    assert "Rom 3, 18:00–20:00" in message.body
    assert "beholder" in message.body  # the date that was not free keeps the old room


def test_no_email_when_notify_is_off(room, organisation, member, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    cancel_occurrence(booking=booking, by=member, notify=False)
    assert mail.outbox == []
