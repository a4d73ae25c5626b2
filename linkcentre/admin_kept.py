"""What a large change list (admin.py LARGE_CHANGE_LISTS) reads on every page and a write
seldom changes: its relation filters' choices, the whole table's count, its first and last
date. Kept in this worker's memory under the data's version (``pagecache.data_version``),
which every write to a table of the project's apps, or to the users, moves after commit; the
value is read again on the first page after one.

At national scale these were a quarter to a third of each list's time: the bookings' 307
organisations and 50 rooms read and built as model instances on every page, the count of
560,000 bookings (SQLite counts them one by one), the registrations' groups looked up for each
of 5,000.

Only with a cache every worker shares (Redis, ``ROOMS_SHARED_CACHE``): the version is then
known in each worker until Redis says it changed, and a bump returns only once every worker has
been told (``linkcentre.cache``). In one process's memory a bump would reach that process only.
Nothing is kept with the page cache off, when no bumps are made.
"""

from django.conf import settings

from linkcentre import pagecache

# key -> (version, value). The keys are made by code, not by requests: one per list, filter
# and language (the related-only choices: also per set of rows they are found among).
_kept = {}


def kept(key, build, *, models):
    """``build()``'s value, kept under the data's version when it reads only the models' tables
    and each of them moves that version; otherwise built each time."""
    if not (settings.ROOMS_SHARED_CACHE and pagecache.seconds() > 0):
        return build()
    if any(model._meta.db_table not in pagecache.data_tables() for model in models):
        return build()
    # The version before the read: what is built is at least as new as it.
    version = pagecache.data_version()
    found = _kept.get(key)
    if found is None or found[0] != version:
        found = (version, build())
        _kept[key] = found
    return found[1]
