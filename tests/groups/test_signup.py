import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups.models import InfoMeeting, InterestRegistration
from groups.personal_data import current_consent_version
from tests.groups.helpers import DONE, GOOD_CONTACT, STEP1, STEP2, STEP3, html, through_step_2

pytestmark = pytest.mark.django_db


def test_steps_have_their_own_urls_and_start_unticked(client):
    page = html(client.get(STEP1))
    assert 'name="read_expectations"' in page
    assert "checked" not in page.split('name="read_expectations"')[1].split(">")[0]
    assert "confidentiality" in page.lower() or "taushet" in page.lower()
    client.post(STEP1, {"read_expectations": "on"})
    page = html(client.get(STEP2))
    assert 'name="consent"' in page and 'name="free_choice"' in page
    assert " checked" not in page.split("<form")[1]


def test_a_good_sign_up_stores_exactly_the_fields_with_consent_version_and_time(
    client, settings, django_capture_on_commit_callbacks
):
    before = timezone.now()
    through_step_2(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(STEP3, GOOD_CONTACT)
    assert response.status_code == 302 and response.url == DONE
    registration = InterestRegistration.objects.get()
    assert registration.first_name == "Kari"
    assert registration.email == "kari@example.org"
    assert registration.phone == ""
    assert registration.is_adult and registration.read_expectations and registration.free_choice
    assert registration.age_band == "30-44"
    assert registration.preferred_weekdays == [1, 3]
    assert registration.preferred_times == ["evening"]
    assert registration.preferred_language == "nb"
    assert registration.preferred_group is None
    assert registration.message == "Jeg kan ikke i uke 12."
    assert registration.consent_version == current_consent_version()
    assert before <= registration.consented_at <= timezone.now()
    assert registration.status == "new"
    # Exactly the fields of the issue, plus status and bookkeeping.
    stored = {f.name for f in InterestRegistration._meta.concrete_fields}
    assert stored == {
        "id",
        "first_name",
        "email",
        "phone",
        "is_adult",
        "age_band",
        "preferred_weekdays",
        "preferred_times",
        "preferred_language",
        "preferred_group",
        "message",
        "consent_version",
        "consented_at",
        "read_expectations",
        "free_choice",
        "status",
        "withdraw_token",
        "created_at",
        "updated_at",
    }
    # Confirmation page and email with the withdraw link.
    page = html(client.get(DONE))
    assert registration.get_withdraw_url() in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kari@example.org"]
    assert registration.withdraw_token in mail.outbox[0].body
    # The wizard state is gone: a second post cannot register again.
    client.post(STEP3, GOOD_CONTACT)
    assert InterestRegistration.objects.count() == 1


def test_posting_straight_to_the_last_step_is_refused_and_saves_nothing(client):
    response = client.post(STEP3, GOOD_CONTACT, follow=True)
    assert response.redirect_chain[0] == (STEP1, 302)
    assert "Begynn med steg 1" in html(response)
    assert not InterestRegistration.objects.exists()
    # Step 1 done but step 2 skipped.
    client.post(STEP1, {"read_expectations": "on"})
    response = client.post(STEP3, GOOD_CONTACT, follow=True)
    assert response.redirect_chain[0] == (STEP2, 302)
    assert "Fullfør steg 2 først" in html(response)
    assert not InterestRegistration.objects.exists()


def test_step_1_unticked_gives_a_clear_message(client):
    response = client.post(STEP1, {})
    assert response.status_code == 200
    assert "bekrefte at du har lest hva du kan forvente" in html(response)
    assert client.get(STEP2).status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        ({"free_choice": "on"}, "samtykke til at vi lagrer opplysningene dine"),
        ({"consent": "on"}, "av egen fri vilje"),
    ],
)
def test_step_2_unticked_consent_or_free_choice_gives_a_clear_message(client, data, message):
    client.post(STEP1, {"read_expectations": "on"})
    response = client.post(STEP2, data)
    assert response.status_code == 200
    assert message in html(response)
    assert client.get(STEP3).status_code == 302


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"email": "", "phone": ""}, "e-postadresse eller et telefonnummer"),
        ({"is_adult": ""}, "Bekreft at du er 18 år eller eldre"),
        ({"first_name": ""}, "Skriv fornavnet ditt eller et kallenavn"),
        ({"email": "not-an-email"}, "Sjekk e-postadressen"),
        ({"email": "", "phone": "12 34"}, "norsk telefonnummer har 8 sifre"),
        ({"email": "", "phone": "ring meg"}, "bare med sifre"),
        ({"message": "x" * 501}, "høyst 500 tegn (den har 501 nå)"),
        ({"first_name": "<script>alert(1)</script>"}, "Skriv vanlig tekst"),
        ({"message": 'Hei <a href="https://spam.example">klikk</a>'}, "Skriv vanlig tekst"),
        ({"phone": "<b>99</b>"}, "Skriv vanlig tekst"),
    ],
)
def test_step_3_bad_input_gives_a_clear_message_and_saves_nothing(client, changes, message):
    through_step_2(client)
    data = {**GOOD_CONTACT, **changes}
    data = {key: value for key, value in data.items() if value != ""}
    response = client.post(STEP3, data)
    assert response.status_code == 200
    assert message in html(response).replace("&#x27;", "'")
    assert 'class="alert alert-danger error-summary"' in html(response)
    assert not InterestRegistration.objects.exists()


def test_phone_only_is_fine_and_normalised(client):
    through_step_2(client)
    response = client.post(STEP3, {**GOOD_CONTACT, "email": "", "phone": "+47 912 34 567"})
    assert response.status_code == 302
    assert InterestRegistration.objects.get().phone == "+4791234567"


def test_plain_text_with_angle_brackets_is_stored_verbatim_and_escaped_on_output(
    client, admin_client
):
    through_step_2(client)
    text = 'Tom & "Jerry" <3 > 2'
    client.post(STEP3, {**GOOD_CONTACT, "message": text})
    registration = InterestRegistration.objects.get()
    assert registration.message == text
    page = html(
        admin_client.get(
            reverse("admin:groups_interestregistration_change", args=[registration.pk])
        )
    )
    assert "&lt;3 &gt; 2" in page
    assert "<3 > 2" not in page


def test_group_preselected_from_its_page_and_info_meeting_sign_up(client, make_group, room):
    group = make_group(name="Torsdagsgruppa", slug="torsdagsgruppa", status="forming")
    meeting = InfoMeeting.objects.create(
        starts_at=timezone.now() + dt.timedelta(days=5),
        ends_at=timezone.now() + dt.timedelta(days=5, hours=1),
        room=room,
    )
    page = html(client.get(reverse("groups:signup_for_group", args=[group.slug])))
    assert "Torsdagsgruppa" in page
    client.post(STEP1, {"read_expectations": "on"})
    client.post(STEP2, {"consent": "on", "free_choice": "on"})
    page = html(client.get(STEP3))
    assert f'<option value="{group.slug}" selected>' in page
    client.post(STEP3, {**GOOD_CONTACT, "preferred_group": group.slug, "info_meeting": meeting.pk})
    registration = InterestRegistration.objects.get()
    assert registration.preferred_group == group
    assert registration.info_meeting_signups.get().info_meeting == meeting


def test_no_field_lets_someone_register_another_person(client):
    through_step_2(client)
    page = html(client.get(STEP3)).lower()
    for phrase in ["on behalf", "på vegne av", "pasient", "henvis", "meldt på av"]:
        assert phrase not in page
    assert "fornavnet ditt" in page
    helpers = html(client.get(reverse("groups:helpers")))
    assert "/for-fagfolk/" in helpers
