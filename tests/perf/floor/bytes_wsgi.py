"""A bare WSGI app, no Django, sending one file's bytes (``BENCH_BODY``) to every request: how
fast gunicorn and wrk alone move a page that size on this machine, the bound for a cached
page of the same size that is not asked for gzip."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY"]).read_bytes()
HEADERS = [("Content-Type", "application/octet-stream"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
