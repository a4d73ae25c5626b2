"""``manage.py purge_personal_data``: what goes, what stays, dry run, and a log without names."""

import datetime as dt
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from groups import services
from groups.models import (
    ErasedRegistrationCount,
    InfoMeeting,
    InfoMeetingSignup,
    InterestRegistration,
    Membership,
)
from outreach.models import ContactActivity, Place, Professional

pytestmark = pytest.mark.django_db

NAMES = ["Stale Sara", "Left Lars", "Old Olga", "Doctor Dag"]


@pytest.fixture
def world(make_group, make_registration, room, settings):
    """One of each kind past its retention period, and one of each that must stay."""
    settings.GROUPS_RETENTION_DAYS = 30
    settings.GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS = 10
    settings.GROUPS_INFO_SIGNUP_RETENTION_DAYS = 5
    settings.OUTREACH_PROFESSIONAL_RETENTION_DAYS = 365
    now = timezone.now()
    group = make_group(name="Tirsdagsgruppa", slug="tirsdagsgruppa")
    other_group = make_group(name="Torsdagsgruppa", slug="torsdagsgruppa", weekday=3)

    stale = make_registration(first_name="Stale Sara")
    fresh = make_registration(first_name="Fresh Frida")
    in_group = make_registration(first_name="Member Mona")
    services.place_in_group(registration=in_group, group=group)
    # Left one group long ago, still in another: the old membership goes, the person stays.
    left = make_registration(first_name="Left Lars")
    old_membership = services.leave_group(
        membership=services.place_in_group(registration=left, group=group)
    )
    services.place_in_group(registration=left, group=other_group)
    Membership.objects.filter(pk=old_membership.pk).update(left_on=now.date() - dt.timedelta(11))
    recently_left = services.leave_group(
        membership=services.place_in_group(registration=fresh, group=other_group)
    )
    InterestRegistration.objects.filter(pk__in=[stale.pk, in_group.pk]).update(
        updated_at=now - dt.timedelta(days=31)
    )

    past = InfoMeeting.objects.create(
        starts_at=now - dt.timedelta(days=7),
        ends_at=now - dt.timedelta(days=7, hours=-1),
        room=room,
    )
    upcoming = InfoMeeting.objects.create(
        starts_at=now + dt.timedelta(days=7), ends_at=now + dt.timedelta(days=7, hours=1), room=room
    )
    olga = make_registration(first_name="Old Olga", info_meeting=upcoming)
    # Signed up when it was still ahead; the meeting has since been held.
    InfoMeetingSignup.objects.filter(registration=olga).update(info_meeting=past)
    services.sign_up_for_info_meeting(registration=fresh, info_meeting=upcoming)

    place = Place.objects.create(name="Legesenteret", kind="gp", district="gamle-oslo")
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    forgotten = Professional.objects.create(
        name="Doctor Dag",
        role="GP",
        workplace=place,
        email="dag@example.org",
        phone="91234567",
        notes="Likes brochures",
        added_on=long_ago,
    )
    met = Professional.objects.create(name="Nurse Nina", role="Nurse", added_on=long_ago)
    activity = ContactActivity.objects.create(kind="visit", topic="Groups", place=place)
    activity.professionals.add(met)
    new = Professional.objects.create(name="New Nils", role="NAV adviser")
    return {
        "stale": stale,
        "fresh": fresh,
        "in_group": in_group,
        "left": left,
        "old_membership": old_membership,
        "recently_left": recently_left,
        "olga": olga,
        "forgotten": forgotten,
        "met": met,
        "new": new,
    }


def run(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def test_what_goes_and_what_stays(world, caplog):
    with caplog.at_level(logging.INFO, logger="linkcentre.purge"):
        output = run()
    assert (
        "Erased registrations: 1, ended memberships: 1, information-meeting sign-ups: 1, "
        "professional contacts: 1." in output
    )
    remaining = set(InterestRegistration.objects.values_list("first_name", flat=True))
    assert remaining == {"Fresh Frida", "Member Mona", "Left Lars", "Old Olga"}
    assert not Membership.objects.filter(pk=world["old_membership"].pk).exists()
    assert Membership.objects.filter(pk=world["recently_left"].pk).exists()
    assert world["left"].memberships.current().count() == 1
    # Olga stays (registered recently) but her sign-up for the held meeting goes.
    assert not world["olga"].info_meeting_signups.exists()
    assert world["fresh"].info_meeting_signups.count() == 1
    # The professional nobody has met for a year loses name and contact details, not the row.
    forgotten = Professional.objects.get(pk=world["forgotten"].pk)
    assert forgotten.name == f"#{forgotten.pk}"
    assert (forgotten.email, forgotten.phone, forgotten.notes, forgotten.workplace) == (
        "",
        "",
        "",
        None,
    )
    assert forgotten.role == "GP" and not forgotten.active and forgotten.anonymised_on
    assert set(Professional.objects.exclude(pk=forgotten.pk).values_list("name", flat=True)) == {
        "Nurse Nina",
        "New Nils",
    }
    # Statistics keep a count, no person.
    assert ErasedRegistrationCount.objects.get().reason == "expired"
    # The log has counts, never names.
    log = caplog.text
    assert "registrations=1 memberships=1 info_meeting_signups=1 professionals=1" in log
    for name in [*NAMES, "dag@example.org"]:
        assert name not in log and name not in output
    # A second run finds nothing more.
    assert (
        "registrations: 0, ended memberships: 0, information-meeting sign-ups: 0, "
        "professional contacts: 0" in run()
    )


def test_dry_run_counts_and_changes_nothing(world, caplog):
    before = {
        model: list(model.objects.order_by("pk").values())
        for model in [InterestRegistration, Membership, InfoMeetingSignup, Professional]
    }
    with caplog.at_level(logging.INFO, logger="linkcentre.purge"):
        output = run("--dry-run")
    assert "Would erase registrations: 1, ended memberships: 1" in output
    assert "(dry run) registrations=1" in caplog.text
    after = {model: list(model.objects.order_by("pk").values()) for model in before}
    assert after == before
    assert not ErasedRegistrationCount.objects.exists()


def test_the_old_command_is_a_deprecated_alias(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("purge_registrations", stdout=out, stderr=err)
    assert "deprecated" in err.getvalue()
    assert "Erased registrations: 1" in out.getvalue()
    assert not InterestRegistration.objects.filter(first_name="Stale Sara").exists()


def test_withdrawn_rows_from_before_are_erased(make_registration):
    """Registrations withdrawn before withdrawal erased at once still held the person's data."""
    legacy = make_registration()
    InterestRegistration.objects.filter(pk=legacy.pk).update(status="withdrawn")
    assert list(InterestRegistration.objects.past_retention()) == [legacy]
    assert services.purge_personal_data()["registrations"] == 1
    assert not InterestRegistration.objects.exists()
    assert ErasedRegistrationCount.objects.get().count == 1
