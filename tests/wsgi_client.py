"""Requests through ``linkcentre.wsgi.application`` itself, as gunicorn makes them: Django's
test client calls Django's handler directly and so never meets what wraps it there (the page
front, linkcentre/pagefront.py)."""

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test.client import RequestFactory
from django.utils.datastructures import CaseInsensitiveMapping


class WsgiResponse:
    def __init__(self, status, headers, content, *, reached_django):
        self.status_code = int(status.split()[0])
        self.headers = CaseInsensitiveMapping(dict(headers))
        self.content = content
        # False: answered before Django made a request of it (the page front).
        self.reached_django = reached_django

    def __getitem__(self, name):
        return self.headers[name]

    def __contains__(self, name):
        return name in self.headers

    def get(self, name, default=None):
        return self.headers.get(name, default)


class WsgiClient:
    def __init__(self, application):
        self.application = application
        self.factory = RequestFactory()

    def get(self, path, headers=None, **environ):
        return self.request(self.factory.get(path, headers=headers, **environ).environ)

    def until_front(self, path, **request):
        """Asked until the page front answers: a miss, Django's replay of the page from this
        worker's memory, then the front (a page already in memory starts at the replay).
        Django's last answer, and the front's."""
        replayed = None
        for _ in range(3):
            answer = self.get(path, **request)
            if not answer.reached_django:
                assert replayed["X-Page-Cache"] == "hit"
                return replayed, answer
            replayed = answer
        raise AssertionError(f"{path} was not answered before Django by the third request")

    def request(self, environ):
        sent, started = [], []

        def start_response(status, headers, exc_info=None):
            sent[:] = [status, headers]

        def count(**kwargs):
            started.append(True)

        # As Django's test client does: closing "old" connections would end the test's
        # transaction.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        request_started.connect(count)
        try:
            body = self.application(environ, start_response)
            try:
                content = b"".join(body)
            finally:
                if hasattr(body, "close"):
                    body.close()
        finally:
            request_started.disconnect(count)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return WsgiResponse(*sent, content, reached_django=bool(started))
