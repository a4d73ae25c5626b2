"""Admin pages whose "add" is a service, not a row: booking a series, scheduling a meeting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect


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
