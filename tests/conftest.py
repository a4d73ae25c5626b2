"""Fixtures shared by every app's tests. App-specific fixtures live in tests/<app>/conftest.py."""

import os
import uuid

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def fast_password_hashing_everywhere(settings):
    """Production hashes with Argon2, which is slow on purpose; tests that make logins need no
    strong hash. tests/linkcentre/test_security.py checks the production hashers themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staff", password="staff-password-123", is_staff=True
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="boss", password="boss-password-123", email="boss@example.org"
    )


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL's own features; on SQLite they are skipped."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


# --- cache (h3) ---
# Each test gets a cache of its own, so rate-limit counters never leak from one test to the next.
# With REDIS_URL set (CI) the suite still uses memory here; the tests that need Redis ask for
# `redis_cache`.
@pytest.fixture(autouse=True)
def isolated_cache(settings, request):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture
def redis_cache(settings, monkeypatch):
    """The default cache on the real Redis at REDIS_URL (127.0.0.1:6379 when unset), under a key
    prefix of this test's own; its keys are deleted afterwards. Skipped when Redis does not
    answer, with the reason."""
    import redis
    from django.core.cache.backends.redis import RedisCacheClient

    # Django's Redis cache never closes its connection pools (one per thread's cache); close
    # them here, or their sockets are reported as unclosed and warnings are errors.
    pools = set()
    open_pool = RedisCacheClient._get_connection_pool

    def tracked(self, write):
        pool = open_pool(self, write)
        pools.add(pool)
        return pool

    monkeypatch.setattr(RedisCacheClient, "_get_connection_pool", tracked)

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        reason = f"Redis at {url} does not answer ({error}); CI starts one (.ci/run)"
        if os.environ.get("CI_REQUIRE_REDIS"):
            pytest.fail(reason)
        pytest.skip(reason)
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield client, prefix
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()
    for pool in pools:
        pool.disconnect()
