import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import Group
from rooms.models import Booking, BookingSeries, Closure
from tests.dates import weekday_weeks_ahead

pytestmark = pytest.mark.django_db

LIST = reverse("groups:list")


def html(response):
    return response.content.decode()


@pytest.fixture
def groups(make_group, upstairs_room, make_registration):
    closed = make_group(name="Tirsdagsgruppa", slug="tirsdagsgruppa", weekday=1, capacity=5)
    for _ in range(2):
        services.place_in_group(registration=make_registration(first_name="Hemmelig"), group=closed)
    full = make_group(
        name="Fullgruppa", slug="full", weekday=3, start=dt.time(10), end=dt.time(12), capacity=1
    )
    services.place_in_group(registration=make_registration(first_name="Skjult"), group=full)
    open_group = make_group(
        kind=Group.Kind.OPEN,
        name="AA Mandag",
        slug="aa-mandag",
        weekday=0,
        start=dt.time(19),
        end=dt.time(20, 30),
        languages=["nb", "en"],
        meeting_room=upstairs_room,
    )
    hidden = make_group(name="Skjult gruppe", slug="skjult", weekday=4, listed=False)
    ended = make_group(name="Ferdig", slug="ferdig", weekday=5, status="ended")
    return {"closed": closed, "full": full, "open": open_group, "hidden": hidden, "ended": ended}


def names(response):
    return [group.name for group in response.context["groups"]]


def test_list_shows_listed_groups_with_how_to_join_and_never_who_is_in_them(client, groups):
    response = client.get(LIST)
    assert sorted(names(response)) == ["AA Mandag", "Fullgruppa", "Tirsdagsgruppa"]
    page = html(response)
    assert "3 ledige plasser" in page
    assert "Gruppa er full" in page
    assert "Kom som du er" in page
    assert "Hemmelig" not in page and "Skjult" not in page
    assert "Anonyme Alkoholikere Oslo" in page
    assert "Trinnfri tilgang." in page and "Ikke trinnfri tilgang." in page


def test_list_filters_are_accessible_controls_with_readable_urls(client, groups):
    page = html(client.get(LIST))
    assert "<fieldset>" in page and "<legend" in page
    assert 'type="radio" name="type" value="apen"' in page
    assert 'type="checkbox" name="dag" value="tirsdag"' in page
    assert 'aria-live="polite"' in page
    assert "Resultat:" in page
    assert page.count("<h1") == 1


@pytest.mark.parametrize(
    "query, expected",
    [
        ("type=apen", ["AA Mandag"]),
        ("type=lukket", ["Fullgruppa", "Tirsdagsgruppa"]),
        ("dag=tirsdag", ["Tirsdagsgruppa"]),
        ("dag=mandag&dag=torsdag", ["AA Mandag", "Fullgruppa"]),
        ("tid=formiddag", ["Fullgruppa"]),
        ("tid=kveld", ["AA Mandag", "Tirsdagsgruppa"]),
        ("sprak=en", ["AA Mandag"]),
        ("org=aa-oslo", ["AA Mandag"]),
        ("trinnfri=on", ["Fullgruppa", "Tirsdagsgruppa"]),
        ("dag=tirsdag&tid=kveld", ["Tirsdagsgruppa"]),
        ("dag=tullball", ["AA Mandag", "Fullgruppa", "Tirsdagsgruppa"]),
    ],
)
def test_list_filters(client, groups, query, expected):
    response = client.get(f"{LIST}?{query}")
    assert sorted(names(response)) == expected
    assert f"{len(expected)} gruppe" in html(response)


def test_detail_shows_next_dates_and_says_why_a_week_has_none(client, make_group, room):
    first = weekday_weeks_ahead(1)
    Closure.objects.create(
        start_date=first + dt.timedelta(weeks=1),
        end_date=first + dt.timedelta(weeks=1),
        reason="holiday",
        description="Påske",
    )
    group = make_group(name="Tirsdagsgruppa", slug="tirsdag", weekday=1, first_date=first)
    cancelled = Booking.objects.get(
        series=group.meeting_series, start__date=first + dt.timedelta(weeks=2)
    )
    cancelled.status = Booking.Status.CANCELLED
    cancelled.save()
    response = client.get(group.get_absolute_url())
    dates = response.context["coming_dates"]
    held = [item.date for item in dates if item.held]
    assert first in held
    assert first + dt.timedelta(weeks=1) not in held
    assert first + dt.timedelta(weeks=2) not in held
    assert held[1] == first + dt.timedelta(weeks=3)
    closed_week = next(item for item in dates if item.date == first + dt.timedelta(weeks=1))
    assert closed_week.closure and not closed_week.held
    page = html(response)
    week = first + dt.timedelta(weeks=1)
    assert f"Ikke møte {week.day}." in page and "senteret er stengt (Påske)" in page
    assert reverse("groups:group_calendar", args=["tirsdag"]) in page
    assert "5 ledige plasser" not in page  # capacity 8, nobody placed: 8 places
    assert "8 ledige plasser" in page
    assert "Trinnfri tilgang." in page


def test_detail_of_unlisted_group_is_not_found_and_an_ended_one_says_so(client, groups):
    assert client.get(groups["hidden"].get_absolute_url()).status_code == 404
    response = client.get(groups["ended"].get_absolute_url())
    assert response.status_code == 200
    assert response.context["coming_dates"] == []
    assert "har sluttet" in html(response)


def _many_groups(count, centre, room):
    """Bulk-create groups with series, bookings and memberships without the slow services."""
    today = timezone.localdate()
    series = BookingSeries.objects.bulk_create(
        BookingSeries(
            organisation=centre,
            room=room,
            weekday=i % 7,
            start_time=dt.time(10 + i % 10),
            end_time=dt.time(11 + i % 10),
            first_date=today,
            title=f"Gruppe {i}",
        )
        for i in range(count)
    )
    Booking.objects.bulk_create(
        Booking(
            room=room,
            organisation=centre,
            series=item,
            start=timezone.now() + dt.timedelta(days=1 + i),
            end=timezone.now() + dt.timedelta(days=1 + i, hours=1),
            title=item.title,
        )
        for i, item in enumerate(series)
    )
    Group.objects.bulk_create(
        Group(
            kind="closed" if i % 2 else "open",
            organisation=None if i % 2 else centre,
            name=f"Gruppe {i}",
            slug=f"gruppe-{i}",
            languages=["nb"],
            meeting_series=item,
            status="running",
        )
        for i, item in enumerate(series)
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_list_and_detail_cost_a_fixed_number_of_queries(
    client, centre, room, count, django_assert_max_num_queries
):
    _many_groups(count, centre, room)
    with django_assert_max_num_queries(4):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == count
    with django_assert_max_num_queries(4):
        response = client.get(f"{LIST}?dag=mandag&tid=formiddag&side=2")
    assert response.status_code == 200
    with django_assert_max_num_queries(3):  # the group, its coming bookings, closures
        response = client.get(reverse("groups:detail", args=["gruppe-3"]))
    assert response.status_code == 200


def test_where_to_start_guide_is_on_the_home_page_and_the_list(client, groups):
    for url in ["/", LIST]:
        page = html(client.get(url))
        assert reverse("groups:signup") in page
        assert f"{LIST}?type=apen" in page
        assert "113" in page and "116 117" in page and "116 123" in page
    assert html(client.get("/")).count('class="crisis-box') == 1


def test_helpers_page_links_to_research_or_fallback(client):
    page = html(client.get(reverse("groups:helpers")))
    assert page.count("<h1") == 1
    assert "/for-fagfolk/" in page


def test_english_pages(client, groups):
    response = client.get("/en/grupper/tirsdagsgruppa/")
    assert response.status_code == 200
    assert '<html lang="en">' in html(response)
