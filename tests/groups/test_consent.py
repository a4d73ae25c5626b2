"""Consent is recorded with the exact text's version and the time; a new text is a new version."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from groups import personal_data
from groups.models import ConsentText, InfoMeeting, InterestRegistration

pytestmark = pytest.mark.django_db

STEP1 = reverse("groups:signup")
STEP2 = reverse("groups:signup_consent")
STEP3 = reverse("groups:signup_contact")


def test_the_version_is_a_short_hash_of_the_text_in_both_languages():
    texts = personal_data.consent_texts()
    assert set(texts) == {"nb", "en"}
    assert "Du kan trekke deg når som helst" in texts["nb"]
    assert "You can withdraw at any time" in texts["en"]
    # The ticked statements are part of what is agreed to.
    assert "I agree that the centre stores the details I give" in texts["en"]
    assert "<" not in texts["en"]  # plain text, as read
    version = personal_data.current_consent_version()
    assert len(version) == 12 and version == personal_data.current_consent_version()


def test_changing_the_text_is_a_new_version(settings):
    before = personal_data.current_consent_version()
    settings.GROUPS_RETENTION_DAYS = 200  # the text states the period
    assert personal_data.current_consent_version() != before
    settings.CENTRE_NAME = "Another centre"
    assert len({before, personal_data.current_consent_version()}) == 2


def test_registering_stores_the_version_the_time_and_the_text_once(make_registration):
    before = timezone.now()
    first = make_registration()
    make_registration()
    assert first.consent_version == personal_data.current_consent_version()
    assert before <= first.consented_at <= timezone.now()
    stored = ConsentText.objects.get()
    assert stored.version == first.consent_version
    assert stored.text_nb == personal_data.consent_texts()["nb"]
    assert stored.text_en == personal_data.consent_texts()["en"]


def test_a_consent_given_to_an_older_text_is_refused_and_nothing_saved(make_registration, settings):
    old_version = personal_data.current_consent_version()
    settings.GROUPS_RETENTION_DAYS = 200
    with pytest.raises(ValidationError) as error:
        make_registration(consent_version=old_version)
    assert error.value.code == "consent_outdated"
    assert not InterestRegistration.objects.exists()
    assert not ConsentText.objects.exists()


def test_the_sign_up_shows_the_text_it_records_and_the_info_meeting_gets_the_consent(
    client, room, settings
):
    start = timezone.now() + dt.timedelta(days=3)
    meeting = InfoMeeting.objects.create(
        starts_at=start, ends_at=start + dt.timedelta(hours=1), room=room
    )
    client.post(STEP1, {"read_expectations": "on"})
    page = client.get(STEP2).content.decode()
    version = personal_data.current_consent_version()
    assert version in page
    assert str(personal_data.consent_html("nb")) in page
    before = timezone.now()
    client.post(STEP2, {"consent": "on", "free_choice": "on"})
    client.post(
        STEP3,
        {
            "first_name": "Kari",
            "email": "kari@example.org",
            "phone": "",
            "is_adult": "on",
            "preferred_language": "nb",
            "info_meeting": meeting.pk,
        },
    )
    registration = InterestRegistration.objects.get()
    signup = registration.info_meeting_signups.get()
    assert registration.consent_version == signup.consent_version == version
    assert before <= signup.consented_at == registration.consented_at <= timezone.now()


def test_the_text_changed_between_step_2_and_3_asks_again(client, settings):
    client.post(STEP1, {"read_expectations": "on"})
    client.post(STEP2, {"consent": "on", "free_choice": "on"})
    settings.GROUPS_RETENTION_DAYS = 200
    response = client.post(
        STEP3,
        {
            "first_name": "Kari",
            "email": "kari@example.org",
            "is_adult": "on",
            "preferred_language": "nb",
        },
    )
    assert response.status_code == 302 and response.url == STEP2
    assert not InterestRegistration.objects.exists()
