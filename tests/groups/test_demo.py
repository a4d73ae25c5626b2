import pytest
from django.core.management import call_command

from groups.models import ContactMeeting, Group, InfoMeeting, InterestRegistration, Membership
from rooms.models import Booking, BookingSeries

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in [
            Group,
            InfoMeeting,
            ContactMeeting,
            InterestRegistration,
            Membership,
            BookingSeries,
            Booking,
        ]
    }


def test_demo_creates_every_kind_of_group_and_is_idempotent():
    call_command("demo", stdout=None)
    first = counts()
    call_command("demo", stdout=None)
    assert counts() == first
    closed_statuses = set(Group.objects.closed().values_list("status", flat=True))
    assert closed_statuses == {"forming", "running", "paused", "ended"}
    organisations = set(Group.objects.open().values_list("organisation__slug", flat=True))
    assert {"aa-oslo", "na-oslo", "al-anon-oslo"} <= organisations
    assert all(group.meeting_guide_types for group in Group.objects.open())
    assert Group.objects.open().filter(meeting_series__isnull=True).count() == 0
    assert first["InterestRegistration"] >= 10
    assert Membership.objects.filter(status="waitlisted").exists()
    full = Group.objects.with_member_counts().get(slug="tirsdagsgruppa")
    assert full.active_count == 8
    # The coming meetings; the demo's history (groups/demo_history.py) adds past ones.
    assert InfoMeeting.objects.upcoming().count() == 3
    assert ContactMeeting.objects.upcoming().get().meeting_series.bookings.active().count() == 1


def test_demo_gives_every_partner_with_bookings_a_public_meeting(client):
    from django.conf import settings
    from django.urls import reverse

    from groups.models import Attendance
    from rooms.models import Organisation

    call_command("demo", stdout=None)
    partners = (
        Organisation.objects.filter(series__isnull=False)
        .exclude(slug=settings.GROUPS_CENTRE_SLUG)
        .distinct()
    )
    assert partners.count() >= 7
    listed = Group.objects.listed().open()
    for partner in partners:
        assert listed.filter(organisation=partner).exists(), partner.slug
    assert listed.filter(attendance=Attendance.HYBRID).exists()
    assert listed.filter(attendance=Attendance.ONLINE).exists()
    # The Tuesday-evening search finds the Tuesday-evening partner meetings.
    response = client.get(
        reverse("groups:list"), {"type": "apen", "dag": "tirsdag", "tid": "kveld"}
    )
    names = {group.name for group in response.context["groups"]}
    assert {"AA Tirsdagsmøtet", "NA Tirsdagsmøtet", "OA Tirsdagsmøtet"} <= names
    # Hybrid and online meetings are in the feed with their conference fields.
    feed = {m["slug"]: m for m in client.get(reverse("groups:meeting_guide")).json()}
    online = [m for m in feed.values() if "conference_url" in m]
    assert len(online) >= 2 and all(m["conference_url"].startswith("https://") for m in online)
    # No paused or forming group lists dates.
    for group in Group.objects.listed().exclude(status="running"):
        assert client.get(group.get_absolute_url()).context["coming_dates"] == []
