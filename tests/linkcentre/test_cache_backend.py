"""The Redis cache backend (linkcentre/cache.py): Django's, with one client per pool, and keys
watched by Redis's client tracking."""

import multiprocessing
import os
import time

import pytest
import redis
from django.core.cache import caches

from linkcentre.cache import RedisCache, WatchedKeys


def test_one_client_serves_every_command_and_the_cache_works(redis_cache):
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    client = cache._cache
    # One server: reads and writes share its pool, so they share the client too.
    assert client.get_client() is client.get_client(write=True)
    cache.set("answer", 42)
    assert cache.get("answer") == 42
    assert cache.get_many(["answer", "missing"]) == {"answer": 42}
    assert cache.incr("answer") == 43
    cache.delete("answer")
    assert cache.get("answer") is None


# --- keys watched by client tracking (WatchedKeys) ---------------------------------------------


@pytest.fixture
def watched(other_worker_cache):
    """The default cache, and another worker's (tests/conftest.py)."""
    return caches["default"], other_worker_cache


def commands_sent(cache, monkeypatch):
    """The commands the watch's own connection sends from now on."""
    cache.get_watched("warm-up")
    connection = cache._watched_keys()._connection
    sent = []
    original = connection.send_command
    monkeypatch.setattr(
        connection, "send_command", lambda *args, **kw: sent.append(args) or original(*args, **kw)
    )
    return sent


def test_a_watched_key_is_read_once_and_then_known_in_memory(watched, monkeypatch):
    cache, _other = watched
    cache.set("version", 7, None)
    sent = commands_sent(cache, monkeypatch)
    assert [cache.get_watched("version") for _ in range(3)] == [7, 7, 7]
    assert sent == [("GET", cache.make_and_validate_key("version"))]
    assert cache.get_watched("missing", default="none") == "none"


def test_a_write_by_another_worker_is_seen_by_the_next_read_after_its_barrier(watched):
    # The whole promise: once a writer's barrier has returned, no watched read is old. Many
    # rounds, as a lost push would show only now and then.
    cache, other = watched
    assert cache.get_watched("version") is None
    stale = []
    for value in range(500):
        other.set("version", value, None)
        other.barrier()
        if (seen := cache.get_watched("version")) != value:
            stale.append((value, seen))
    assert stale == []


def test_a_write_by_another_process_is_seen_after_its_barrier(watched):
    cache, _other = watched
    context = multiprocessing.get_context("fork")
    for value in range(20):
        assert cache.get_watched("version") in (None, value - 1)
        child = context.Process(target=write_in_a_new_process, args=(cache, value))
        child.start()
        child.join(10)
        assert child.exitcode == 0
        assert cache.get_watched("version") == value


def write_in_a_new_process(cache, value):
    # The child's copy of the backend; its first command makes connections of its own.
    other = RedisCache(cache._servers[0], {"KEY_PREFIX": cache.key_prefix})
    other.set("version", value, None)
    other.barrier()
    os._exit(0)  # noqa: SLF001 - no test teardown in the child


def test_deleted_and_expired_keys_are_forgotten(watched, redis_cache):
    client, _prefix = redis_cache
    cache, other = watched
    cache.set("version", 1, None)
    assert cache.get_watched("version") == 1
    other.delete("version")
    other.barrier()
    assert cache.get_watched("version") is None
    cache.set("version", 2, None)
    assert cache.get_watched("version") == 2
    client.pexpire(cache.make_and_validate_key("version"), 50)
    time.sleep(0.3)  # Redis expires it on its own, and tells the watch
    assert cache.get_watched("version") is None


def test_a_dropped_connection_is_made_again_with_tracking_on(watched, redis_cache):
    client, _prefix = redis_cache
    cache, other = watched
    cache.set("version", 1, None)
    assert cache.get_watched("version") == 1
    connection = cache._watched_keys()._connection
    connection.send_command("CLIENT", "ID")
    watch_id = connection.read_response()
    client.client_kill_filter(_id=watch_id)
    other.set("version", 2, None)  # while no connection watches
    other.barrier()
    assert cache.get_watched("version") == 2
    other.set("version", 3, None)  # the new connection is tracked too
    other.barrier()
    assert cache.get_watched("version") == 3


def test_a_forked_worker_watches_on_a_connection_of_its_own(watched):
    cache, _other = watched
    cache.set("version", 1, None)
    assert cache.get_watched("version") == 1
    parent_connection = cache._watched_keys()._connection
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            cache.set("version", 2, None)
            ok = cache.get_watched("version") == 2
            ok = ok and cache._watched_keys()._connection is not parent_connection
            os.write(writer, b"y" if ok else b"n")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(reader, 1) == b"y"
    # The parent's connection was left alone, and was told of the child's write.
    assert cache.get_watched("version") == 2


def test_a_server_without_client_tracking_is_read_each_time(watched, monkeypatch):
    cache, other = watched
    cache.set("version", 1, None)

    def refused(self, connection):
        raise redis.ResponseError("ERR unknown command 'CLIENT|TRACKING'")  # Redis 5

    monkeypatch.setattr(WatchedKeys, "_tracking_on", refused)
    assert cache.get_watched("version") == 1
    other.set("version", 2, None)
    assert cache.get_watched("version") == 2  # no barrier needed: a plain read
