"""The Redis cache backend (linkcentre/cache.py): Django's, with one client per pool."""

from django.core.cache import caches

from linkcentre.cache import RedisCache


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
