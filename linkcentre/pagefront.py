"""A page that this worker has already replayed from its own memory, answered again before
Django builds a request (issue 14).

A hit of the page cache (``linkcentre.pagecache``) is a few dictionary lookups, yet Django still
builds the request, runs the middleware above the cache and turns the response into WSGI's
status and headers: on the two feeds of a megabyte that is what kept them below the floor
(Django with its default middleware alone sends such a body at 0.86 of it, with none at all at
0.98). So once the middleware has replayed a page from this worker's memory, this WSGI wrapper
keeps what Django finally sent for that request (status and headers; the body is the page's
own, gzipped or not) and answers the next request for the same address with them.

Why that answer is the one Django would give:

- It is given only for what the page cache itself would serve: a GET with no session or
  messages cookie, no ``Authorization`` and no conditional header (those go to Django, which
  answers 304 or 412), and no cookie with a NUL in it (``RejectNulMiddleware`` answers 400).
- It is keyed by everything Django read to find the page (scheme, host, path, query string and
  the proxy headers that may stand for them) and by the choice of gzip. Only a request Django
  has answered with a replay is ever kept, so every check above the cache (allowed hosts, the
  HTTPS redirect, static files, NUL in the path or query) has passed for exactly that address.
- The page is served only while the middleware would still serve it: the same entry is in
  this worker's memory, under the current version (with Redis, kept in the worker until Redis
  says it changed, so no bump is missed), and not expired.
- What is kept lives in this process only: the headers come from this code and these settings,
  never from another deploy by way of the shared cache, which is why the cache is not simply
  moved above the security middleware.
- The middleware above the page cache adds to a page's answer only what its address and the
  settings decide (security headers, the HTTPS redirect, static files, the NUL guard), so what
  it sent last time is what it would send now. A middleware added above the cache that is not
  one of these (``ABOVE_THE_CACHE``) might add something of each request's own, which would be
  replayed stale: it turns the front off, and ``manage.py check`` says so (linkcentre.W002).

A front answer sends no ``request_started`` or ``request_finished`` signal: nothing of Django's
needs them for a request that reads no database.
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.core import checks
from django.http import parse_cookie

from linkcentre import pagecache
from linkcentre.input_guard import cookies_have_nul

# What Django may read to make a page's address: request.scheme, get_host(), get_full_path().
ADDRESS = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)
# The middleware that may run above the page cache without turning the front off: what each
# adds to an answer depends only on the request's address and the settings.
ABOVE_THE_CACHE = frozenset(
    {
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "linkcentre.input_guard.RejectNulMiddleware",
    }
)
CACHE_MIDDLEWARE = "linkcentre.pagecache.PublicPageCacheMiddleware"
# Addresses known, each a few hundred bytes: enough for every page and feed at national
# scale, and a bound against query strings made up by the thousand.
KNOWN_ADDRESSES = 4096


def unknown_above_the_cache():
    """The middleware above the page cache that the front cannot answer for (all of it when
    the page cache is not in the chain)."""
    middleware = list(settings.MIDDLEWARE)
    if CACHE_MIDDLEWARE not in middleware:
        return middleware
    return [
        name
        for name in middleware[: middleware.index(CACHE_MIDDLEWARE)]
        if name not in ABOVE_THE_CACHE
    ]


@checks.register(checks.Tags.caches)
def check_above_the_cache(app_configs=None, **kwargs):
    if pagecache.seconds() > 0 and (unknown := unknown_above_the_cache()):
        return [
            checks.Warning(
                "The page front is off: middleware above the page cache it cannot answer for: "
                + ", ".join(unknown),
                hint="Put it below linkcentre.pagecache.PublicPageCacheMiddleware, or add it to "
                "linkcentre.pagefront.ABOVE_THE_CACHE if what it adds depends only on the "
                "address and the settings.",
                id="linkcentre.W002",
            )
        ]
    return []


def may_answer(environ):
    """What the page cache itself would serve (``pagecache.may_serve``), and nothing that would
    make Django answer otherwise than with the page: no conditional header (Django answers 304
    or 412) and no cookie with a NUL (``RejectNulMiddleware`` answers 400)."""
    cookies = parse_cookie(environ["HTTP_COOKIE"]) if "HTTP_COOKIE" in environ else {}
    return (
        pagecache.may_serve(method=environ.get("REQUEST_METHOD"), cookies=cookies, meta=environ)
        and not pagecache.is_conditional(environ)
        and not cookies_have_nul(cookies)
    )


def address(environ):
    return (pagecache.accepts_gzip(environ), *(environ.get(name) for name in ADDRESS))


class PageFront:
    def __init__(self, application):
        self.application = application
        self.on = not unknown_above_the_cache()
        self.known = OrderedDict()  # address -> the page cache's key
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not self.on or not may_answer(environ):
            return self.application(environ, start_response)
        where = address(environ)
        if (answer := self.answer(where)) is not None:
            status, headers, body = answer
            start_response(status, headers)
            return [body]
        sent = []

        def keep_start_response(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        response = self.application(environ, keep_start_response)
        replayed = environ.get(pagecache.REPLAYED)
        if replayed is not None and sent and sent[0].startswith("200"):
            self.keep(where, *replayed, status=sent[0], headers=sent[1])
        return response

    def answer(self, where):
        key = self.known.get(where)
        if key is None:
            return None
        entry = pagecache._local.get(key)
        gzipped = where[0]
        sent = entry.get("sent", {}).get(gzipped) if entry is not None else None
        if sent is None or not pagecache.is_current(entry):
            return None  # Django decides, and keeps what it answers.
        with self.lock:
            self.known.move_to_end(where)
        return (*sent, entry["gzip"] if gzipped else entry["body"])

    def keep(self, where, key, entry, *, status, headers):
        # In the entry itself, so that it goes when the middleware drops the page.
        entry.setdefault("sent", {})[where[0]] = (status, list(headers))
        with self.lock:
            self.known[where] = key
            self.known.move_to_end(where)
            while len(self.known) > KNOWN_ADDRESSES:
                self.known.popitem(last=False)
