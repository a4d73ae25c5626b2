"""Input that can never be valid answers 400 or a plain redirect, not a server error.

Two guards, both before a view runs:

- A NUL character anywhere in the path, the query string, a cookie or the posted form fields.
  No address, token, name or text here ever contains one, and PostgreSQL refuses it in a text
  parameter with a DataError (a 500) wherever it reaches a query. Uploaded files are not
  inspected: a spreadsheet may well contain NUL bytes.
- The admin's list pages. Django lets staff filter a list by any lookup on the model's own fields
  in the query string (``?date__year=99999``, ``?name__regex=(``, a date hierarchy in year 9999)
  and only catches the errors it meets while building the query, not those the database or
  Python's dates raise while running it. Such a list is sent back to itself without parameters
  and with Django's own ``?e=1`` flag, as Django does for the errors it does catch. This covers
  every registered ModelAdmin, Django's own included, without a mixin each must remember.
"""

import logging

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import BadRequest
from django.db import DatabaseError, transaction
from django.http import HttpResponseRedirect

logger = logging.getLogger(__name__)

NUL = "\x00"
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# What a query string can make the database or Python's dates raise once the query runs.
QUERY_ERRORS = (DatabaseError, ValueError, OverflowError, IncorrectLookupParameters)


def _has_nul(items):
    return any(NUL in key or any(NUL in value for value in values) for key, values in items)


def cookies_have_nul(cookies):
    return any(NUL in value for value in cookies.values())


def request_has_nul(request):
    if NUL in request.path or _has_nul(request.GET.lists()):
        return True
    if cookies_have_nul(request.COOKIES):
        return True
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        return _has_nul(request.POST.lists())
    return False


def _is_admin_changelist(view_func):
    return (
        getattr(view_func, "model_admin", None) is not None
        and getattr(view_func, "__name__", "") == "changelist_view"
    )


class RejectNulMiddleware:
    """First in the chain after static files: a NUL character answers 400 (Bad Request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_has_nul(request):
            raise BadRequest("A NUL character in the request")
        return self.get_response(request)


class AdminListGuardMiddleware:
    """Last in the chain, so that every other middleware's ``process_view`` has run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _is_admin_changelist(view_func) or not set(request.GET) - {ERROR_FLAG}:
            return None
        try:
            # A savepoint, so that a query PostgreSQL refused leaves the connection usable.
            with transaction.atomic():
                if request.method == "POST":
                    # An action or list edit: only check that the filtered list can be read,
                    # so that errors of the action itself are not hidden.
                    view_func.model_admin.get_changelist_instance(request)
                    return None
                response = view_func(request, *view_args, **view_kwargs)
                if callable(getattr(response, "render", None)):
                    # The date hierarchy and filter counts run their queries while rendering.
                    response.render()
                return response
        except QUERY_ERRORS as error:
            logger.warning("Admin list %s refused its query parameters: %r", request.path, error)
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
