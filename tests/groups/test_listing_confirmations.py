"""Fresh listings: last confirmed, the monthly email with its signed link, the 90-day flag."""

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from groups import listing_confirmations
from groups.models import Group
from groups.reports import dashboard_panels, stale_listings_count
from rooms.models import Organisation
from tests.groups.helpers import listing_series

pytestmark = pytest.mark.django_db
LIST = reverse("listings:list")


@pytest.fixture
def listings(make_group, partner):
    tuesday = make_group(kind=Group.Kind.OPEN, name="AA Tirsdag", slug="aa-tirsdag", weekday=1)
    friday = make_group(kind=Group.Kind.OPEN, name="AA Fredag", slug="aa-fredag", weekday=4)
    return tuesday, friday


def confirm_link(message):
    return re.search(r"http://\S+/rom/oppforinger/bekreft/(\S+)/", message.body)


def test_the_meeting_page_shows_when_the_listing_was_last_confirmed(client, listings):
    tuesday, _friday = listings
    Group.objects.filter(pk=tuesday.pk).update(last_confirmed=dt.date(2026, 3, 4))
    page = client.get(tuesday.get_absolute_url()).content.decode()
    assert 'Sist bekreftet <time datetime="2026-03-04">4. mars 2026</time>' in page


def test_the_monthly_email_lists_the_listings_with_one_link_to_confirm_them_all(
    client, listings, partner, django_capture_on_commit_callbacks
):
    tuesday, friday = listings
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_listing_confirmations", stdout=None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [partner.email]
    assert message.subject == "Stemmer møtene deres fortsatt? – LINK Oslo"
    assert "AA Tirsdag: tirsdag 18:00–20:00, Stua" in message.body
    assert "AA Fredag: fredag" in message.body
    assert "http://testserver" not in message.body and LIST in message.body  # the edit link
    link = confirm_link(message)
    assert link is not None
    url = reverse("listings:confirm_link", kwargs={"token": link.group(1)})
    # Opening the link (a mail scanner does) confirms nothing and needs no login.
    page = client.get(url)
    assert page.status_code == 200 and "AA Tirsdag" in page.content.decode()
    assert not Group.objects.filter(last_confirmed__isnull=False).exists()
    response = client.post(url)
    assert response.status_code == 200
    assert "Takk: de 2 oppføringene til Anonyme Alkoholikere Oslo" in response.content.decode()
    today = timezone.localdate()
    assert {g.last_confirmed for g in Group.objects.filter(pk__in=[tuesday.pk, friday.pk])} == {
        today
    }


def test_an_organisation_that_chose_english_is_asked_in_english(
    listings, partner, django_capture_on_commit_callbacks
):
    Organisation.objects.filter(pk=partner.pk).update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        listing_confirmations.send_confirmation_requests()
    [message] = mail.outbox
    assert message.subject == "Are your meetings still right? – LINK Oslo"
    assert message.body.startswith("Hello Anonyme Alkoholikere Oslo,")
    assert "AA Tirsdag: Tuesday 18:00–20:00, Stua" in message.body
    assert "tirsdag 18:00" not in message.body and confirm_link(message)


def test_the_command_sends_once_a_month(listings, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_confirmations.send_confirmation_requests(today=today) == 1
        assert listing_confirmations.send_confirmation_requests(today=today) == 0
    assert len(mail.outbox) == 1
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_confirmations.send_confirmation_requests(today=next_month) == 1
    assert len(mail.outbox) == 2


def test_no_email_for_ended_listings_inactive_organisations_or_closed_groups(
    make_group, partner, django_capture_on_commit_callbacks
):
    make_group(kind=Group.Kind.OPEN, slug="slutt", status=Group.Status.ENDED)
    make_group(kind=Group.Kind.CLOSED, slug="lukket", weekday=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_confirmations.send_confirmation_requests() == 0
    make_group(kind=Group.Kind.OPEN, slug="pause", status=Group.Status.PAUSED, weekday=3)
    Organisation.objects.filter(pk=partner.pk).update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_confirmations.send_confirmation_requests() == 0
    assert mail.outbox == []


def test_a_tampered_expired_or_foreign_link_confirms_nothing(client, listings, partner, settings):
    tuesday, _friday = listings
    token = listing_confirmations.confirmation_token(partner, [tuesday.pk])
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in [tampered, "nonsense", ""]:
        if not bad:
            continue
        response = client.post(reverse("listings:confirm_link", kwargs={"token": bad}))
        assert response.status_code == 404
        assert "Lenken er ikke gyldig" in response.content.decode()
    # A link signed for another purpose (another salt) is not a confirmation link.
    other = signing.dumps({"o": partner.pk, "g": [tuesday.pk]}, salt="something.else")
    assert client.post(reverse("listings:confirm_link", kwargs={"token": other})).status_code == 404
    settings.GROUPS_LISTING_CONFIRMATION_LINK_DAYS = 0
    response = client.post(reverse("listings:confirm_link", kwargs={"token": token}))
    assert response.status_code == 404 and "utløpt" in response.content.decode()
    assert not Group.objects.filter(last_confirmed__isnull=False).exists()


def test_a_link_confirms_only_the_organisations_own_listings(
    client, listings, partner, other_org, room
):
    tuesday, _friday = listings
    theirs = Group.objects.create(
        kind=Group.Kind.OPEN,
        name="NA Onsdag",
        slug="na-onsdag",
        organisation=other_org,
        languages=["nb"],
        status=Group.Status.RUNNING,
        meeting_series=listing_series(other_org, room, 2, "NA"),
    )
    token = listing_confirmations.confirmation_token(partner, [tuesday.pk, theirs.pk])
    client.post(reverse("listings:confirm_link", kwargs={"token": token}))
    assert Group.objects.get(pk=tuesday.pk).last_confirmed == timezone.localdate()
    assert Group.objects.get(pk=theirs.pk).last_confirmed is None


def test_editing_or_confirming_on_the_organisation_pages_sets_last_confirmed(
    partner_client, listings, other_org, room
):
    tuesday, friday = listings
    assert partner_client.get(reverse("listings:confirm", args=[tuesday.pk])).status_code == 405
    response = partner_client.post(reverse("listings:confirm", args=[tuesday.pk]))
    assert response.status_code == 302
    assert Group.objects.get(pk=tuesday.pk).last_confirmed == timezone.localdate()
    assert Group.objects.get(pk=friday.pk).last_confirmed is None
    partner_client.post(reverse("listings:confirm_all"))
    assert Group.objects.get(pk=friday.pk).last_confirmed == timezone.localdate()
    # Another organisation's listing: not found, and not confirmed.
    theirs = Group.objects.create(
        kind=Group.Kind.OPEN,
        name="NA",
        slug="na",
        organisation=other_org,
        languages=["nb"],
        status=Group.Status.RUNNING,
    )
    assert partner_client.post(reverse("listings:confirm", args=[theirs.pk])).status_code == 404
    assert Group.objects.get(pk=theirs.pk).last_confirmed is None


def test_saving_a_listing_confirms_it(partner_client, series):
    from tests.groups.helpers import listing_form

    partner_client.post(reverse("listings:create"), listing_form(series))
    assert Group.objects.get().last_confirmed == timezone.localdate()


def test_a_listing_unconfirmed_for_90_days_is_flagged_in_the_admin_and_dashboard(
    client, superuser, listings
):
    tuesday, friday = listings
    today = timezone.localdate()
    Group.objects.filter(pk=tuesday.pk).update(last_confirmed=today - dt.timedelta(days=91))
    Group.objects.filter(pk=friday.pk).update(last_confirmed=today - dt.timedelta(days=90))
    assert list(Group.objects.stale()) == [tuesday]
    assert stale_listings_count() == 1
    # Never confirmed: counted from the day it was created.
    Group.objects.filter(pk=friday.pk).update(
        last_confirmed=None, created_at=timezone.now() - dt.timedelta(days=120)
    )
    assert stale_listings_count() == 2
    client.force_login(superuser)
    changelist = reverse("admin:groups_group_changelist")
    page = client.get(changelist, {"freshness": "stale"}).content.decode()
    assert "AA Tirsdag" in page and "AA Fredag" in page and "foreldet" in page
    Group.objects.filter(pk=friday.pk).update(last_confirmed=today)
    page = client.get(changelist, {"freshness": "fresh"}).content.decode()
    assert "AA Fredag" in page and "AA Tirsdag" not in page
    row = next(
        row
        for panel in dashboard_panels(superuser)
        for row in panel["rows"]
        if row.get("url", "").endswith("?freshness=stale")
    )
    assert row["value"] == 1 and row["warning"]
    assert (
        "Oppføringer som ikke er bekreftet på 90 dager"
        in client.get(reverse("admin:index")).content.decode()
    )
