"""Admin pages whose "add" is a service, not a row: booking a series, scheduling a meeting; and
what a large change list of a rooms table keeps between writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import get_language

from rooms import shared_cache


class AddThroughServiceMixin:
    """The add form is validated as usual, then ``create(request, form)`` makes the object
    through its service, in one transaction with the admin's log entry, and the admin answers
    as for any added object. The change form's own save never runs on add, so the service is
    the only writer and no half-built instance is patched up afterwards."""

    def create(self, request, form):
        raise NotImplementedError

    def add_view(self, request, form_url="", extra_context=None):
        if request.method != "POST":
            return super().add_view(request, form_url, extra_context)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = self.get_form(request, None, change=False)(request.POST, request.FILES)
        if not form.is_valid():
            # The usual page, with the errors next to the fields.
            return super().add_view(request, form_url, extra_context)
        try:
            with transaction.atomic():
                obj = self.create(request, form)
                message = self.construct_change_message(request, form, None, add=True)
                self.log_addition(request, obj, message)
        except ValidationError as error:
            # The form checked the rules; this is a race since then (e.g. the slot was taken).
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(request.get_full_path())
        return self.response_add(request, obj)


class KeptBetweenWritesMixin:
    """A large change list (linkcentre/admin.py LARGE_CHANGE_LISTS) asks this for what it reads
    on every page: the rooms and organisations its filters offer, the count of the whole table,
    its first and last date. Of rooms tables alone, they are kept under the rooms' version and
    read again after any write to one (``shared_cache.kept``); anything else is read each time.
    The bookings' list spent a quarter of its time on them at national scale."""

    def keep_for_change_list(self, name, build, *, models):
        key = f"admin:{self.model._meta.label}:{get_language()}:{name}"
        return shared_cache.kept(key, build, models=models)
