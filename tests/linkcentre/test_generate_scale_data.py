"""generate_scale_data at a tiny scale: the counts it promises and the database's rules."""

import datetime as dt
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q, Sum

from groups.models import Group, InterestRegistration, Membership
from outreach.models import Brochure, ContactActivity, Distribution
from rooms.models import Booking, BookingSeries, Organisation, Room
from rooms.times import LOCAL_TZ

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    call_command("generate_scale_data", scale=0.1, stdout=None)


def test_counts_follow_the_scale(generated):
    # 0.1: 7 organisations, 6 rooms, 10 groups, 50 registrations, 100 outreach entries.
    assert Organisation.objects.filter(slug__startswith="skala-").count() == 7
    with_login = Organisation.objects.filter(slug__startswith="skala-", members__isnull=False)
    assert with_login.count() == 7
    assert Room.objects.filter(slug__startswith="skala-").count() == 6
    assert Group.objects.count() == 10
    assert BookingSeries.objects.count() == 10
    assert InterestRegistration.objects.count() == 50
    assert ContactActivity.objects.count() + Distribution.objects.count() == 100
    # Every series has all its weekly occurrences, on its weekday at its wall-clock time.
    for series in BookingSeries.objects.annotate(n=Count("bookings")):
        weeks = (series.last_date - series.first_date).days // 7 + 1
        assert series.n == weeks
    for booking in Booking.objects.select_related("series"):
        start = booking.start.astimezone(LOCAL_TZ)
        assert start.weekday() == booking.series.weekday
        assert start.time() == booking.series.start_time
        assert booking.series.first_date <= start.date() <= booking.series.last_date


def test_no_room_is_double_booked(generated):
    by_room = defaultdict(list)
    for start, end, room in Booking.objects.active().values_list("start", "end", "room"):
        by_room[room].append((start, end))
    for slots in by_room.values():
        slots.sort()
        for (_start, end), (next_start, _end) in zip(slots, slots[1:], strict=False):
            assert end <= next_start


def test_christmas_is_closed_and_its_bookings_cancelled(generated):
    christmas = [
        b
        for b in Booking.objects.all()
        if (d := b.start.astimezone(LOCAL_TZ).date()).month == 12 and 24 <= d.day <= 26
    ]
    assert christmas, "ten years of weekly series meet on some Christmas day"
    assert {b.status for b in christmas} == {Booking.Status.CANCELLED}


def test_groups_follow_their_series_and_the_group_rules(generated):
    today = dt.date.today()  # noqa: DTZ011 - a day either way does not change the statuses here
    for group in Group.objects.select_related("meeting_series"):
        series = group.meeting_series
        assert (group.organisation_id is None) == (group.kind == Group.Kind.CLOSED)
        if series.last_date < today - dt.timedelta(days=1):
            assert group.status == Group.Status.ENDED
    assert not Group.objects.annotate(
        active=Count("memberships", filter=Q(memberships__status="active"))
    ).filter(active__gt=8)
    placed = InterestRegistration.objects.filter(status=InterestRegistration.Status.PLACED)
    assert placed.count() == Membership.objects.active().count()


def test_stock_never_goes_negative(generated):
    assert Brochure.objects.exists()
    for brochure in Brochure.objects.annotate(total=Sum("movements__quantity")):
        assert brochure.total > 0


def test_a_second_run_is_refused(generated):
    with pytest.raises(CommandError, match="already"):
        call_command("generate_scale_data", scale=0.1, stdout=None)


@pytest.mark.parametrize("value", ["0", "-1", "abc", "5000"])
def test_a_bad_scale_is_refused(value):
    with pytest.raises(CommandError, match="--scale"):
        call_command("generate_scale_data", "--scale", value)
