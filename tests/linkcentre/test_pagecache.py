"""The page cache's own rules (linkcentre/pagecache.py): who is served from it, what is stored,
and which writes make the pages again. The invalidation by real edits is tested beside each
app's pages (tests/groups/test_page_cache.py, tests/research/test_page_cache.py)."""

import gzip
import os
import subprocess
import sys

import pytest
from django.core.cache import cache, caches
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


def test_other_writes_move_only_the_data_version_and_rolled_back_ones_nothing(
    django_capture_on_commit_callbacks,
):
    from groups.models import InterestRegistration

    with django_capture_on_commit_callbacks() as callbacks:
        InterestRegistration.objects.filter(pk=0).update(first_name="x")  # personal data
        try:
            with transaction.atomic():
                Room.objects.create(name="Salen", slug="salen", capacity=30)
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    [queued] = callbacks
    assert (queued.pages, queued.rooms) == (False, False)
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                InterestRegistration.objects.filter(pk=0).update(first_name="y")
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
    data = pagecache.data_tables()
    assert tables < data
    assert {"groups_interestregistration", "outreach_contactactivity", "auth_user"} <= data
    assert not {"django_session", "axes_accessattempt", "django_admin_log"} & data


def test_pages_are_shared_through_redis(client, redis_cache):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert cache.get(pagecache.VERSION_KEY) is not None


def test_with_redis_a_hit_from_memory_sends_no_command_yet_sees_another_workers_bump(
    client, other_worker_cache, no_redis_command
):
    backend = caches["default"]
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with no_redis_command():
        assert client.get("/")["X-Page-Cache"] == "hit"
    # Another worker's bump: its own connections, then its barrier.
    other_worker_cache.set(pagecache.VERSION_KEY, backend.get(pagecache.VERSION_KEY) + 1, None)
    other_worker_cache.barrier()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_page_cache_in_each_process_alone_is_warned_of(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    assert pagecache.check_shared_cache() == []
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    assert [warning.id for warning in pagecache.check_shared_cache()] == ["linkcentre.W001"]
    settings.CACHES = {
        "default": {"BACKEND": "linkcentre.cache.RedisCache", "LOCATION": "redis://x"}
    }
    assert pagecache.check_shared_cache() == []


@pytest.mark.parametrize(("redis_url", "seconds"), [("", "0"), ("redis://127.0.0.1:6379/0", "300")])
def test_the_page_cache_is_on_by_default_only_with_redis(redis_url, seconds):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PUBLIC_PAGE_CACHE_SECONDS", "REDIS_URL")
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "linkcentre.settings", "REDIS_URL": redis_url}
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.PUBLIC_PAGE_CACHE_SECONDS)",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed.strip() == seconds


def test_a_cached_page_is_sent_gzipped_to_those_who_accept_it(client):
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


@pytest.mark.parametrize("first_request", ["miss", "hit"])
def test_the_feeds_preconditions_answer_as_django_would(client, first_request):
    url = reverse("groups:meeting_guide")
    if first_request == "hit":
        client.get(url)
    mismatch = client.get(url, headers={"if-match": '"another-version"'})
    assert mismatch.status_code == 412
    response = client.get(url, headers={"if-modified-since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert response.status_code == 200
    assert response.content.startswith(b"[")
    assert client.get(url, headers={"if-match": "*"}).status_code == 200
    modified = response["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304


def test_a_page_without_validators_ignores_conditional_headers(client):
    client.get("/")
    response = client.get("/", headers={"if-none-match": "*", "if-match": '"x"'})
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert "ETag" not in response


def test_with_the_cache_off_writes_register_nothing(settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    with django_capture_on_commit_callbacks() as callbacks:
        Room.objects.create(name="Salen", slug="salen", capacity=30)
    assert callbacks == []


# --- one bump per transaction ------------------------------------------------------------------


def bumps(callbacks):
    return [callback for callback in callbacks if isinstance(callback, pagecache.BumpAfterCommit)]


def room(slug):
    return Room.objects.create(name=slug, slug=slug, capacity=10)


def test_two_writes_in_one_transaction_queue_one_bump(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            salen = room("salen")
            Room.objects.filter(pk=salen.pk).update(capacity=20)
            room("lille")
    assert len(bumps(callbacks)) == 1


def test_a_rolled_back_savepoint_keeps_the_bump_the_outer_writes_need(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            room("salen")  # queues the bump
            try:
                with transaction.atomic():
                    room("lille")
                    raise RuntimeError("roll back the savepoint only")
            except RuntimeError:
                pass
    assert len(bumps(callbacks)) == 1


def test_a_write_after_a_rolled_back_savepoint_queues_the_bump_again(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    room("lille")  # queues a bump inside the savepoint …
                    raise RuntimeError("… which the rollback takes away")
            except RuntimeError:
                pass
            room("salen")
    assert len(bumps(callbacks)) == 1


def test_a_bump_queued_in_a_released_savepoint_serves_the_whole_transaction(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            with transaction.atomic():
                room("lille")
            room("salen")
            try:
                with transaction.atomic():
                    room("tredje")
                    raise RuntimeError("a later savepoint rolled back")
            except RuntimeError:
                pass
    assert len(bumps(callbacks)) == 1


@pytest.mark.django_db(transaction=True)
def test_each_write_in_autocommit_is_its_own_bump(monkeypatch):
    # Outside a transaction every statement commits alone, and on_commit runs the bump at once:
    # the pages must be dropped after each, since a reader may come between them.
    calls = []
    monkeypatch.setattr(pagecache, "bump", lambda rooms, pages: calls.append(rooms))
    salen = room("salen")
    Room.objects.filter(pk=salen.pk).update(capacity=20)
    assert calls == [True, True]


# --- the pages in the worker's memory ----------------------------------------------------------


def test_a_large_page_is_served_from_memory_under_the_current_version(client):
    url = reverse("groups:meeting_guide")
    first = client.get(url)
    key = pagecache.page_key(first.wsgi_request)
    cache.delete(key)  # only the worker's copy is left
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    zipped = client.get(url, headers={"accept-encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip"
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    pagecache.bump()  # what any edit does after commit
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_copy_in_memory_never_outlives_the_shared_entry(client, monkeypatch):
    url = reverse("groups:meeting_guide")
    client.get(url)
    later = pagecache.time.time() + 301
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    cache.clear()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_the_pages_in_memory_stay_within_the_setting(client, settings):
    home = client.get("/").content
    # Room for about one page (its body and its gzip), so the one used longest ago goes.
    settings.PUBLIC_PAGE_CACHE_MEMORY_BYTES = int(len(home) + len(gzip.compress(home)) * 1.5)
    pagecache._local.clear()
    for url in ("/", "/en/", "/", "/en/"):
        client.get(url)
        assert pagecache._local.size <= settings.PUBLIC_PAGE_CACHE_MEMORY_BYTES
    assert len(pagecache._local.pages) == 1


def test_a_worker_with_an_old_copy_takes_the_page_another_made_again(client):
    url = reverse("groups:meeting_guide")
    client.get(url)  # made, and kept in this worker's memory
    key = pagecache.page_key(client.get(url).wsgi_request)
    version = pagecache.bump()  # an edit; then another worker makes the page again
    cache.set(key, cache.get(key) | {"version": version, "gzip": gzip.compress(b"[]")})
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"[]"


def versions():
    return cache.get(pagecache.VERSION_KEY), cache.get(pagecache.ROOMS_VERSION_KEY)


def test_a_groups_write_leaves_the_rooms_version_and_a_rooms_write_moves_both(
    django_capture_on_commit_callbacks,
):
    from tests.factories import GroupFactory

    group = GroupFactory()
    pagecache.bump()
    pages, rooms = versions()
    with django_capture_on_commit_callbacks(execute=True):
        group.save()
    assert versions()[0] > pages and versions()[1] == rooms
    with django_capture_on_commit_callbacks(execute=True):
        room("salen")
    assert versions()[0] == versions()[1] > rooms


def test_a_transaction_writing_groups_then_rooms_moves_the_rooms_version(
    django_capture_on_commit_callbacks,
):
    from tests.factories import GroupFactory

    group = GroupFactory()
    pagecache.bump()
    _pages, rooms = versions()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            group.save()
            room("salen")
    assert len(bumps(callbacks)) == 1
    assert versions()[1] > rooms


def test_the_rooms_version_is_made_when_missing_by_any_bump():
    cache.delete(pagecache.ROOMS_VERSION_KEY)
    version = pagecache.bump(rooms=False)
    assert versions() == (version, version)
