"""What the rooms pages keep in the shared cache, and when it can be trusted.

Entries are filed under the rooms' version (``settings.ROOMS_CACHE_VERSION_KEY``), which
``linkcentre.pagecache`` bumps after commit on any write to a rooms table (and a group's edit
leaves alone). The version is read before the database, so an entry built after reading it
is at least as new as it; the next write moves every reader to a new version and the old
entries simply expire.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache


def trusted_version():
    """The current version, or None when nothing may be kept: without a shared cache (one
    worker's memory would keep a week past another worker's bump), with the page cache off (no
    bumps are registered) or before the page cache has made a version (the rooms pages never
    make one: a version they made could be older than a bump they missed)."""
    if not (settings.ROOMS_SHARED_CACHE and settings.PUBLIC_PAGE_CACHE_SECONDS > 0):
        return None
    # With the project's Redis backend, from this worker's memory until Redis says it changed.
    get = getattr(cache, "get_watched", cache.get)
    return get(settings.ROOMS_CACHE_VERSION_KEY)


def get_or_build(key, build, *, usable=None, recent=None):
    """``build()``'s value, kept under ``key`` for as long as the page cache keeps pages. A kept
    value that ``usable`` (when given) turns down is built again: what time alone changes.
    ``recent``: also kept in this worker's memory (a ``Recent``), for a value whose unpickling
    costs more than it is worth, for as long again from when this worker read it (so up to
    twice as long as the shared entry, with ``usable`` asked each time); the caller must then
    leave the value as it is."""
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    if recent is not None and (mine := recent.get(key)) is not None:
        expires, found = mine
        if time.monotonic() < expires and (usable is None or usable(found)):
            return found
    found = cache.get(key)
    if found is None or (usable is not None and not usable(found)):
        found = build()
        cache.set(key, found, seconds)
    if recent is not None:
        recent.put(key, (time.monotonic() + seconds, found))
    return found


class Recent:
    """At most ``size`` values in this worker's memory, the least recently used out first."""

    def __init__(self, size):
        self.size = size
        self._values = OrderedDict()
        self._lock = threading.Lock()  # a worker with threads shares it

    def get(self, key):
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def __len__(self):
        return len(self._values)

    def put(self, key, value):
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)


def digest(ids):
    """A short fixed-length name for a list of ids (a page's rooms), for use in a key."""
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
