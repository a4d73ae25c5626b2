"""Fixtures shared by every app's tests: password hashing, the active language, factory
sequences, caches. App-specific fixtures live in tests/<app>/conftest.py and read in one line
each (the data comes from tests/factories.py); plain helpers live in modules such as
tests/dates.py and tests/<app>/helpers.py, never in a conftest."""

import os
import uuid

import pytest
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import factories

# The groups world (centre, partner, room, make_group) is shared with the browser tests.
pytest_plugins = ["tests.groups.world"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production hashes with Argon2, which is slow on purpose; tests that make logins need no
    strong hash. tests/linkcentre/test_security.py checks the production hashers themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def suite_language():
    """The language active while a test runs: None leaves Django's own choice (LANGUAGE_CODE,
    then whatever a request activates). A folder's conftest overrides this fixture in one line,
    e.g. rooms and outreach, whose assertions read the English source messages."""
    return None


@pytest.fixture(autouse=True)
def active_language(suite_language):
    """Requests to /en/ leave English active in the test thread; a folder that names a language
    starts every test in it, and gets it back afterwards."""
    if suite_language is None:
        yield
        return
    with translation.override(suite_language):
        yield


@pytest.fixture(autouse=True)
def fresh_factory_sequences():
    """Every test numbers its factory-made names from 1 (Gruppe 1, person1@example.org)."""
    for factory_class in factories.ALL:
        factory_class.reset_sequence(1, force=True)


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory(username="staff", password="staff-password-123")


@pytest.fixture
def superuser(db):
    return factories.SuperuserFactory(username="boss", password="boss-password-123")


@pytest.fixture
def opening_hours(db):
    """The centre open 08–22 every day (the rooms' booking rules need opening hours)."""
    return factories.open_every_day()


@pytest.fixture
def rooms_cache_on(settings):
    """What the rooms pages keep under the rooms' version, kept (rooms/shared_cache.py): as with
    Redis in production, where every worker shares the cache the versions are bumped in."""
    from django.core.cache import cache

    from linkcentre import pagecache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    settings.ROOMS_SHARED_CACHE = True
    cache.clear()
    pagecache.bump()
    yield
    cache.clear()


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
    from linkcentre.pagecache import _local

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }
    # The page cache's copies in this process's memory, too (they would only be refused, being
    # of another cache's version).
    _local.clear()


@pytest.fixture
def wsgi_client():
    """Requests through the WSGI application gunicorn serves, the page front included
    (tests/wsgi_client.py), which forgets the addresses of earlier tests."""
    from linkcentre.wsgi import application
    from tests.wsgi_client import WsgiClient

    application.known.clear()
    yield WsgiClient(application)
    application.known.clear()


@pytest.fixture
def redis_cache(settings, monkeypatch):
    """The default cache on the real Redis at REDIS_URL (127.0.0.1:6379 when unset), under a key
    prefix of this test's own; its keys are deleted afterwards. Skipped when Redis does not
    answer, with the reason."""
    import redis
    from django.core.cache.backends.redis import RedisCacheClient

    from linkcentre.cache import close_watched_connections

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
            "BACKEND": "linkcentre.cache.RedisCache",  # the backend production uses
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
    close_watched_connections()


@pytest.fixture
def no_redis_command(monkeypatch):
    """A context in which any command the default cache sends to Redis fails the test (a hit
    from a worker's memory sends none). For after a first watched read, which connects."""
    from contextlib import contextmanager

    from django.core.cache import caches

    def no_round_trip(*args, **kwargs):
        raise AssertionError("a command was sent")

    @contextmanager
    def forbidden():
        backend = caches["default"]
        with monkeypatch.context() as patched:
            patched.setattr(backend._cache, "get_client", no_round_trip)
            patched.setattr(backend._watched_keys()._connection, "send_command", no_round_trip)
            yield

    return forbidden


@pytest.fixture
def other_worker_cache(redis_cache):
    """Another gunicorn worker's view of the same Redis as the default cache: a backend of its
    own (its own pool and connections) under the same key prefix."""
    from django.core.cache import caches

    from linkcentre.cache import RedisCache

    _client, prefix = redis_cache
    other = RedisCache(caches["default"]._servers[0], {"KEY_PREFIX": prefix})
    yield other
    other._cache._get_connection_pool(write=True).disconnect()


# --- Hypothesis (property-based tests, tests/*/test_fuzz.py) ------------------------------------
# "ci" keeps every fuzz module well under a minute; HYPOTHESIS_PROFILE=thorough for a long run.
# Examples share the data a test's fixtures built once (each runs in its own savepoint), hence
# the function-scoped fixture health check is off. No example database: runs stay reproducible
# from the seed Hypothesis prints, and nothing is written into the work tree.
hypothesis_settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "thorough", parent=hypothesis_settings.get_profile("ci"), max_examples=500
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
