"""Public group pages, the three-step sign-up, withdrawal and the feeds.

The sign-up keeps its state in the session: each step has its own URL and refuses to run before
the earlier steps are done, so posting straight to the last step saves nothing.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from groups import feeds, schedule, services
from groups.forms import ConsentForm, ContactForm, ExpectationsForm, GroupFilterForm
from groups.models import Group, Language
from groups.publicforms import refuse_when_over_limit
from rooms.models import Organisation

SESSION_KEY = "groups_signup"
DONE_KEY = "groups_signup_done"
PAGE_SIZE = 25
NEXT_DATES = 6
# Codes of sign_up_for_info_meeting's errors: shown next to the information meeting choice.
INFO_MEETING_ERRORS = {"full", "past"}


def professionals_url():
    try:
        return reverse("research:professionals")
    except NoReverseMatch:
        return "/for-fagfolk/"


def public_page(groups, number):
    """One page of the filtered ``groups``, costing the same at 50 groups as at 5,000.

    The paginator counts and slices the bare ids; only the page's own groups are then read
    with what their cards show (member counts, next meeting: a join and a subquery that would
    otherwise run for every listed group before the page is cut out)."""
    # Next meeting first (the finder's order): the ids are ordered by the next-meeting subquery
    # alone; the cards' joins and counts run for the page's groups only.
    ordered = groups.with_next_meeting().in_coming_order().values_list("pk", flat=True)
    page = Paginator(ordered, PAGE_SIZE).get_page(number)
    shown = Group.objects.for_public_display().in_bulk(list(page.object_list))
    page.object_list = [shown[pk] for pk in page.object_list]
    return page


@require_GET
def group_list(request):
    organisations = Organisation.objects.filter(
        groups__listed=True, groups__kind=Group.Kind.OPEN
    ).distinct()
    form = GroupFilterForm(request.GET or None, organisations=organisations)
    page = public_page(form.filter(Group.objects.listed()), request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    nothing_found = form.is_filtered() and page.paginator.count == 0
    return render(
        request,
        "groups/list.html",
        {
            "form": form,
            "page": page,
            "groups": page.object_list,
            "filter_query": query.urlencode(),
            "is_filtered": form.is_filtered(),
            "alternatives": (
                form.alternatives(Group.objects.for_public_display()) if nothing_found else []
            ),
        },
    )


@require_GET
def group_detail(request, slug):
    group = get_object_or_404(Group.objects.for_public_page(), slug=slug)
    dates = schedule.coming_dates(group, weeks=NEXT_DATES) if group.meets_now else []
    return render(
        request,
        "groups/detail.html",
        {"group": group, "coming_dates": dates, "map_url": map_url()},
    )


def map_url():
    """A plain link to the centre on OpenStreetMap: the page itself loads nothing from a map
    service (no embedded map, no third-party request until the person follows the link)."""
    lat, lon = settings.CENTRE_LATITUDE, settings.CENTRE_LONGITUDE
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


def _posted(request):
    # An empty POST (nothing ticked) must still bind the form, so that it shows its errors.
    return request.POST if request.method == "POST" else None


def _state(request):
    return request.session.get(SESSION_KEY, {})


def _save_state(request, **values):
    state = _state(request)
    state.update(values)
    request.session[SESSION_KEY] = state


def _refuse(request, step):
    """Send the person back to the first step they have not done, saying why."""
    if step == 1:
        messages.error(
            request,
            _(
                "Please start with step 1 and read what to expect. Nothing has been saved, and "
                "nothing is saved until you send step 3."
            ),
        )
        return redirect("groups:signup")
    messages.error(
        request,
        _("Please complete step 2 first: your own choice and consent. Nothing has been saved."),
    )
    return redirect("groups:signup_consent")


def _missing_step(request, before):
    state = _state(request)
    if not state.get("read_expectations"):
        return 1
    if before > 2 and not (state.get("consent") and state.get("free_choice")):
        return 2
    return None


def _preselected_group(request):
    slug = _state(request).get("group")
    if not slug:
        return None
    return Group.objects.listed().closed().filter(slug=slug).first()


@require_http_methods(["GET", "POST"])
def signup_expectations(request, slug=None):
    if slug is not None:
        group = get_object_or_404(Group.objects.listed().closed(), slug=slug)
        _save_state(request, group=group.slug)
    form = ExpectationsForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        _save_state(request, read_expectations=True)
        return redirect("groups:signup_consent")
    return render(
        request,
        "groups/signup_expectations.html",
        {"form": form, "step": 1, "group": _preselected_group(request)},
    )


@require_http_methods(["GET", "POST"])
def signup_consent(request):
    if (missing := _missing_step(request, before=2)) is not None:
        return _refuse(request, missing)
    form = ConsentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        _save_state(
            request,
            consent=True,
            free_choice=True,
            consent_version=services.current_consent_version(),
            consented_at=timezone.now().isoformat(),
        )
        return redirect("groups:signup_contact")
    return render(
        request,
        "groups/signup_consent.html",
        {
            "form": form,
            "step": 2,
            "consent_version": services.current_consent_version(),
            "consent_html": services.consent_html(),
        },
    )


def signup_language(group):
    """The language step 3 offers first: the page's, if the chosen group speaks it (or no group
    is chosen); else the group's own first language. An English page never defaults to
    Norwegian, and signing up for the English-speaking group defaults to English."""
    page = (get_language() or settings.LANGUAGE_CODE)[:2]
    if group is not None and group.languages and page not in group.languages:
        return group.languages[0]
    return page if page in Language.values else Language.NORWEGIAN


@require_http_methods(["GET", "POST"])
def signup_contact(request):
    if (missing := _missing_step(request, before=3)) is not None:
        return _refuse(request, missing)
    group = _preselected_group(request)
    initial = {
        "preferred_group": group.slug if group else None,
        "preferred_language": signup_language(group),
    }
    form = ContactForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        if (refused := refuse_when_over_limit(request, "signup")) is not None:
            return refused
        state = _state(request)
        data = form.cleaned_data
        try:
            registration = services.register_interest(
                first_name=data["first_name"],
                email=data["email"],
                phone=data["phone"],
                is_adult=data["is_adult"],
                age_band=data["age_band"],
                preferred_weekdays=data["preferred_weekdays"],
                preferred_times=data["preferred_times"],
                preferred_language=data["preferred_language"],
                preferred_group=data["preferred_group"],
                message=data["message"],
                info_meeting=data["info_meeting"],
                how_heard=data["how_heard"],
                read_expectations=state["read_expectations"],
                free_choice=state["free_choice"],
                consent_version=state["consent_version"],
                consented_at=dt.datetime.fromisoformat(state["consented_at"]),
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "consent_outdated":
                state.pop("consent", None)
                _save_state(request, consent=False)
                messages.error(request, error.messages[0])
                return redirect("groups:signup_consent")
            if getattr(error, "code", None) in INFO_MEETING_ERRORS:
                # The meeting filled up (or began) after the form was checked: say so by it.
                form.add_error("info_meeting", error)
            else:
                for message in error.messages:
                    form.add_error(None, message)
        else:
            request.session.pop(SESSION_KEY, None)
            request.session[DONE_KEY] = {
                "token": registration.withdraw_token,
                "email": bool(registration.email),
                "info_meeting": bool(data["info_meeting"]),
            }
            return redirect("groups:signup_done")
    return render(request, "groups/signup_contact.html", {"form": form, "step": 3, "group": group})


@require_GET
def signup_done(request):
    done = request.session.get(DONE_KEY, {})
    withdraw_url = reverse("groups:withdraw", kwargs={"token": done["token"]}) if done else None
    return render(
        request,
        "groups/signup_done.html",
        {"done": done, "withdraw_url": withdraw_url, "step": 4},
    )


@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """GET asks, POST erases: a mail scanner that opens the link withdraws nothing.

    A used or unknown link says there is nothing (more) to withdraw, and offers no button.
    """
    if request.method == "POST":
        try:
            withdrawal = services.withdraw_registration(token=token)
        except ValidationError as error:
            return render(request, "groups/withdraw.html", {"error": error.messages[0]}, status=404)
        request.session.pop(DONE_KEY, None)
        return render(request, "groups/withdraw.html", {"withdrawal": withdrawal})
    if not services.can_withdraw(token):
        return render(request, "groups/withdraw.html", {"nothing": True}, status=404)
    return render(request, "groups/withdraw.html", {})


@require_GET
def helpers(request):
    return render(request, "groups/helpers.html", {"professionals_url": professionals_url()})


@require_GET
def meeting_guide(request):
    """Every open meeting, or with ``?org=<slug>`` one organisation's (one fellowship's) own."""
    organisation = None
    if slug := request.GET.get("org"):
        organisation = get_object_or_404(Organisation, slug=slug)
    response = JsonResponse(
        feeds.meeting_guide_meetings(organisation),
        safe=False,
        # UTF-8 rather than \u escapes, and no spaces after separators: the national feed is
        # 1,225 meetings of thirty keys, and every byte is sent to each reader not asking
        # for gzip.
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def group_calendar(request, slug):
    group = get_object_or_404(Group.objects.listed(), slug=slug)
    return _ics_response(
        feeds.groups_calendar(Group.objects.filter(pk=group.pk), group.name), f"{group.slug}.ics"
    )


@require_GET
def all_groups_calendar(request):
    name = _("Groups at %(centre)s") % {"centre": settings.CENTRE_NAME}
    return _ics_response(feeds.groups_calendar(Group.objects.listed(), name), "grupper.ics")
