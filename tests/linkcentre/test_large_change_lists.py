"""Change lists of the large tables (linkcentre/admin.py LARGE_CHANGE_LISTS): no second count of
the whole table, a date drill-down from the first and last date, an estimate on PostgreSQL."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from linkcentre.admin import (
    LARGE_CHANGE_LISTS,
    LargeTablePaginator,
    QuickRelatedFieldListFilter,
    QuickRelatedOnlyFieldListFilter,
    _QueryStringsFromOne,
)
from rooms.models import Booking
from rooms.times import LOCAL_TZ

pytestmark = pytest.mark.django_db

QUICK_FILTERS = (QuickRelatedFieldListFilter, QuickRelatedOnlyFieldListFilter)


@pytest.fixture
def bookings():
    call_command("generate_scale_data", scale=0.1, stdout=None)
    return Booking.objects.all()


@pytest.mark.parametrize("label", LARGE_CHANGE_LISTS)
def test_large_change_lists_never_count_the_whole_table_twice(label):
    model_admin = admin.site._registry[apps.get_model(label)]
    assert model_admin.show_full_result_count is False
    assert issubclass(model_admin.paginator, LargeTablePaginator)


def test_the_date_drill_down_spans_the_first_to_the_last_year(client, superuser, bookings):
    client.force_login(superuser)
    first = bookings.order_by("start").first().start.astimezone(LOCAL_TZ).year
    last = bookings.order_by("start").last().start.astimezone(LOCAL_TZ).year
    assert last > first
    url = reverse("admin:rooms_booking_changelist")
    page = client.get(url).content.decode()
    for year in range(first, last + 1):
        assert f"?start__year={year}" in page
    months = client.get(url, {"start__year": last}).content.decode()
    assert "start__month=" in months
    assert client.get(url, {"start__year": last, "start__month": 1}).status_code == 200


def test_the_registrations_list_drills_down_by_day(client, superuser, bookings):
    client.force_login(superuser)
    response = client.get(reverse("admin:groups_interestregistration_changelist"))
    assert response.status_code == 200
    assert "created_at__day=" in response.content.decode()


def test_the_paginator_counts_exactly_below_the_estimate_threshold(bookings):
    paginator = LargeTablePaginator(Booking.objects.order_by("pk"), 100)
    assert paginator.count == Booking.objects.count()


@pytest.mark.postgres
def test_on_postgresql_an_unfiltered_large_table_shows_the_estimate(bookings, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rooms_booking")
    monkeypatch.setattr(LargeTablePaginator, "ESTIMATE_FROM", 1)
    estimated = LargeTablePaginator(Booking.objects.order_by("pk"), 100).count
    assert estimated == pytest.approx(Booking.objects.count(), rel=0.1)
    # Filtered: counted exactly.
    filtered = Booking.objects.filter(status="cancelled").order_by("pk")
    assert LargeTablePaginator(filtered, 100).count == filtered.count()


@pytest.mark.postgres
@pytest.mark.parametrize("estimate_from", [1, 10**9])
def test_on_postgresql_the_count_is_one_query_below_and_above_the_threshold(
    bookings, monkeypatch, django_assert_num_queries, estimate_from
):
    """The same number of queries at one centre (exact) and nationally (the estimate)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rooms_booking")
    monkeypatch.setattr(LargeTablePaginator, "ESTIMATE_FROM", estimate_from)
    with django_assert_num_queries(1):
        count = LargeTablePaginator(Booking.objects.order_by("pk"), 100).count
    assert count == pytest.approx(Booking.objects.count(), rel=0.1)
    if estimate_from > 1:
        assert count == Booking.objects.count()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"status__exact": "confirmed", "room__id__exact": "1", "q": "a b&c"},
        {"organisation__id__exact": "2", "start__year": "2025", "_facets": "1"},
        {"organisation__id__isnull": "True", "o": "-3"},
    ],
)
def test_the_quick_relation_filters_link_as_django_s_own(rf, superuser, bookings, query):
    model_admin = admin.site._registry[Booking]
    request = rf.get(reverse("admin:rooms_booking_changelist"), query)
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    quick = [spec for spec in changelist.filter_specs if isinstance(spec, QUICK_FILTERS)]
    assert {spec.field_path for spec in quick} == {"room", "organisation"}
    for spec in quick:
        own = next(cls for cls in type(spec).__mro__ if cls.__module__.startswith("django."))
        assert list(spec.choices(changelist)) == list(own.choices(spec, changelist))


def test_a_value_that_is_not_a_whole_number_is_linked_by_the_change_list_itself(
    rf, superuser, bookings
):
    model_admin = admin.site._registry[Booking]
    request = rf.get(reverse("admin:rooms_booking_changelist"), {"q": "x"})
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    seen = _QueryStringsFromOne(changelist)
    for params in ({"room__id__exact": "7"}, {"a": 1, "b": 2}, {"room__id__exact": None}, None):
        assert seen.get_query_string(params, ["x"]) == changelist.get_query_string(params, ["x"])
