"""Every public group page and feed, and the registrations' change list, cost the same number of
queries at two scales of generated data (``generate_scale_data``: 10 and 50 groups, a thousand
and six thousand bookings). The page cache is off in tests, so each request is made in full."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from groups.models import Group

pytestmark = pytest.mark.django_db

# (url, queries): session-less anonymous requests read no session or user.
PUBLIC_PAGES = [
    # the organisations for the filter, the count, the page's ids, the page's groups
    ("/grupper/", 4),
    ("/en/grupper/", 4),
    ("/grupper/?type=apen&dag=tirsdag&tid=kveld", 4),
    ("/grupper/?side=2", 4),
    # the group with its counts; its dates: bookings and closures
    ("detail", 3),
    ("/grupper/meeting-guide.json", 1),
    # occurrences, their groups, their rooms (SQLite splits a long id list in two at most)
    ("/grupper/kalender.ics", 3),
    # the group, the occurrences, the group again by id, its room
    ("calendar", 4),
    ("/grupper/fagfolk-og-parorende/", 0),
]


@pytest.fixture(params=[0.2, 1], ids=["10-groups", "50-groups"])
def scale(request):
    call_command("generate_scale_data", scale=request.param, stdout=None)
    return request.param


def running_group():
    return Group.objects.listed().filter(status=Group.Status.RUNNING).order_by("pk").first()


@pytest.mark.parametrize(("url", "queries"), PUBLIC_PAGES)
def test_public_pages_cost_the_same_at_both_scales(
    client, scale, url, queries, django_assert_num_queries
):
    group = running_group()
    url = {
        "detail": reverse("groups:detail", kwargs={"slug": group.slug}),
        "calendar": reverse("groups:group_calendar", kwargs={"slug": group.slug}),
    }.get(url, url)
    client.get(url)  # translations, templates and URL resolvers loaded once
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_the_registrations_change_list_costs_the_same_at_both_scales(
    client, superuser, scale, django_assert_num_queries
):
    client.force_login(superuser)
    url = reverse("admin:groups_interestregistration_changelist")
    client.get(url)
    # session, user, the count (on PostgreSQL the planner's estimate or the exact count, in one
    # query), the page, the preferred groups for the filter, the date range
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
