"""What the large change lists keep between writes (linkcentre/admin_kept.py): the choices their
relation filters offer, the count of the whole table and its first and last date, under the
data's version. Each write shows on the next page; nothing is kept without a shared cache, or
of a table no write moves the version for."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import Group
from linkcentre import admin_kept
from rooms import times
from rooms.models import Booking, Organisation
from tests import factories

pytestmark = pytest.mark.django_db

BOOKINGS = reverse("admin:rooms_booking_changelist")
KEPT_READS = {
    "room choices": re.compile(r'^SELECT .* FROM "rooms_room"'),
    "organisation choices": re.compile(r'^SELECT .* FROM "rooms_organisation"'),
    "count": re.compile(r"^SELECT COUNT\(\*\)|reltuples"),
    "dates": re.compile(r'AS "first"'),
}


@pytest.fixture
def bookings(opening_hours):
    room = factories.RoomFactory(name="Rom Fjord")
    organisation = factories.OrganisationFactory(name="Lag Elv")
    series = factories.BookingSeriesFactory(room=room, organisation=organisation)
    assert series.bookings.count() == 4
    # A filter with one choice is not shown.
    factories.RoomFactory(name="Rom Bre")
    factories.OrganisationFactory(name="Lag Fjell")
    return room, organisation


def reads(client, url=BOOKINGS, data=None):
    """The page, and which of the kept reads its request asked the database for."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    asked = {
        name
        for name, pattern in KEPT_READS.items()
        for query in queries.captured_queries
        if pattern.search(query["sql"])
    }
    return response.content.decode(), asked


def test_the_second_page_reads_none_of_them(admin_client, bookings, rooms_cache_on):
    first, asked = reads(admin_client)
    assert asked == set(KEPT_READS)
    second, asked = reads(admin_client)
    assert asked == set()
    assert "Lag Elv" in filters(second) and "Rom Fjord" in filters(second)
    assert re.search(r"\b4 (bookings|bookinger)\b", second)
    assert filters(second) == filters(first)


def test_each_write_to_a_rooms_table_shows_on_the_next_page(
    admin_client, bookings, rooms_cache_on, django_capture_on_commit_callbacks
):
    room, organisation = bookings
    reads(admin_client)

    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=organisation.pk).update(name="Lag Bekk")
    page, asked = reads(admin_client)
    assert "Lag Bekk" in filters(page) and "Lag Elv" not in filters(page)
    assert asked == set(KEPT_READS)

    with django_capture_on_commit_callbacks(execute=True):
        factories.RoomFactory(name="Rom Dal")
        next_year = times.today_local().year + 1
        factories.BookingFactory(
            room=room, organisation=organisation, date=dt.date(next_year, 1, 12)
        )
    page, _asked = reads(admin_client)
    assert "Rom Dal" in filters(page)
    assert Booking.objects.count() == 5
    assert re.search(r"\b5 (bookings|bookinger)\b", page)
    assert f"?start__year={next_year}" in page


def test_a_filtered_page_counts_its_rows_each_time(admin_client, bookings, rooms_cache_on):
    room, _organisation = bookings
    query = {"room__id__exact": room.pk}
    reads(admin_client, data=query)
    _page, asked = reads(admin_client, data=query)
    # The choices are the same for any filter; the rows found, and their dates, are not.
    assert asked == {"count", "dates"}


def test_nothing_is_kept_without_a_shared_cache(admin_client, bookings, rooms_cache_on, settings):
    settings.ROOMS_SHARED_CACHE = False
    reads(admin_client)
    _page, asked = reads(admin_client)
    assert asked == set(KEPT_READS)


@pytest.fixture
def registrations(db):
    group = factories.GroupFactory(name="Gruppe Sol")
    factories.GroupFactory(name="Gruppe Regn")  # no one prefers it: not a choice
    factories.InterestRegistrationFactory(preferred_group=group)
    factories.InterestRegistrationFactory(preferred_group=None)
    return group


REGISTRATIONS = reverse("admin:groups_interestregistration_changelist")
GROUP_CHOICES = re.compile(r'FROM "groups_group" WHERE EXISTS')


def test_the_registrations_list_keeps_its_groups_until_one_is_written(
    admin_client, registrations, rooms_cache_on, django_capture_on_commit_callbacks
):
    def group_reads():
        with CaptureQueriesContext(connection) as queries:
            page = admin_client.get(REGISTRATIONS).content.decode()
        return filters(page), sum(bool(GROUP_CHOICES.search(q["sql"])) for q in queries)

    first, asked = group_reads()
    assert asked == 1 and "Gruppe Sol" in first and "Gruppe Regn" not in first
    again, asked = group_reads()
    assert asked == 0 and again == first

    with django_capture_on_commit_callbacks(execute=True):
        factories.InterestRegistrationFactory(preferred_group=Group.objects.get(name="Gruppe Regn"))
    page, asked = group_reads()
    assert asked == 1 and "Gruppe Regn" in page


def test_a_write_to_a_table_no_page_reads_moves_only_the_data_version(
    registrations, rooms_cache_on, django_capture_on_commit_callbacks
):
    from linkcentre import pagecache

    pages, data = pagecache.current_version(), pagecache.data_version()
    with django_capture_on_commit_callbacks(execute=True):
        factories.InterestRegistrationFactory()
    assert pagecache.current_version() == pages
    assert pagecache.data_version() > data


def test_what_reads_a_table_no_write_is_watched_on_is_built_each_time(rooms_cache_on):
    from axes.models import AccessAttempt

    built = []
    for _ in range(2):
        admin_kept.kept("test:mixed", lambda: built.append(1), models=[Booking, AccessAttempt])
    assert len(built) == 2
    for _ in range(2):
        admin_kept.kept("test:data", lambda: built.append(1), models=[Booking, Group])
    assert len(built) == 3


def filters(page):
    return page[page.index('id="changelist-filter"') :]
