"""The group admin's parts for partner listings: freshness (filter and column) and feed import.

``ListingAdminMixin`` goes first among ``GroupAdmin``'s bases; it adds the "Import a partner's
feed" page (change permission on groups.Group), which shows a dry run before anything is saved.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from groups import listing_fetch, listing_import
from groups.models import Group
from rooms.models import Organisation

IMPORT_SALT = "groups.listing_import"
# How long the dry run's page may be left open before applying it.
IMPORT_MAX_AGE_SECONDS = 3600


class FreshnessFilter(admin.SimpleListFilter):
    title = _("confirmed by the organisation")
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [
            (
                "stale",
                _("Not confirmed for %(days)d days") % {"days": settings.GROUPS_LISTING_STALE_DAYS},
            ),
            ("fresh", _("Confirmed recently")),
        ]

    def queryset(self, request, queryset):
        stale = Group.objects.stale().values("pk")
        if self.value() == "stale":
            return queryset.filter(pk__in=stale)
        if self.value() == "fresh":
            return queryset.filter(pk__in=Group.objects.partner_listings().values("pk")).exclude(
                pk__in=stale
            )
        return queryset


class FeedImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.active(),
        help_text=_(
            "Whose feed it is: its meetings are compared with this organisation's listings."
        ),
    )
    url = forms.URLField(
        label=_("Address of the feed"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "The Meeting Guide JSON the organisation publishes, e.g. https://…/meetings.json"
        ),
    )
    file = forms.FileField(
        label=_("…or upload the JSON file"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("url")) == bool(data.get("file")):
            raise ValidationError(
                _("Give either the feed's address or a file, not both."), code="one_source"
            )
        return data

    def feed_bytes(self):
        """The feed's bytes from the URL or the upload, within the size limit."""
        if self.cleaned_data.get("file"):
            return listing_fetch.read_limited(self.cleaned_data["file"])
        return listing_fetch.fetch_feed(self.cleaned_data["url"])


class ListingAdminMixin:
    """Freshness of partner listings, and importing a partner's existing feed."""

    @admin.display(description=_("last confirmed"), ordering="last_confirmed")
    def confirmed(self, obj):
        if not (obj.is_open and obj.organisation_id) or obj.status == Group.Status.ENDED:
            return "–"
        shown = date_format(obj.last_confirmed, "SHORT_DATE_FORMAT") if obj.last_confirmed else "–"
        if obj.is_stale():
            return format_html(
                '<strong class="errornote">{} ({})</strong>', shown, gettext("stale")
            )
        return shown

    def get_urls(self):
        own = [
            path(
                "import-feed/",
                self.admin_site.admin_view(self.import_feed_view),
                name="groups_group_import_feed",
            )
        ]
        return own + super().get_urls()

    def import_feed_view(self, request):
        if not request.user.has_perm("groups.change_group"):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a partner's Meeting Guide feed"),
            "opts": self.model._meta,
        }
        if request.method == "POST" and "payload" in request.POST:
            return self._apply_import(request)
        form = FeedImportForm(
            request.POST or None,
            request.FILES or None,
            initial={"organisation": request.GET.get("organisation")},
        )
        if request.method == "POST" and form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                items = listing_import.stored_items(form.feed_bytes())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                meetings = listing_import.parse_feed(items)
                rows = listing_import.plan_import(organisation=organisation, meetings=meetings)
                context |= {
                    "organisation": organisation,
                    "rows": rows,
                    "payload": signing.dumps(
                        {"o": organisation.pk, "m": items}, salt=IMPORT_SALT, compress=True
                    ),
                    "applicable": any(row.action in ("new", "changed", "removed") for row in rows),
                    "has_removed": any(row.action == "removed" for row in rows),
                }
        context["form"] = form
        return TemplateResponse(request, "admin/groups/group/import_feed.html", context)

    def _apply_import(self, request):
        try:
            value = signing.loads(
                request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE_SECONDS
            )
            organisation = Organisation.objects.get(pk=value["o"])
            counts = listing_import.apply_import(
                organisation=organisation,
                meetings=listing_import.parse_feed(value["m"]),
                end_removed=request.POST.get("end_removed") == "on",
            )
        except (signing.BadSignature, Organisation.DoesNotExist, KeyError, TypeError):
            self.message_user(
                request,
                gettext("The dry run is too old or not valid: please run it again."),
                messages.ERROR,
            )
            return redirect("admin:groups_group_import_feed")
        except ValidationError as error:
            self.message_user(
                request,
                gettext("Nothing was imported: %(errors)s") % {"errors": " ".join(error.messages)},
                messages.ERROR,
            )
            return redirect("admin:groups_group_import_feed")
        self.message_user(
            request,
            gettext(
                "Imported for %(organisation)s: %(new)s, %(changed)s, %(ended)s. "
                "Meetings that need a booking were not created."
            )
            % {
                "organisation": organisation.name,
                "new": ngettext("%d new listing", "%d new listings", counts["new"]) % counts["new"],
                "changed": ngettext("%d changed", "%d changed", counts["changed"])
                % counts["changed"],
                "ended": ngettext("%d ended", "%d ended", counts["removed"]) % counts["removed"],
            },
            messages.SUCCESS,
        )
        url = reverse("admin:groups_group_changelist")
        return redirect(f"{url}?organisation__id__exact={organisation.pk}&kind__exact=open")
