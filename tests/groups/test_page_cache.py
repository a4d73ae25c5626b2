"""The public group pages and feeds come from the page cache, and the next request after an
edit shows the edit (linkcentre/pagecache.py). Edits run through the services and the admin,
and their after-commit callbacks are run, as a real commit would."""

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Group
from rooms.closures import add_closure
from rooms.models import Booking, Closure
from rooms.services import cancel_occurrence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def group(make_group, django_capture_on_commit_callbacks):
    # Committed, as it would be before anyone sees it: its own after-commit callbacks run.
    with django_capture_on_commit_callbacks(execute=True):
        return make_group(name="Tirsdagsgruppa", kind=Group.Kind.OPEN, weekday=1)


def cached(client, url):
    """GET twice: the second answer must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    return second


def kept(through, client, wsgi_client, url):
    """The page once it is kept, and who asks again: the test client, served from the page
    cache, or the WSGI application, answered by the page front before Django."""
    if through == "the page front":
        return wsgi_client, wsgi_client.until_front(url)[1]
    return client, cached(client, url)


THROUGH = ["the test client", "the page front"]

PAGES = [
    ("groups:list", {}),
    ("groups:detail", {"slug": "$"}),
    ("groups:meeting_guide", {}),
    ("groups:calendar", {}),
    ("groups:group_calendar", {"slug": "$"}),
    ("groups:helpers", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_anonymous_public_pages_are_cached_per_language(client, group, name, kwargs, prefix):
    kwargs = {key: group.slug for key in kwargs}
    url = reverse(name, kwargs=kwargs)
    cached(client, prefix + url if prefix and not url.startswith("/en/") else url)


def test_each_query_string_is_its_own_page(client, group):
    url = reverse("groups:list")
    assert client.get(url + "?type=apen")["X-Page-Cache"] == "miss"
    assert client.get(url + "?type=lukket")["X-Page-Cache"] == "miss"
    assert client.get(url + "?type=apen")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("through", THROUGH)
@pytest.mark.parametrize("shared", ["memory", "redis"])
def test_editing_a_group_shows_at_once(
    client, wsgi_client, group, django_capture_on_commit_callbacks, shared, through, request
):
    if shared == "redis":
        # Pages and version kept in this worker's memory too (linkcentre.cache.WatchedKeys).
        request.getfixturevalue("redis_cache")
    pages = [
        reverse("groups:detail", kwargs={"slug": group.slug}),
        reverse("groups:list"),
        reverse("groups:meeting_guide"),
        reverse("groups:calendar"),
    ]
    for page in pages:
        asker, _answer = kept(through, client, wsgi_client, page)
    with django_capture_on_commit_callbacks(execute=True):
        group.name = "Onsdagsgruppa"
        group.save()
    for page in pages:
        response = asker.get(page)
        assert response["X-Page-Cache"] == "miss"  # made again by Django
        assert "Onsdagsgruppa" in response.content.decode()


def test_a_cancelled_booking_leaves_the_dates_at_once(
    client, group, django_capture_on_commit_callbacks
):
    url = reverse("groups:detail", kwargs={"slug": group.slug})
    booking = group.meeting_series.bookings.order_by("start")[1]
    iso = timezone.localtime(booking.start).isoformat()
    assert f'datetime="{iso}"' in cached(client, url).content.decode()
    # cancel_occurrence writes with bulk_update, which sends no model signal.
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(booking=booking, staff=True, reason="test", notify=False)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert f'datetime="{iso}"' not in response.content.decode()


@pytest.mark.parametrize("through", THROUGH)
def test_a_closure_shows_at_once(
    client, wsgi_client, group, django_capture_on_commit_callbacks, through
):
    url = reverse("groups:detail", kwargs={"slug": group.slug})
    booking = group.meeting_series.bookings.order_by("start")[2]
    day = timezone.localtime(booking.start).date()
    asker, answer = kept(through, client, wsgi_client, url)
    assert "Vannskade" not in answer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        add_closure(
            start_date=day,
            end_date=day,
            reason=Closure.Reason.MAINTENANCE,
            description="Vannskade",
            notify=False,
        )
    response = asker.get(url)
    assert response["X-Page-Cache"] == "miss"  # made again by Django
    assert "Vannskade" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED


def test_a_rolled_back_edit_keeps_the_cached_page(client, group):
    # Inside the test's transaction nothing commits: the cached page stays (no bump yet).
    url = reverse("groups:detail", kwargs={"slug": group.slug})
    cached(client, url)
    Group.objects.filter(pk=group.pk).update(name="Ny")
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_feeds_answer_conditional_requests(client, group):
    url = reverse("groups:meeting_guide")
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200
    calendar = client.get(reverse("groups:calendar"))
    assert (
        client.get(
            reverse("groups:calendar"), headers={"if-none-match": calendar["ETag"]}
        ).status_code
        == 304
    )


def test_logged_in_visitors_never_get_a_cached_page(client, group, partner_user):
    url = reverse("groups:list")
    cached(client, url)
    client.force_login(partner_user)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    # and what they see is never stored for anyone else
    assert client.get(url).get("X-Page-Cache") is None
    client.logout()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_page_with_a_csrf_form_is_not_cached_whole(client, group):
    url = reverse("groups:report_change", kwargs={"slug": group.slug})
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "X-Page-Cache" not in response
    signup = client.get(reverse("groups:signup"))
    assert "X-Page-Cache" not in signup


def test_a_cancellation_queues_one_bump(group, django_capture_on_commit_callbacks):
    # cancel_occurrence writes the booking, its history and maybe the series: one bump.
    from linkcentre import pagecache

    booking = group.meeting_series.bookings.order_by("start")[1]
    with django_capture_on_commit_callbacks() as callbacks:
        cancel_occurrence(booking=booking, staff=True, reason="test", notify=False)
    assert len([c for c in callbacks if isinstance(c, pagecache.BumpAfterCommit)]) == 1


# --- through the page front (linkcentre/pagefront.py), as gunicorn serves the pages ---------


def test_a_cancelled_booking_leaves_the_dates_at_once_through_the_front(
    wsgi_client, group, django_capture_on_commit_callbacks
):
    url = reverse("groups:group_calendar", kwargs={"slug": group.slug})
    booking = group.meeting_series.bookings.order_by("start")[1]
    # The cancelled date is left out of the weekly run as an EXDATE in local time.
    skipped = timezone.localtime(booking.start).strftime("%Y%m%dT%H%M%S")
    _replayed, answer = wsgi_client.until_front(url)
    assert "EXDATE" not in answer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(booking=booking, staff=True, reason="test", notify=False)
    response = wsgi_client.get(url)
    assert response.reached_django and response["X-Page-Cache"] == "miss"
    assert skipped in response.content.decode().split("EXDATE", 1)[1].split("\r\n", 1)[0]
