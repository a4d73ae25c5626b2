"""The shared cache's one rule for what the rooms pages keep in it: only under the page cache's
version (``settings.PAGE_CACHE_VERSION_KEY``), which is bumped after commit by any write to a
rooms table (``linkcentre.pagecache``), so what a booking, cancellation or closure changes shows
on the next request."""

from django.conf import settings
from django.core.cache import cache


def trusted_version():
    """The current version, or None when an entry kept under it could go stale unnoticed.

    Trusted only with a cache every worker shares (``ROOMS_WEEK_CACHE``) and while the page
    cache is on: with ``PUBLIC_PAGE_CACHE_SECONDS`` 0 no bumps are registered. Read it before
    the database: what is read after it is at least as new as it."""
    if not (settings.ROOMS_WEEK_CACHE and settings.PUBLIC_PAGE_CACHE_SECONDS > 0):
        return None
    return cache.get(settings.PAGE_CACHE_VERSION_KEY)
