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
