"""The fixed-window rate limit, on the in-memory cache and on the real Redis."""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from groups.publicforms import ratelimit
from tests.linkcentre.helpers import run_manage

ADDRESS = "203.0.113.7"


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    """Run a test on the in-memory cache (the default) and again on the real Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    settings.PUBLIC_FORM_RATE_WINDOW_SECONDS = 3600
    return request.param


def visitor(address=ADDRESS, **meta):
    return RequestFactory().post("/", REMOTE_ADDR=address, **meta)


def test_the_limit_lets_through_exactly_the_limit_then_refuses(backend):
    answers = [ratelimit.count_submission(visitor(), "signup") for _ in range(5)]
    assert answers == [False, False, False, True, True]


def test_forms_and_addresses_are_counted_apart(backend):
    for _ in range(3):
        ratelimit.count_submission(visitor(), "signup")
    assert ratelimit.count_submission(visitor(), "signup") is True
    assert ratelimit.count_submission(visitor(), "report-a-change") is False
    assert ratelimit.count_submission(visitor("198.51.100.2"), "signup") is False


def test_a_new_window_starts_afresh(backend, monkeypatch):
    now = 1_800_000_000
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    for _ in range(3):
        ratelimit.count_submission(visitor(), "signup")
    assert ratelimit.count_submission(visitor(), "signup") is True
    now += 3600
    assert ratelimit.count_submission(visitor(), "signup") is False


def test_redis_holds_no_address_and_every_counter_expires(redis_cache, settings):
    client, prefix = redis_cache
    settings.PUBLIC_FORM_RATE_WINDOW_SECONDS = 3600
    ratelimit.count_submission(visitor(), "signup")
    ratelimit.count_submission(visitor("2001:db8::1"), "signup")
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    assert len(keys) == 2
    for key in keys:
        assert ADDRESS.encode() not in key and b"2001" not in key
        assert ADDRESS.encode() not in client.get(key)
        assert 0 < client.ttl(key) <= 3600 + ratelimit.EXPIRY_MARGIN_SECONDS


def test_the_memory_cache_holds_no_address(settings):
    ratelimit.count_submission(visitor(), "signup")
    stored = list(cache._cache)
    assert len(stored) == 1 and ADDRESS not in stored[0]


def test_concurrent_submissions_on_redis_never_pass_the_limit(redis_cache, settings):
    """Eight gunicorn workers at once: the atomic increment lets exactly the limit through."""
    settings.PUBLIC_FORM_RATE_LIMIT = 5
    start = threading.Barrier(8)

    def submit(_):
        start.wait()
        return [ratelimit.count_submission(visitor(), "signup") for _ in range(3)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = [answer for batch in pool.map(submit, range(8)) for answer in batch]
    assert answers.count(False) == 5
    assert answers.count(True) == 19


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", True),  # one /64: one household
        ("2001:db8:1:2::1", "2001:db8:1:3::1", False),
        ("203.0.113.7", "203.0.113.8", False),
    ],
)
def test_ipv6_counts_per_64_and_ipv4_per_address(first, second, same):
    assert (
        ratelimit.client_address(visitor(first)) == ratelimit.client_address(visitor(second))
    ) is same


def test_behind_a_proxy_the_address_it_saw_counts_not_what_the_client_claims(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = visitor("10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.23")
    assert ratelimit.client_address(request) == "198.51.100.23"
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_address(request) == "10.0.0.1"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "\x00", "1.2.3.4," * 500])
def test_missing_or_garbage_forwarded_headers_still_count(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    request = visitor(HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.count_submission(request, "signup") is False
    assert ratelimit.count_submission(request, "signup") is True


def test_a_cache_that_is_down_lets_the_person_through_and_logs_it(settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with caplog.at_level(logging.WARNING, logger="groups.publicforms.ratelimit"):
        assert ratelimit.count_submission(visitor(), "signup") is False
    assert "the cache failed" in caplog.text
    assert ADDRESS not in caplog.text


def test_redis_url_selects_the_redis_backend_and_locmem_is_the_default():
    code = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'])"
    with_redis = run_manage(
        "shell", "--no-imports", "-c", code, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert with_redis.returncode == 0, with_redis.stderr
    # Django's own, with one client per pool (linkcentre/cache.py).
    assert with_redis.stdout.strip() == "linkcentre.cache.RedisCache"
    without = run_manage("shell", "--no-imports", "-c", code, DEBUG="1", REDIS_URL="")
    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
