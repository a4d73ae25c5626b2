"""Helpers the groups tests share: permissions, a partner's weekly series, the sign-up's steps
and the listing form. Plain functions and constants (fixtures live in conftest.py)."""

import datetime as dt

from django.contrib.auth.models import Permission
from django.urls import reverse

from groups.models import Attendance, Group
from tests.dates import weekday_weeks_ahead
from tests.factories import BookingSeriesFactory


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def listing_series(organisation, room, weekday, title, start=dt.time(18)):
    """A weekly series of ``organisation`` (eight weeks, no emails), as a partner books it."""
    first = weekday_weeks_ahead(weekday)
    return BookingSeriesFactory(
        organisation=organisation,
        room=room,
        weekday=weekday,
        start_time=start,
        end_time=dt.time(start.hour + 2, start.minute),
        first_date=first,
        last_date=first + dt.timedelta(weeks=8),
        title=title,
        notify=False,
    )


# --- the public sign-up's three steps ---
STEP1 = reverse("groups:signup")
STEP2 = reverse("groups:signup_consent")
STEP3 = reverse("groups:signup_contact")
DONE = reverse("groups:signup_done")

GOOD_CONTACT = {
    "first_name": "Kari",
    "email": "kari@example.org",
    "phone": "",
    "is_adult": "on",
    "age_band": "30-44",
    "preferred_weekdays": ["1", "3"],
    "preferred_times": ["evening"],
    "preferred_language": "nb",
    "preferred_group": "",
    "info_meeting": "",
    "message": "Jeg kan ikke i uke 12.",
    "website": "",
}


def html(response):
    return response.content.decode()


def through_step_2(client):
    assert client.post(STEP1, {"read_expectations": "on"}).url == STEP2
    assert client.post(STEP2, {"consent": "on", "free_choice": "on"}).url == STEP3


# --- partner listings ---
def listing_form(series, **overrides):
    """The listing form's fields for an open meeting held in ``series``; None drops a field."""
    data = {
        "meeting_series": series.pk,
        "name": "AA Tirsdagsmøtet",
        "short_description_nb": "Åpent AA-møte med samtale.",
        "short_description_en": "Open AA discussion meeting.",
        "description_nb": "Ring på ved inngangen.",
        "description_en": "Ring the bell at the door.",
        "languages": ["nb"],
        "meeting_type": "O",
        "meeting_guide_types": ["D"],
        "attendance": Attendance.IN_PERSON,
        "conference_url": "",
        "conference_url_notes": "",
        "conference_phone": "",
        "conference_phone_notes": "",
        "contact_email": "aa@example.org",
        "status": Group.Status.RUNNING,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
