"""Whole anonymous public pages and feeds from the shared cache, dropped when what they show
changes.

Anonymous public pages and feeds are read far more often than they change. The middleware keeps
each one's finished response in the default cache (Redis with ``REDIS_URL``, so every gunicorn
worker shares it), per host, path (which carries the language: ``/en/…``) and query string,
together with the *version* it was made under. One ``get_many`` answers a request: the page and
the current version; a page made under an older version is made again.

What is never cached: a request with a session or messages cookie (everyone logged in has one,
and so has someone halfway through the sign-up), anything but GET, a view not in
``CACHED_VIEWS``, and any response that sets a cookie (a CSRF token, a session, a message) or
says ``private``/``no-store``/``no-cache``. So nothing personal is stored and a page with a
form that needs CSRF is never stored whole.

The version is bumped after commit whenever a write reaches a table these pages read (groups,
memberships, the rooms app's bookings, series, closures, rooms, organisations, and research).
It is watched at the one place every write passes, the database cursor: model signals miss the
``update()``, ``bulk_create()`` and ``bulk_update()`` that the rooms services (cancelling a
series, approving it), the research admin's publish actions and the listing confirmations use,
and calling a bump from each service would miss the admin's own saves and need every app to
import the project. The check is a regular expression on statements that begin with INSERT,
UPDATE or DELETE; one bump is queued per transaction, however many statements it writes.
``PUBLIC_PAGE_CACHE_SECONDS`` bounds what time alone changes (the next meeting once one has
begun); 0 turns the cache off.

A write to any other table of the project's apps (or to the users) moves only the *data's
version*, under which the admin's large lists keep what they read on every page
(``linkcentre/admin_kept.py``); the pages' version, and so the pages, stay as they are.

Each worker also keeps the pages it served in its own memory, decompressed, up to
``PUBLIC_PAGE_CACHE_MEMORY_BYTES``, under the version they were made with; a hit on one reads
only the version. With Redis the worker keeps the version too, until Redis tells it that the
version changed (``linkcentre.cache.WatchedKeys``), and a bump returns only once every worker
has been told: so a hit costs no round trip at all and is still never stale. That round trip
was most of a hit's cost (in ``make bench`` the national feeds went from 0.66–0.72 to
0.87–0.94 of the floor, the home page from 1.7 to 3.2 times it).

A page replayed from a worker's memory marks the request (``REPLAYED``), and the WSGI
application (``linkcentre.pagefront``) then answers the next request for the same address
itself, before Django builds a request, under the same version and expiry.
"""

import functools
import gzip
import hashlib
import re
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

# In settings, because the rooms app keeps what it makes under the rooms' version
# (rooms/shared_cache.py) and no app imports the project.
VERSION_KEY = settings.PAGE_CACHE_VERSION_KEY
ROOMS_VERSION_KEY = settings.ROOMS_CACHE_VERSION_KEY
# The data's version: moved by a write to any table of the project's apps, or to the users
# (staff are the outreach lists' filter choices), as the pages' version is by the tables they
# read. What the admin's large lists keep between writes is kept under it (admin_kept.py).
DATA_VERSION_KEY = "pagecache:version:data"
DATA_APPS = ("groups", "rooms", "outreach", "research")
DATA_MODELS = ("auth.User",)
PAGE_KEY = "pagecache:page:"
# Set in the WSGI environment when a page is replayed from this worker's memory: (key, entry),
# for linkcentre.pagefront to answer the next request for it before Django.
REPLAYED = "linkcentre.pagecache.replayed"
FEEDS = frozenset({"groups:meeting_guide", "groups:calendar", "groups:group_calendar"})
CACHED_VIEWS = FEEDS | {
    "home",
    "groups:list",
    "groups:detail",
    "groups:helpers",
    "research:index",
    "research:principle",
    "research:professionals",
    "research:handout",
}
# The tables those pages read: every model of these apps, and these models of groups (not its
# personal data: registrations and sign-ups change no public page).
WATCHED_APPS = ("rooms", "research")
WATCHED_MODELS = (
    "groups.Group",
    "groups.Membership",
    "groups.InfoMeeting",
    "groups.ContactMeeting",
)
NO_STORE = ("private", "no-store", "no-cache")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The request headers that make a response conditional (RFC 9110 section 13.1). Most requests
# carry none, and parsing absent validators was a tenth of a hit's time.
CONDITIONS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)
WRITE = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE)


def seconds():
    return settings.PUBLIC_PAGE_CACHE_SECONDS


@checks.register(checks.Tags.caches)
def check_shared_cache(app_configs=None, **kwargs):
    """The page cache in each process's own memory: a bump reaches only the process that made
    it, so with several gunicorn workers the others go on serving the old pages."""
    backend = settings.CACHES["default"]["BACKEND"]
    if seconds() > 0 and backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "PUBLIC_PAGE_CACHE_SECONDS is on with an in-process cache.",
                hint="Set REDIS_URL, or PUBLIC_PAGE_CACHE_SECONDS=0, unless one process serves.",
                id="linkcentre.W001",
            )
        ]
    return []


# --- the version ------------------------------------------------------------------------------


def bump(*, rooms=True, pages=True):
    """A new version: every page made before is made again. The version is the time in
    microseconds, so it also serves as the feeds' Last-Modified. ``rooms``: a rooms table was
    written, so the rooms' version moves too (it is also made when missing, as the pages' is).
    The data's version moves with every bump; ``pages=False``: only it (a table no page
    reads was written)."""
    now = time.time_ns() // 1000
    old = cache.get_many([VERSION_KEY, DATA_VERSION_KEY])
    version = max(now, old.get(VERSION_KEY, 0) + 1)
    if pages:
        cache.set(VERSION_KEY, version, None)
        if rooms:
            cache.set(ROOMS_VERSION_KEY, version, None)
        else:
            cache.add(ROOMS_VERSION_KEY, version, None)
    cache.set(DATA_VERSION_KEY, max(version, old.get(DATA_VERSION_KEY, 0) + 1), None)
    # Workers that keep the version in memory (current_version) have been told when this
    # returns, so the writer's own answer, and every request after it, sees the new pages.
    if (barrier := getattr(cache, "barrier", None)) is not None:
        barrier()
    return version


def _watched(key):
    get = getattr(cache, "get_watched", cache.get)
    return get(key)


def current_version():
    """The pages' version. With Redis, kept in this worker until Redis says it changed
    (``linkcentre.cache.WatchedKeys``): a page in the worker's memory is then served with no
    round trip at all, yet never after a bump has returned."""
    return _watched(VERSION_KEY) or bump()


def data_version():
    """The data's version, known in this worker as the pages' is (``current_version``)."""
    return _watched(DATA_VERSION_KEY) or bump(pages=False)


class BumpAfterCommit:
    """The bump one transaction queues, marked with the transaction it was queued for, and
    whether any of its writes reached a rooms table, or a table a page reads."""

    def __init__(self, transaction_key, *, rooms, pages=True):
        self.transaction_key = transaction_key
        self.rooms = rooms
        self.pages = pages
        self.ran = False

    def __call__(self):
        # A test's ``captureOnCommitCallbacks(execute=True)`` runs it but leaves it queued.
        self.ran = True
        bump(rooms=self.rooms, pages=self.pages)


OWN_TRANSACTION = "transaction"


def _transaction_key(connection):
    """What names the transaction the code opened: its outermost atomic block that is not a
    test case's wrapper. That block is the real transaction (``OWN_TRANSACTION``), or in a test
    the savepoint it made (its id, new for each entry). None: no transaction of the code's own
    (autocommit, or a test's body), where each write stands alone."""
    blocks = connection.atomic_blocks
    # Every block but the outermost made a savepoint entry (an id, or None without one).
    offset = len(connection.savepoint_ids) - len(blocks)
    for index, block in enumerate(blocks):
        if not block._from_testcase:
            return (
                OWN_TRANSACTION if index + offset < 0 else connection.savepoint_ids[index + offset]
            )
    return None


def _bump_after_commit(connection, *, rooms, pages=True):
    """Queue one bump per transaction: a cancellation writes three statements to watched
    tables, and one bump after commit drops the pages as well as three.

    The queue itself says whether one is due: Django drops the callbacks registered inside a
    savepoint when that is rolled back, and all of them when the transaction is, so a bump for
    this transaction still in the queue is one it still needs, and none found means this write
    must queue one. Outside a transaction each statement commits alone and ``on_commit`` bumps
    at once: each such write is its own bump. A rooms write marks the queued bump as moving the
    rooms' version too (if that write's savepoint is rolled back, the rooms' caches are merely
    made again once more).
    """
    key = _transaction_key(connection) if connection.in_atomic_block else None
    if key is not None:
        for _savepoints, func, _robust in connection.run_on_commit:
            if isinstance(func, BumpAfterCommit) and func.transaction_key == key and not func.ran:
                func.rooms = func.rooms or rooms
                func.pages = func.pages or pages
                return
    transaction.on_commit(BumpAfterCommit(key, rooms=rooms, pages=pages), using=connection.alias)


def watched_tables(models=None):
    if models is None:
        models = [m for label in WATCHED_APPS for m in apps.get_app_config(label).get_models()]
        models += [apps.get_model(label) for label in WATCHED_MODELS]
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        tables.update(
            field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
        )
    return frozenset(tables)


@functools.cache
def data_tables():
    """The tables whose writes move the data's version: every watched table among them
    (tests/linkcentre/test_pagecache.py checks that)."""
    models = [m for label in DATA_APPS for m in apps.get_app_config(label).get_models()]
    return watched_tables(models + [apps.get_model(label) for label in DATA_MODELS])


class WriteWatcher:
    """A database execute wrapper: a write to a watched table bumps the version on commit, a
    write to another table of the data only the data's version."""

    def __init__(self):
        self.tables = watched_tables()
        self.rooms_tables = watched_tables(apps.get_app_config("rooms").get_models())
        self.data_tables = data_tables()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        # With the page cache off nothing is stored, so there is nothing to drop (and the test
        # suite, which runs with it off, sees only its own after-commit callbacks).
        if seconds() > 0 and (match := WRITE.match(sql)) and match.group(1) in self.data_tables:
            table = match.group(1)
            _bump_after_commit(
                context["connection"],
                rooms=table in self.rooms_tables,
                pages=table in self.tables,
            )
        return result


_watcher = None


def watch_connection(sender, connection, **kwargs):
    """``connection_created``: add the watcher once to each connection (it stays for the
    connection object's life, reconnections included)."""
    global _watcher
    if _watcher is None:
        _watcher = WriteWatcher()
    if _watcher not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watcher)


# --- the pages in this worker's memory ---------------------------------------------------------


class LocalPages:
    """The decompressed body and the gzip of cached pages, least recently used first out, at
    most ``PUBLIC_PAGE_CACHE_MEMORY_BYTES`` in all. An entry is served only while its version
    is the current one and it has not outlived the shared cache's entry."""

    def __init__(self):
        self.pages = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()  # a worker with threads shares this

    def get(self, key):
        with self.lock:
            entry = self.pages.get(key)
            if entry is not None:
                self.pages.move_to_end(key)
            return entry

    def keep(self, key, entry, body=None):
        limit = settings.PUBLIC_PAGE_CACHE_MEMORY_BYTES
        length = entry.get("length", 0)  # none in an entry made before this code
        size = length + len(entry["gzip"])
        if size > limit:
            return
        body = body if body is not None else gzip.decompress(entry["gzip"])
        with self.lock:
            self._drop(key)
            self.pages[key] = entry | {"body": body, "size": size}
            self.size += size
            while self.size > limit:
                self._drop(next(iter(self.pages)))

    def drop(self, key):
        with self.lock:
            self._drop(key)

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size = 0

    def _drop(self, key):
        entry = self.pages.pop(key, None)
        if entry is not None:
            self.size -= entry["size"]


_local = LocalPages()


# --- the middleware ---------------------------------------------------------------------------


def page_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY + hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_serve(request):
            return self.get_response(request)
        key = page_key(request)
        if (local := _local.get(key)) is not None:
            # Only the version: the page is here already.
            if is_current(local):
                request.META[REPLAYED] = (key, local)
                return self.replay(request, local)
            # Out of date: another worker may have made it again already.
            _local.drop(key)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or bump()
        entry = found.get(key)
        if entry is not None and entry["version"] == version:
            _local.keep(key, entry)
            return self.replay(request, entry)
        response = self.get_response(request)
        if self.may_store(request, response):
            response = self.store(request, response, key, version)
        return response

    @staticmethod
    def may_serve(request):
        return may_serve(method=request.method, cookies=request.COOKIES, meta=request.META)

    @staticmethod
    def may_store(request, response):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and match is not None
            and match.view_name in CACHED_VIEWS
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (session is not None and session.modified)
            and not (user is not None and user.is_authenticated)
            and not any(word in cache_control for word in NO_STORE)
        )

    @staticmethod
    def store(request, response, key, version):
        entry = {
            "version": version,
            "status": response.status_code,
            "etag": None,
            "expires": time.time() + seconds(),
            "length": len(response.content),
        }
        patch_vary_headers(response, ["Accept-Encoding"])
        if request.resolver_match.view_name in FEEDS:
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            # Weak: the same feed is sent gzipped or not, byte-different but equivalent.
            entry["etag"] = response["ETag"] = f'W/"{digest}"'
            entry["last_modified"] = version // 1_000_000
            response["Last-Modified"] = http_date(entry["last_modified"])
        entry["headers"] = {
            name: value for name, value in response.items() if name != "Content-Length"
        }
        # Kept gzipped: a cached page holds nothing secret (no CSRF token, nothing personal),
        # so compressing it cannot leak one (BREACH), and the national Meeting Guide feed
        # shrinks from 1.2 MB to a tenth in Redis and on the wire for every client that
        # accepts gzip (browsers, meeting finders and calendar apps do).
        entry["gzip"] = gzip.compress(response.content, compresslevel=6, mtime=0)
        cache.set(key, entry, seconds())
        _local.keep(key, entry, body=response.content)
        response["X-Page-Cache"] = "miss"
        if asks_conditionally(request, entry):
            return get_conditional_response(
                request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
            )
        return response

    @staticmethod
    def replay(request, entry):
        if asks_conditionally(request, entry):
            # A feed reader that has this version: answer before unpacking a megabyte.
            answer = get_conditional_response(
                request, etag=entry["etag"], last_modified=entry["last_modified"]
            )
            if answer is not None:
                for name in ("ETag", "Last-Modified", "Vary"):
                    if name in entry["headers"]:
                        answer[name] = entry["headers"][name]
                answer["X-Page-Cache"] = "hit"
                return answer
        if accepts_gzip(request.META):
            response = HttpResponse(entry["gzip"], status=entry["status"])
            response["Content-Encoding"] = "gzip"
        else:
            body = entry.get("body") or gzip.decompress(entry["gzip"])
            response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(response.content))
        response["X-Page-Cache"] = "hit"
        return response


def may_serve(*, method, cookies, meta):
    """Who may be served a cached page: a GET with no session or messages cookie and no
    ``Authorization``, while the cache is on (``meta``: the request's WSGI environment)."""
    return (
        seconds() > 0
        and method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies  # django.contrib.messages' cookie storage
        and "HTTP_AUTHORIZATION" not in meta
    )


def is_current(local):
    """A page in this worker's memory may be served: made under the current version, and not
    outliving the shared cache's entry."""
    return local["version"] == current_version() and local.get("expires", 0) > time.time()


def accepts_gzip(meta):
    return ACCEPTS_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", "")) is not None


def is_conditional(meta):
    return any(name in meta for name in CONDITIONS)


def asks_conditionally(request, entry):
    """A feed (the pages with validators) asked for with If-None-Match, If-Modified-Since or
    their opposites: Django's ``get_conditional_response`` decides the answer (304 or 412)."""
    return entry["etag"] is not None and is_conditional(request.META)
