"""The sign-up's step 3 (with its information-meeting sign-up) under the public-form guards:
the honeypot, the rate limit (in memory and on Redis) and answers that never tell whether an
email address is already registered."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.utils import timezone

from groups.models import InfoMeeting, InfoMeetingSignup, InterestRegistration
from tests.groups.helpers import DONE, GOOD_CONTACT, STEP3, html, through_step_2

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def limit_of_two(request, settings):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    return request.param


@pytest.fixture
def info_meeting(room):
    starts = timezone.now() + dt.timedelta(days=5)
    return InfoMeeting.objects.create(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=1), room=room
    )


def send(client, **changes):
    through_step_2(client)
    return client.post(STEP3, {**GOOD_CONTACT, **changes})


def test_the_honeypot_is_hidden_from_sight_keyboard_autofill_and_screen_readers(client):
    through_step_2(client)
    page = html(client.get(STEP3))
    wrapper = re.search(
        r'<div id="div_id_website" class="([^"]*)">(.*?)</div>\s*</div>', page, re.S
    )
    assert wrapper and "form-honeypot" in wrapper.group(1)
    inner = wrapper.group(2)
    assert 'aria-hidden="true"' in inner
    assert '<label for="id_website">La dette feltet stå tomt</label>' in inner
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", inner).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field and "value=" not in field
    # Hidden by the site's stylesheet, not by an inline style (the CSP forbids those).
    assert "style=" not in wrapper.group(0)
    css = Path(finders.find("css/site.css")).read_text()
    assert ".form-honeypot { display: none !important; }" in css
    # After every real field, so nothing comes after it in the tab order of the form.
    assert page.index('name="website"') > page.index('name="message"')


@pytest.mark.parametrize(
    "honeypot", ["http://spam.example", "x", "<script>alert(1)</script>", "x" * 10_000]
)
def test_a_filled_honeypot_saves_nothing_and_says_so_kindly(client, honeypot, info_meeting):
    response = send(client, website=honeypot, info_meeting=info_meeting.pk)
    assert response.status_code == 200
    page = html(response)
    assert "Skjemaet ble ikke sendt" in page and "Ingenting er lagret" in page
    assert not InterestRegistration.objects.exists()
    assert not InfoMeetingSignup.objects.exists()
    assert mail.outbox == []
    # What the person typed is kept, what was in the honeypot is not sent back.
    assert 'value="Kari"' in page
    assert "spam.example" not in page and "alert(1)" not in page


def test_a_second_empty_honeypot_value_does_not_cancel_a_filled_one(client):
    through_step_2(client)
    response = client.post(STEP3, {**GOOD_CONTACT, "website": ["http://spam.example", ""]})
    assert response.status_code == 200
    assert not InterestRegistration.objects.exists()


def test_a_person_caught_by_autofill_can_send_again(client, django_capture_on_commit_callbacks):
    send(client, website="Kari Nordmann")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(STEP3, GOOD_CONTACT)
    assert response.status_code == 302 and response.url == DONE
    assert InterestRegistration.objects.count() == 1


def test_the_rate_limit_refuses_with_429_in_the_site_layout_and_saves_nothing(
    client, limit_of_two, info_meeting
):
    for _ in range(2):
        assert send(client).url == DONE
    response = send(client, info_meeting=info_meeting.pk)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = html(response)
    assert '<html lang="nb">' in page and 'class="site-header' in page
    assert "For mange skjemaer" in page and "ble ikke lagret" in page
    assert "116 123" in page and "113" in page
    assert InterestRegistration.objects.count() == 2
    assert not InfoMeetingSignup.objects.exists()


def test_the_429_page_is_english_under_en(client, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 0
    client.post("/en/grupper/meld-interesse/", {"read_expectations": "on"})
    client.post("/en/grupper/meld-interesse/samtykke/", {"consent": "on", "free_choice": "on"})
    response = client.post("/en/grupper/meld-interesse/kontakt/", GOOD_CONTACT)
    assert response.status_code == 429
    page = html(response)
    assert '<html lang="en">' in page and "Too many forms sent" in page
    assert "this one was not saved" in page


def test_mistakes_do_not_use_up_the_limit(client, limit_of_two):
    through_step_2(client)
    for _ in range(5):
        response = client.post(STEP3, {**GOOD_CONTACT, "email": "not-an-email"})
        assert response.status_code == 200
    assert send(client).url == DONE
    assert send(client).url == DONE
    assert send(client).status_code == 429


def test_others_are_not_limited_by_one_address(client, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    through_step_2(client)
    assert client.post(STEP3, GOOD_CONTACT, REMOTE_ADDR="203.0.113.1").url == DONE
    through_step_2(client)
    assert client.post(STEP3, GOOD_CONTACT, REMOTE_ADDR="203.0.113.1").status_code == 429
    through_step_2(client)
    assert client.post(STEP3, GOOD_CONTACT, REMOTE_ADDR="203.0.113.2").url == DONE


def test_signing_up_again_with_a_registered_email_answers_exactly_the_same(
    client, django_capture_on_commit_callbacks
):
    """Nobody learns from the site whether an address is registered: the second sign-up with
    the same email is stored and answered like the first (the confirmation goes to the address
    itself, where only its owner reads it)."""
    answers = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = send(client)
        done = html(client.get(DONE))
        tokens = InterestRegistration.objects.values_list("withdraw_token", flat=True)
        for token in tokens:
            done = done.replace(token, "<token>")
        answers.append((response.status_code, response.url, done))
    assert answers[0] == answers[1]
    assert InterestRegistration.objects.filter(email=GOOD_CONTACT["email"]).count() == 2
    assert [message.subject for message in mail.outbox][0] == mail.outbox[1].subject
