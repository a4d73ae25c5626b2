"""Hostile input and lost races in the sign-up and withdrawal: a clear message, never a 500."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from groups.forms import InfoMeetingChoiceField, normalise_phone
from groups.models import InfoMeetingSignup, InterestRegistration
from tests.groups.helpers import GOOD_CONTACT, STEP3, through_step_2

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "phone",
    [
        "+47 ٩١٢٣٤٥٦٧",  # Arabic-Indic digits
        "९१२३४५६७",  # Devanagari
        "９１２３４５６７",  # fullwidth
        "+47 912 34 567 ext",
    ],
)
def test_phone_numbers_take_ascii_digits_only(client, phone):
    through_step_2(client)
    response = client.post(STEP3, {**GOOD_CONTACT, "email": "", "phone": phone})
    assert response.status_code == 200
    assert response.context["form"].errors["phone"]
    assert not InterestRegistration.objects.exists()


def test_normalise_phone_keeps_the_usual_ways_of_writing_a_number():
    assert normalise_phone("912 34 567") == "91234567"
    assert normalise_phone("0047 912-34-567") == "+4791234567"
    assert normalise_phone("(+47) 912.34.567") == "+4791234567"


def test_a_meeting_that_filled_after_the_form_was_shown_says_so(
    client, last_place_meeting, make_registration
):
    through_step_2(client)
    offered = f'name="info_meeting" value="{last_place_meeting.pk}"'
    assert offered in client.get(STEP3).content.decode()
    make_registration(info_meeting=last_place_meeting)  # someone else takes the last place
    assert offered not in client.get(STEP3).content.decode()
    response = client.post(STEP3, {**GOOD_CONTACT, "info_meeting": last_place_meeting.pk})
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["info_meeting"]
    assert error.code == "full"
    assert "fullt nå" in response.content.decode()
    assert InterestRegistration.objects.count() == 1 and InfoMeetingSignup.objects.count() == 1


def test_a_meeting_that_fills_while_the_form_is_checked_says_so_by_the_field(
    client, last_place_meeting, make_registration, monkeypatch
):
    through_step_2(client)
    make_registration(info_meeting=last_place_meeting)
    # The race inside the request: the form saw a place, the service (locking the row) did not.
    monkeypatch.setattr(InfoMeetingChoiceField, "validate", lambda self, value: None)
    response = client.post(STEP3, {**GOOD_CONTACT, "info_meeting": last_place_meeting.pk})
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["info_meeting"]
    assert error.code == "full"
    # Nothing half-saved: the registration went with the failed meeting sign-up.
    assert InterestRegistration.objects.count() == 1 and InfoMeetingSignup.objects.count() == 1


def test_a_meeting_that_has_started_says_so(client, last_place_meeting):
    type(last_place_meeting).objects.filter(pk=last_place_meeting.pk).update(
        starts_at=last_place_meeting.starts_at - dt.timedelta(days=30),
        ends_at=last_place_meeting.ends_at - dt.timedelta(days=30),
    )
    through_step_2(client)
    response = client.post(STEP3, {**GOOD_CONTACT, "info_meeting": last_place_meeting.pk})
    [error] = response.context["form"].errors.as_data()["info_meeting"]
    assert error.code == "past"
    assert not InterestRegistration.objects.exists()


def test_an_unknown_meeting_is_still_not_a_valid_choice(client):
    through_step_2(client)
    response = client.post(STEP3, {**GOOD_CONTACT, "info_meeting": "999999"})
    assert response.context["form"].errors["info_meeting"]
    assert not InterestRegistration.objects.exists()


@pytest.mark.parametrize("token", ["%00", "abc%00", "x" * 65, "a.b", "%C3%A6%C3%B8"])
def test_withdrawal_with_a_malformed_token_is_404_or_400(client, settings, token):
    client.raise_request_exception = False
    assert client.post(f"/grupper/trekk/{token}/").status_code in (400, 404)
    # The address itself refuses it, with or without the NUL-byte middleware.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "input_guard" not in m]
    unguarded = Client(raise_request_exception=False)
    assert unguarded.post(f"/grupper/trekk/{token}/").status_code == 404
    assert unguarded.get(f"/grupper/trekk/{token}/").status_code == 404


def test_withdrawal_link_still_works(client, make_registration):
    registration = make_registration()
    url = reverse("groups:withdraw", kwargs={"token": registration.withdraw_token})
    assert client.get(url).status_code == 200
