"""The organisation's pages (the week grid, a 52-week booking preview, its own bookings) and the
bookings' change list cost the same number of queries at two scales of generated data
(``generate_scale_data``: about a thousand and six thousand bookings over ten years)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from rooms.models import Room
from rooms.times import today_local
from tests.rooms.helpers import booking_post

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[0.2, 1], ids=["1k-bookings", "6k-bookings"])
def org_client(request, client):
    call_command("generate_scale_data", scale=request.param, stdout=None)
    client.force_login(get_user_model().objects.get(username="skala-org-0001"))
    return client


def next_monday():
    today = today_local()
    return today + dt.timedelta(days=7 - today.weekday())


def test_the_week_grid_costs_the_same_at_both_scales(org_client, django_assert_num_queries):
    url = reverse("rooms:week") + f"?date={next_monday()}"
    org_client.get(url)
    # session, user, organisation, rooms, opening hours, closures, the week's bookings, the
    # organisation's series for the quick-booking links
    with django_assert_num_queries(8):
        assert org_client.get(url).status_code == 200


def test_a_52_week_preview_costs_the_same_at_both_scales(org_client, django_assert_num_queries):
    monday = next_monday()
    room = Room.objects.filter(slug__startswith="skala-").order_by("slug").first()
    last_date = (monday + dt.timedelta(weeks=51)).isoformat()
    data = booking_post(room, monday, last_date=last_date, title="Ny gruppe")
    org_client.post(reverse("rooms:book"), data)
    # session, user, organisation, the form's room, rooms, the room's bookings on those dates,
    # the other rooms' bookings on them, closures, opening hours, the week's quota use, the
    # taken dates booked elsewhere
    with django_assert_num_queries(11):
        response = org_client.post(reverse("rooms:book"), data)
    assert response.status_code == 200
    assert len(response.context["previews"]) == 52


def test_my_bookings_cost_the_same_at_both_scales(org_client, django_assert_num_queries):
    url = reverse("rooms:mine")
    org_client.get(url)
    with django_assert_num_queries(8):
        assert org_client.get(url).status_code == 200


def test_the_bookings_change_list_costs_the_same_at_both_scales(
    org_client, superuser, django_assert_num_queries
):
    org_client.force_login(superuser)
    url = reverse("admin:rooms_booking_changelist")
    org_client.get(url)
    # session, user, the count (on PostgreSQL the planner's estimate or the exact count, in one
    # query), the page, the rooms and organisations for the filters, the drill-down's dates
    with django_assert_num_queries(7):
        assert org_client.get(url).status_code == 200
