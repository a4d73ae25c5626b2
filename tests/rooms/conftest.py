import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from rooms.models import OpeningHours, Organisation, Room
from rooms.times import today_local


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Logins are created in many tests; the production hasher costs about a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    # Assertions read the English source messages; pages in tests use the /en/ URLs.
    with translation.override("en"):
        yield


def en_reverse(name, args=None):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def opening_hours(db):
    return [
        OpeningHours.objects.create(weekday=day, opens=dt.time(8), closes=dt.time(22))
        for day in range(7)
    ]


@pytest.fixture
def organisation(db, django_user_model):
    org = Organisation.objects.create(name="AA Oslo", slug="aa-oslo", email="aa@example.org")
    user = django_user_model.objects.create_user(username="aa-user", password="aa-password-123")
    org.members.add(user)
    return org


@pytest.fixture
def other_organisation(db, django_user_model):
    org = Organisation.objects.create(name="NA Oslo", slug="na-oslo", email="na@example.org")
    user = django_user_model.objects.create_user(username="na-user", password="na-password-123")
    org.members.add(user)
    return org


@pytest.fixture
def room(db):
    return Room.objects.create(name="Rom 2", slug="rom-2", capacity=12, wheelchair_accessible=True)


@pytest.fixture
def other_room(db):
    return Room.objects.create(name="Rom 3", slug="rom-3", capacity=8, display_order=3)


def next_weekday(weekday, after=None):
    """The first date on ``weekday`` at least a week after ``after`` (default today)."""
    start = (after or today_local()) + dt.timedelta(days=7)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def last_sunday(year, month):
    """Daylight saving starts on the last Sunday of March and ends on the last Sunday of October."""
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() - 6) % 7)


def next_dst_change(month):
    today = today_local()
    change = last_sunday(today.year, month)
    if change < today + dt.timedelta(days=14):
        change = last_sunday(today.year + 1, month)
    return change


@pytest.fixture
def member(organisation):
    return organisation.members.get()


@pytest.fixture
def other_member(other_organisation):
    return other_organisation.members.get()


@pytest.fixture
def org_client(client, member):
    client.force_login(member)
    return client


def weekly(organisation, room, first, weeks=4, **kwargs):
    """A Tuesday 18–20 series of ``weeks`` dates from ``first``, booked through the service."""
    from rooms.services import book_series

    params = {
        "organisation": organisation,
        "room": room,
        "weekday": 1,
        "start_time": dt.time(18),
        "end_time": dt.time(20),
        "first_date": first,
        "last_date": first + dt.timedelta(weeks=weeks - 1),
        "title": "AA Tirsdag",
    }
    params.update(kwargs)
    return book_series(**params)


def book(organisation, room, day, start=18, end=20, title="Møte", **kwargs):
    """A confirmed one-date booking through the service."""
    from rooms.services import book_single

    return book_single(
        organisation=organisation,
        room=room,
        date=day,
        start_time=dt.time(start),
        end_time=dt.time(end),
        title=title,
        notify=False,
        **kwargs,
    ).booked[0]
