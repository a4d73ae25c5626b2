"""'Report a change to this listing': a public form that mails the organisation and the staff."""

import pytest
from django.apps import apps
from django.core import mail, serializers
from django.urls import reverse

from groups.models import Group
from rooms.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(make_group):
    return make_group(
        kind=Group.Kind.OPEN,
        name="AA Tirsdag",
        slug="aa-tirsdag",
        contact_email="kontakt@aa.example",
    )


def url(group):
    return reverse("groups:report_change", kwargs={"slug": group.slug})


def snapshot():
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


def test_every_open_meetings_page_links_to_the_form(client, listing, make_group):
    page = client.get(listing.get_absolute_url()).content.decode()
    assert f'href="{url(listing)}"' in page and "Meld fra om en endring" in page
    closed = make_group(slug="lukket", weekday=3)
    assert "meld-endring" not in client.get(closed.get_absolute_url()).content.decode()
    assert client.get(reverse("groups:report_change", kwargs={"slug": "lukket"})).status_code == 404


def test_the_feed_points_its_feedback_url_at_the_form(client, listing, settings):
    meeting = client.get(reverse("groups:meeting_guide")).json()[0]
    assert meeting["feedback_url"] == settings.SITE_URL + url(listing)


def test_a_report_mails_the_organisation_and_the_staff_and_stores_nothing(
    client, listing, settings, django_capture_on_commit_callbacks
):
    assert client.get(url(listing)).status_code == 200
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(listing),
            {
                "message": "Møtet er flyttet til onsdag.",
                "name": "Kari",
                "email": "kari@example.org",
            },
        )
    assert response.status_code == 302 and response["Location"] == listing.get_absolute_url()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kontakt@aa.example", settings.CENTRE_EMAIL]
    assert message.reply_to == ["kari@example.org"]
    assert message.subject == "Meldt endring: AA Tirsdag"
    assert (
        "Møtet er flyttet til onsdag." in message.body and "Kari <kari@example.org>" in message.body
    )
    assert snapshot() == before
    page = client.get(response["Location"]).content.decode()
    assert "Takk. Meldingen er sendt til Anonyme Alkoholikere Oslo og senteret." in page


def test_without_a_public_contact_the_organisations_own_email_gets_it(
    client, make_group, partner, settings, django_capture_on_commit_callbacks
):
    group = make_group(kind=Group.Kind.OPEN, slug="uten-kontakt")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(group), {"message": "Feil tid"})
    assert mail.outbox[0].to == [partner.email, settings.CENTRE_EMAIL]
    assert mail.outbox[0].reply_to == []
    assert "(ikke oppgitt navn)" in mail.outbox[0].body


def test_the_report_is_in_the_organisations_language_and_keeps_the_reply_to(
    client, listing, partner, settings, django_capture_on_commit_callbacks
):
    Organisation.objects.filter(pk=partner.pk).update(language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url(listing), {"message": "Moved to Wednesday", "email": "kari@example.org"})
    assert mail.outbox == []  # not before commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["kontakt@aa.example", settings.CENTRE_EMAIL]
    assert message.reply_to == ["kari@example.org"]
    assert message.subject == "Reported change: AA Tirsdag"
    assert "Moved to Wednesday" in message.body and "(no name given)" in message.body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": ""}, "Feltet er påkrevet."),
        ({"message": "   "}, "Feltet er påkrevet."),
        ({"message": "x" * 2001}, "2000 eller færre tegn"),
        ({"message": "Feil", "email": "ikke-en-adresse"}, "gyldig e-postadresse"),
        ({"message": "Feil", "name": "n" * 101}, "100 eller færre tegn"),
        ({"message": "Feil\x01tid"}, "usynlige kontrolltegn"),
        ({"message": "Feil", "name": "Kari\x1b[31m"}, "usynlige kontrolltegn"),
    ],
)
def test_bad_input_is_a_clear_error_and_sends_nothing(
    client, listing, data, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(listing), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert mail.outbox == []


def test_the_honeypot_sends_nothing(client, listing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(listing), {"message": "Kjøp billig", "website": "spam.example"})
    assert response.status_code == 200 and "Skjemaet ble ikke sendt" in response.content.decode()
    assert mail.outbox == []


def test_the_rate_limit_refuses_after_the_limit(
    client, listing, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert client.post(url(listing), {"message": "Feil"}).status_code == 302
        response = client.post(url(listing), {"message": "Feil"})
    assert response.status_code == 429 and response["Retry-After"]
    assert len(mail.outbox) == 2
    # A mistake is still answered with the form (the limit counts only valid messages).
    assert client.post(url(listing), {"message": ""}).status_code == 200
