"""The groups tests' fixtures: the centre and a partner organisation, two rooms, groups with
their weekly meeting booked in the rooms app, interest registrations, staff and partner logins.
centre, partner, room and make_group are in tests/groups/world.py, which the browser tests share
(the root conftest loads it). Data from tests/factories.py, helpers in tests/groups/helpers.py
and tests/dates.py; opening hours and password hashing are in the root conftest."""

import datetime as dt

import pytest

from groups.services import schedule_info_meeting
from tests.dates import weekday_weeks_ahead
from tests.factories import (
    InterestRegistrationFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.groups.helpers import grant, listing_series


@pytest.fixture
def make_registration(db):
    """Store a registration (Person1, person1@example.org, ...) through the public service."""
    return InterestRegistrationFactory


@pytest.fixture
def last_place_meeting(room, opening_hours):
    """An information meeting on a Monday at least a week ahead, with one place left."""
    meeting = schedule_info_meeting(
        room=room, day=weekday_weeks_ahead(0), start_time=dt.time(16), end_time=dt.time(17)
    )
    meeting.places = 1
    meeting.save()
    return meeting


@pytest.fixture
def coordinator(db):
    return grant(
        StaffFactory(username="koordinator", password="koordinator-123"),
        "view_group",
        "change_group",
        "view_interestregistration",
        "change_interestregistration",
        "delete_interestregistration",
        "view_membership",
        "change_membership",
        "view_personal_data",
    )


# --- partner listings: organisations, their logins and series (test_listing*.py) ---
@pytest.fixture
def partner_user(partner):
    user = UserFactory(username="aa", password="x-password-123")
    partner.members.add(user)
    return user


@pytest.fixture
def other_org(db):
    return OrganisationFactory(
        name="Anonyme Narkomane",
        slug="na-oslo",
        email="",
        login="na",
        login__password="x-password-123",
    )


@pytest.fixture
def series(opening_hours, partner, room):
    return listing_series(partner, room, 1, "AA tirsdag")


@pytest.fixture
def other_series(opening_hours, other_org, room):
    return listing_series(other_org, room, 2, "NA onsdag")


@pytest.fixture
def partner_client(client, partner_user):
    client.force_login(partner_user)
    return client
