"""Django with no middleware at all, sending one file's bytes (``BENCH_BODY``) from memory to
every request: what Django's own request handling (the request object, URL resolving, the
response and its signals) costs a page of that size before any middleware or cache runs, the
bound for a cached page of the same size that is not asked for gzip."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["BENCH_BODY"]).read_bytes()


def send_body(request):
    # With no CommonMiddleware nothing sets Content-Length, and gunicorn would send it chunked.
    return HttpResponse(
        BODY, content_type="application/octet-stream", headers={"Content-Length": len(BODY)}
    )


urlpatterns = [path("", send_body)]

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(50),  # signs nothing: no sessions, no forms
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)
application = get_wsgi_application()
