"""What the rooms pages keep in the shared cache, and when it can be trusted.

Entries are filed under the rooms' version (``settings.ROOMS_CACHE_VERSION_KEY``), which
``linkcentre.pagecache`` bumps after commit on any write to a rooms table (and a group's edit
leaves alone). The version is read before the database, so an entry built after reading it
is at least as new as it; the next write moves every reader to a new version and the old
entries simply expire.
"""

import hashlib

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


def get_or_build(key, build, *, usable=None):
    """``build()``'s value, kept under ``key`` for as long as the page cache keeps pages. A kept
    value that ``usable`` (when given) turns down is built again: what time alone changes."""
    found = cache.get(key)
    if found is None or (usable is not None and not usable(found)):
        found = build()
        cache.set(key, found, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return found


def kept(key, build, *, models):
    """``build()``'s value, kept in this worker's memory under the rooms' version when it reads
    only tables of the rooms app (every write to one moves that version) and the version can be
    trusted; otherwise built each time. For small values that staff pages ask for on every
    request and a write seldom changes. Not in the shared cache: a round trip and unpickling
    the bookings' 307 organisations cost a third of building them."""
    version = trusted_version()
    if version is None or any(model._meta.app_label != "rooms" for model in models):
        return build()
    found = _kept.get(key)
    if found is None or found[0] != version:
        found = (version, build())
        _kept[key] = found
    return found[1]


# key -> (version, value). The keys are made by code, so they are few: one per list, filter,
# database and language.
_kept = {}


def digest(ids):
    """A short fixed-length name for a list of ids (a page's rooms), for use in a key."""
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
