"""The page front (linkcentre/pagefront.py): a page this worker has replayed from its memory is
answered again before Django, exactly as Django answered it, and only while the page cache
would serve it. Edits that must show at once are tested through it beside each app's pages
(tests/groups/test_page_cache.py, tests/research/test_page_cache.py)."""

import gzip

import pytest
from django.core.cache import caches

from linkcentre import pagecache, pagefront
from linkcentre.wsgi import django_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.mark.parametrize("url", ["/", "/en/", "/grupper/meeting-guide.json"])
def test_the_front_answers_as_django_did(wsgi_client, url):
    replayed, answer = wsgi_client.until_front(url)
    assert answer.status_code == 200
    assert answer.content == replayed.content
    assert dict(answer.headers) == dict(replayed.headers)
    # Including what the security middleware above the page cache adds.
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"


def test_gzip_and_plain_are_answered_each_as_asked(wsgi_client):
    url = "/grupper/meeting-guide.json"
    _replayed, plain = wsgi_client.until_front(url)
    _replayed, zipped = wsgi_client.until_front(url, headers={"accept-encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content)
    assert int(plain["Content-Length"]) == len(plain.content)


@pytest.mark.parametrize(
    "request_",
    [
        {"REQUEST_METHOD": "HEAD"},
        {"HTTP_COOKIE": "sessionid=anything"},
        {"HTTP_COOKIE": "messages=anything"},
        {"HTTP_AUTHORIZATION": "Basic YTpi"},
        {"HTTP_IF_NONE_MATCH": '"other"'},
        {"HTTP_IF_MODIFIED_SINCE": "Wed, 21 Oct 2015 07:28:00 GMT"},
        {"HTTP_IF_MATCH": '"other"'},
        {"HTTP_IF_UNMODIFIED_SINCE": "Wed, 21 Oct 2015 07:28:00 GMT"},
        {"HTTP_COOKIE": 'csrftoken="a\\000b"'},  # a NUL once unquoted: Django answers 400
    ],
    ids=lambda request_: next(iter(request_.items()))[0],
)
def test_what_the_page_cache_would_not_serve_goes_to_django(wsgi_client, request_):
    wsgi_client.until_front("/grupper/meeting-guide.json")
    environ = wsgi_client.factory.get("/grupper/meeting-guide.json").environ | request_
    assert wsgi_client.request(environ).reached_django


def test_a_cookie_that_is_not_the_sessions_is_answered(wsgi_client):
    # A CSRF cookie of the right form (one Django must replace is sent again, and never kept).
    wsgi_client.until_front("/", HTTP_COOKIE=f"csrftoken={'a' * 32}; theme=dark")


def test_a_cookie_with_a_nul_is_still_refused(wsgi_client):
    wsgi_client.until_front("/")
    assert wsgi_client.get("/", HTTP_COOKIE='csrftoken="a\\000b"').status_code == 400


def test_a_host_django_refuses_is_never_answered(wsgi_client):
    for _ in range(3):
        response = wsgi_client.get("/", HTTP_HOST="evil.example")
        assert response.status_code == 400
        assert response.reached_django


def test_each_address_is_its_own_page(wsgi_client):
    wsgi_client.until_front("/grupper/?type=apen")
    other = wsgi_client.get("/grupper/?type=lukket")
    assert other.reached_django and other["X-Page-Cache"] == "miss"


def test_a_bump_sends_the_next_request_to_django(wsgi_client):
    replayed, _answer = wsgi_client.until_front("/")
    pagecache.bump()
    after = wsgi_client.get("/")
    assert after.reached_django and after["X-Page-Cache"] == "miss"


def test_an_expired_page_goes_to_django(wsgi_client, monkeypatch):
    wsgi_client.until_front("/")
    later = pagecache.time.time() + 301
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    assert wsgi_client.get("/").reached_django


def test_a_page_dropped_from_memory_goes_to_django(wsgi_client):
    wsgi_client.until_front("/")
    pagecache._local.clear()
    response = wsgi_client.get("/")
    assert response.reached_django and response["X-Page-Cache"] == "hit"  # from the cache


def test_with_the_cache_off_nothing_is_answered_before_django(wsgi_client, settings):
    wsgi_client.until_front("/")
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    response = wsgi_client.get("/")
    assert response.reached_django and "X-Page-Cache" not in response


def test_the_addresses_known_are_bounded(wsgi_client, monkeypatch):
    monkeypatch.setattr(pagefront, "KNOWN_ADDRESSES", 2)
    for url in ("/", "/en/", "/grupper/"):
        wsgi_client.until_front(url)
    assert len(wsgi_client.application.known) == 2
    assert wsgi_client.get("/").reached_django  # the first, forgotten
    assert not wsgi_client.get("/grupper/").reached_django


def test_a_page_answered_with_an_error_is_not_kept(wsgi_client):
    for _ in range(3):
        response = wsgi_client.get("/grupper/finnes-ikke/")
        assert response.status_code == 404
        assert response.reached_django


def test_with_redis_the_front_sends_no_command_yet_sees_another_workers_bump(
    wsgi_client, other_worker_cache, no_redis_command
):
    backend = caches["default"]
    wsgi_client.until_front("/")
    with no_redis_command():
        assert not wsgi_client.get("/").reached_django
    # Another worker's bump: its own connections, then its barrier.
    other_worker_cache.set(pagecache.VERSION_KEY, backend.get(pagecache.VERSION_KEY) + 1, None)
    other_worker_cache.barrier()
    response = wsgi_client.get("/")
    assert response.reached_django and response["X-Page-Cache"] == "miss"


def test_a_middleware_above_the_cache_it_cannot_answer_for_turns_the_front_off(settings):
    # It might add something of each request's own, which the front would replay stale.
    above = "tests.linkcentre.test_pagefront.StampMiddleware"
    settings.MIDDLEWARE = [above, *settings.MIDDLEWARE]
    assert not pagefront.PageFront(django_application).on
    [warning] = pagefront.check_above_the_cache()
    assert warning.id == "linkcentre.W002" and above in warning.msg


def test_the_project_s_middleware_above_the_cache_is_answered_for(settings):
    assert pagefront.PageFront(django_application).on
    assert pagefront.check_above_the_cache() == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != pagefront.CACHE_MIDDLEWARE]
    assert not pagefront.PageFront(django_application).on


class StampMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Request-Stamp"] = str(id(request))
        return response
