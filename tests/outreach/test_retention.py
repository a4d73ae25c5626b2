"""Professionals' names and contact details go when nobody has been in touch for long."""

import datetime as dt

import pytest
from django.utils import timezone

from outreach import services
from outreach.models import ContactActivity, Place, Professional

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return Place.objects.create(name="Legesenteret", kind="gp", district="sagene")


def test_past_retention_counts_from_the_last_contact_or_when_added(place, settings):
    settings.OUTREACH_PROFESSIONAL_RETENTION_DAYS = 100
    now = timezone.now()
    old = timezone.localdate() - dt.timedelta(days=101)
    never_met = Professional.objects.create(name="A", role="GP", workplace=place, added_on=old)
    met_long_ago = Professional.objects.create(name="B", role="GP", added_on=old)
    met_lately = Professional.objects.create(name="C", role="GP", added_on=old)
    Professional.objects.create(name="D", role="GP")  # added today
    long_ago = ContactActivity.objects.create(
        kind="phone", topic="x", occurred_at=now - dt.timedelta(days=150)
    )
    long_ago.professionals.add(met_long_ago, met_lately)
    lately = ContactActivity.objects.create(kind="phone", topic="y", occurred_at=now)
    lately.professionals.add(met_lately)
    assert set(Professional.objects.past_retention(now)) == {never_met, met_long_ago}


def test_anonymising_keeps_the_row_for_the_reports_and_is_not_repeated(place, settings):
    settings.OUTREACH_PROFESSIONAL_RETENTION_DAYS = 100
    old = timezone.localdate() - dt.timedelta(days=101)
    professional = Professional.objects.create(
        name="Dag", role="GP", workplace=place, email="dag@example.org", phone="1", added_on=old
    )
    activity = ContactActivity.objects.create(
        kind="visit", topic="x", occurred_at=timezone.now() - dt.timedelta(days=200)
    )
    activity.professionals.add(professional)
    assert services.purge_professional_contacts(dry_run=True) == {"professionals": 1}
    assert Professional.objects.get().name == "Dag"
    assert services.purge_professional_contacts() == {"professionals": 1}
    professional.refresh_from_db()
    assert professional.name == f"#{professional.pk}" and professional.email == ""
    assert professional.anonymised_on == timezone.localdate()
    assert activity.professionals.count() == 1
    assert services.purge_professional_contacts() == {"professionals": 0}
