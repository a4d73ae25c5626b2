"""The Redis cache backend: Django's, with one client per connection pool, and a few keys
whose values each process keeps until Redis says they changed.

Django's ``RedisCacheClient`` makes a new ``redis.Redis`` for every command, and each one builds
its table of about 170 response callbacks: on a cached page, whose whole work is one or two
cache reads, that was a quarter of the time in the app (0.2 of 0.8 ms for the national Meeting
Guide feed from a worker's memory). A ``redis.Redis`` is meant to be shared: it holds no
connection of its own, only the pool, which hands out connections per command and knows a
forked process from its parent.
"""

import os
import threading
import weakref

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

# Every WatchedKeys alive, so a test can close their connections (Django closes no cache).
_watches = weakref.WeakSet()


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class WatchedKeys:
    """Values of a few keys, read once and then known in this process until Redis says that
    one of them changed: Redis's client tracking (RESP3, Redis 6 and later) on one connection
    of its own.

    Redis remembers which keys this connection read and pushes an ``invalidate`` message on it
    when one of them is written, deleted, expires, is evicted or the database is flushed. So
    anything waiting on the connection means "what you hold may be old", and everything is
    forgotten and read again; a read with nothing waiting costs one poll of the socket and no
    round trip. Each (re)connection turns tracking on and forgets too: pushes may have been
    lost with the old connection.

    Why no reader goes on with an old value once the writer has gone on: Redis sends the push
    in the same pass of its event loop as the reply to the write, and a command that arrives
    after the reply is run in a later pass. A writer that sends one more command after its
    write and waits for the answer (``RedisCache.barrier``) therefore knows the push has been
    written to every reader's socket: on one machine it is then in the reader's receive queue,
    and the reader's next poll finds it.
    """

    def __init__(self, make_connection):
        self._make_connection = make_connection
        self._connection = None
        self._pid = None
        self._values = {}
        self._lock = threading.Lock()  # a worker with threads shares one connection per cache
        _watches.add(self)

    def get(self, key):
        with self._lock:
            try:
                return self._get(key)
            except redis.ConnectionError:
                # Dropped (Redis restarted, an idle timeout): once more, on a new connection.
                self._drop_connection()
                return self._get(key)

    def close(self):
        with self._lock:
            self._drop_connection()

    def _get(self, key):
        connection = self._connection_here()
        if connection.can_read(timeout=0):
            self._values.clear()
            while connection.can_read(timeout=0):
                connection.read_response(push_request=True)
        if key in self._values:
            return self._values[key]
        connection.send_command("GET", key)
        value = connection.read_response(disable_decoding=True)
        self._values[key] = value
        return value

    def _connection_here(self):
        if self._connection is None or self._pid != os.getpid():
            # A forked worker makes its own: the socket it inherited is its parent's.
            # It connects on first use, and _tracking_on forgets what the old one heard.
            self._connection, self._pid = self._make_connection(), os.getpid()
            self._connection.register_connect_callback(self._tracking_on)
        return self._connection

    def _tracking_on(self, connection):
        connection.send_command("CLIENT", "TRACKING", "ON")
        reply = connection.read_response()
        if reply not in (b"OK", "OK"):
            raise redis.ConnectionError(f"CLIENT TRACKING ON answered {reply!r}")
        self._values.clear()

    def _drop_connection(self):
        if self._connection is not None and self._pid == os.getpid():
            self._connection.disconnect()
        self._connection = None
        self._values.clear()


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
        self._watched = None
        self._watched_names = {}
        self._tracking_refused = False

    def get_watched(self, key, default=None, version=None):
        """``get``, answered from this process's memory until Redis says the key changed (see
        ``WatchedKeys``). For a small value read on every request and written rarely: the page
        cache's version."""
        if self._tracking_refused:
            return self.get(key, default, version)
        try:
            raw = self._watched_keys().get(self._watched_name(key, version))
        except redis.ResponseError:
            # A server without RESP3 or client tracking (before Redis 6): read each time.
            self._tracking_refused = True
            self._watched.close()
            return self.get(key, default, version)
        return default if raw is None else self._cache._serializer.loads(raw)

    def _watched_name(self, key, version):
        # Made and validated once: the key is read on every request, and validating it walks
        # each of its characters.
        name = self._watched_names.get((key, version))
        if name is None:
            name = self._watched_names[key, version] = self.make_and_validate_key(key, version)
        return name

    def barrier(self):
        """One command after the writes before it, answered: every process that keeps one of
        their keys by ``get_watched`` has been sent its invalidation."""
        self._cache.get_client(write=True).ping()

    def _watched_keys(self):
        if self._watched is None:
            # The server and options of the pool that writes, speaking RESP3 for the pushes.
            pool = self._cache._get_connection_pool(write=True)
            options = {**pool.connection_kwargs, "protocol": 3}
            self._watched = WatchedKeys(lambda: pool.connection_class(**options))
        return self._watched


def close_watched_connections():
    for watch in list(_watches):
        watch.close()
