import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from groups.models import Group, Membership, meeting_guide_types

pytestmark = pytest.mark.django_db


@pytest.fixture
def suite_language():
    """Messages are checked in the source language here; the pages' tests check Norwegian."""
    return "en"


def test_capacity_above_eight_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(kind="closed", name="Stor", slug="stor", languages=["nb"], capacity=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(kind="closed", name="Tom", slug="tom", languages=["nb"], capacity=0)


def test_capacity_above_eight_gives_a_clear_validation_message():
    group = Group(kind="closed", name="Stor", slug="stor", languages=["nb"], capacity=9)
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "between 1 and 8" in str(error.value)


def test_a_ninth_active_member_is_impossible_at_database_level(make_registration):
    group = Group.objects.create(kind="closed", name="Full", slug="full", languages=["nb"])
    people = [make_registration() for _ in range(9)]
    for seat, person in enumerate(people[:8], start=1):
        Membership.objects.create(registration=person, group=group, status="active", seat=seat)
    # A ninth seat number is outside 1–8 ...
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(registration=people[8], group=group, status="active", seat=9)
    # ... a taken seat cannot be shared ...
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(registration=people[8], group=group, status="active", seat=3)
    # ... and an active membership without a seat is refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(registration=people[8], group=group, status="active")
    assert group.memberships.active().count() == 8
    # Waiting is always possible.
    Membership.objects.create(
        registration=people[8], group=group, status="waitlisted", waitlist_position=1
    )


def test_registration_without_any_contact_is_refused_by_the_database():
    from groups.models import InterestRegistration

    with pytest.raises(IntegrityError), transaction.atomic():
        InterestRegistration.objects.create(
            first_name="Kari",
            is_adult=True,
            read_expectations=True,
            free_choice=True,
            consent_version="x",
            consented_at=timezone.now(),
        )


def test_meeting_guide_types_are_validated_against_the_official_codes(partner):
    group = Group(
        kind="open",
        name="AA",
        slug="aa",
        languages=["nb"],
        organisation=partner,
        meeting_guide_types=["O", "NOPE"],
    )
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "NOPE" in str(error.value)
    group.meeting_guide_types = ["O", "C"]
    with pytest.raises(ValidationError):
        group.full_clean()
    group.meeting_guide_types = ["O", "D", "B"]
    group.full_clean()
    assert {"O", "C", "X", "NO", "EN"} <= set(meeting_guide_types())


def test_open_group_needs_an_organisation_and_slug_must_not_shadow_a_page():
    group = Group(kind="open", name="X", slug="meld-interesse", languages=["nb"])
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert set(error.value.message_dict) == {"organisation", "slug"}


def test_description_follows_the_language_with_norwegian_fallback():
    group = Group(short_description_nb="Hei", short_description_en="Hello")
    with translation.override("en"):
        assert group.short_description == "Hello"
    with translation.override("nb"):
        assert group.short_description == "Hei"
    group.short_description_en = ""
    with translation.override("en"):
        assert group.short_description == "Hei"


def test_follow_up_defaults_to_six_weeks_after_start_up():
    import datetime as dt

    group = Group.objects.create(
        kind="closed",
        name="Ny",
        slug="ny",
        languages=["nb"],
        startup_meeting_on=dt.date(2027, 1, 5),
    )
    assert group.follow_up_on == dt.date(2027, 2, 16)
