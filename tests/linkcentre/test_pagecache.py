"""The page cache's own rules (linkcentre/pagecache.py): who is served from it, what is stored,
and which writes make the pages again. The invalidation by real edits is tested beside each
app's pages (tests/groups/test_page_cache.py, tests/research/test_page_cache.py)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from linkcentre import pagecache
from rooms.models import Room

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


def test_the_home_page_is_cached_in_each_language(client):
    for url in ("/", "/en/"):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/").content != client.get("/en/").content


def test_off_when_the_setting_is_zero(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_a_session_or_messages_cookie_skips_the_cache(client):
    client.get("/")
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get("/")
    del client.cookies["sessionid"]
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/")


def test_only_pages_on_the_list_and_only_answers_200_are_stored(client):
    client.get("/personvern/")
    assert "X-Page-Cache" not in client.get("/personvern/")  # the privacy page is not listed
    client.get(reverse("groups:detail", kwargs={"slug": "finnes-ikke"}))
    response = client.get(reverse("groups:detail", kwargs={"slug": "finnes-ikke"}))
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_a_write_to_a_watched_table_bumps_after_commit(django_capture_on_commit_callbacks):
    before = pagecache.bump()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Room.objects.create(name="Salen", slug="salen", capacity=30)
    assert callbacks, "the write registered a bump for after commit"
    assert cache.get(pagecache.VERSION_KEY) == before  # nothing until the commit
    for callback in callbacks:
        callback()
    assert cache.get(pagecache.VERSION_KEY) > before


def test_other_writes_and_rolled_back_ones_bump_nothing(django_capture_on_commit_callbacks):
    from groups.models import InterestRegistration

    with django_capture_on_commit_callbacks() as callbacks:
        InterestRegistration.objects.filter(pk=0).update(first_name="x")  # personal data
        try:
            with transaction.atomic():
                Room.objects.create(name="Salen", slug="salen", capacity=30)
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert callbacks == []


def test_the_watcher_knows_the_public_tables():
    tables = pagecache.watched_tables()
    assert {"groups_group", "groups_membership", "rooms_booking", "rooms_closure"} <= tables
    assert {"research_finding", "research_principle", "rooms_bookingseries"} <= tables
    assert "groups_interestregistration" not in tables
    assert "django_session" not in tables


def test_pages_are_shared_through_redis(client, redis_cache):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert cache.get(pagecache.VERSION_KEY) is not None


def test_a_cached_page_is_sent_gzipped_to_those_who_accept_it(client):
    import gzip

    plain = client.get("/")
    assert "Accept-Encoding" in plain["Vary"]
    zipped = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert zipped["X-Page-Cache"] == "hit"
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content)
    again = client.get("/")
    assert "Content-Encoding" not in again
    assert again.content == plain.content


def test_a_reader_with_the_current_feed_gets_304_with_its_validators(client):
    url = reverse("groups:meeting_guide")
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["X-Page-Cache"] == "hit"
    assert response["ETag"] == etag
    assert "Last-Modified" in response
    assert response.content == b""


def test_with_the_cache_off_writes_register_nothing(settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    with django_capture_on_commit_callbacks() as callbacks:
        Room.objects.create(name="Salen", slug="salen", capacity=30)
    assert callbacks == []
