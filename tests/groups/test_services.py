import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups import services
from groups.models import (
    Group,
    InfoMeeting,
    InterestRegistration,
    Membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def suite_language():
    """Messages are checked in the source language here; the pages' tests check Norwegian."""
    return "en"


@pytest.fixture
def group(make_group):
    return make_group(name="Tirsdagsgruppa", slug="tirsdagsgruppa")


def test_placing_gives_the_lowest_free_seat_then_the_waiting_list(group, make_registration):
    people = [make_registration() for _ in range(10)]
    memberships = [services.place_in_group(registration=p, group=group) for p in people]
    assert [m.seat for m in memberships[:8]] == list(range(1, 9))
    assert [m.status for m in memberships[8:]] == ["waitlisted", "waitlisted"]
    assert [m.waitlist_position for m in memberships[8:]] == [1, 2]
    people[0].refresh_from_db()
    people[9].refresh_from_db()
    assert people[0].status == "placed"
    assert people[9].status == "contacted"
    # A seat freed in the middle is given out first.
    services.leave_group(membership=memberships[2])
    promoted = services.promote_from_waitlist(group=group)
    assert promoted.registration == people[8]
    assert promoted.seat == 3
    assert group.memberships.active().count() == 8


def test_placing_respects_a_smaller_capacity(make_group, make_registration):
    group = make_group(capacity=5)
    memberships = [
        services.place_in_group(registration=make_registration(), group=group) for _ in range(6)
    ]
    assert [m.status for m in memberships].count("active") == 5
    assert memberships[-1].status == "waitlisted"


def test_placing_twice_or_in_an_open_group_is_refused(group, make_group, make_registration):
    person = make_registration()
    services.place_in_group(registration=person, group=group)
    with pytest.raises(ValidationError, match="already in or waiting"):
        services.place_in_group(registration=person, group=group)
    open_group = make_group(kind=Group.Kind.OPEN, weekday=3)
    with pytest.raises(ValidationError, match="anyone may come"):
        services.place_in_group(registration=person, group=open_group)


def test_explicit_waitlist_even_with_free_seats(group, make_registration):
    membership = services.place_in_group(
        registration=make_registration(), group=group, waitlist=True
    )
    assert membership.status == "waitlisted"
    assert membership.seat is None


def test_promote_needs_someone_waiting_and_a_free_seat(group, make_registration):
    with pytest.raises(ValidationError, match="Nobody is waiting"):
        services.promote_from_waitlist(group=group)
    for _ in range(9):
        services.place_in_group(registration=make_registration(), group=group)
    with pytest.raises(ValidationError, match="is full"):
        services.promote_from_waitlist(group=group)


def test_erase_deletes_everything_about_the_person(group, make_registration):
    person = make_registration()
    services.place_in_group(registration=person, group=group)
    services.erase_registration(registration=person)
    assert not InterestRegistration.objects.exists()
    assert not Membership.objects.exists()


def test_info_meeting_places_are_respected(room, make_registration):
    meeting = InfoMeeting.objects.create(
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=1),
        room=room,
        places=1,
    )
    make_registration(info_meeting=meeting)
    with pytest.raises(ValidationError, match="full"):
        make_registration(info_meeting=meeting)
    # Nothing half-saved: the second registration was rolled back with its sign-up.
    assert InterestRegistration.objects.count() == 1


def test_register_interest_refuses_an_outdated_consent_version(make_registration):
    with pytest.raises(ValidationError, match="consent text has changed"):
        make_registration(consent_version="1999-1")
    assert not InterestRegistration.objects.exists()


def test_an_information_meeting_books_its_room(room, opening_hours, settings):
    from groups.services import cancel_centre_meeting, schedule_info_meeting
    from tests.dates import weekday_weeks_ahead

    day = weekday_weeks_ahead(0)
    meeting = schedule_info_meeting(
        room=room, day=day, start_time=dt.time(16), end_time=dt.time(17, 30), language="en"
    )
    booking = meeting.meeting_series.bookings.get()
    assert timezone.localtime(booking.start).time() == dt.time(16)
    assert booking.organisation.slug == settings.GROUPS_CENTRE_SLUG
    with pytest.raises(ValidationError, match="cannot be booked then"):
        schedule_info_meeting(room=room, day=day, start_time=dt.time(17), end_time=dt.time(18))
    assert InfoMeeting.objects.count() == 1
    cancel_centre_meeting(meeting=meeting)
    assert not InfoMeeting.objects.exists()
    schedule_info_meeting(room=room, day=day, start_time=dt.time(17), end_time=dt.time(18))


def test_register_interest_validates_preferences(make_registration):
    with pytest.raises(ValidationError, match="0 \\(Monday\\) to 6"):
        make_registration(preferred_weekdays=[9])
    with pytest.raises(ValidationError, match="Unknown time of day"):
        make_registration(preferred_times=["midnight"])
    assert not InterestRegistration.objects.exists()
