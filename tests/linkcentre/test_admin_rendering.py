"""The large tables' rows (linkcentre/admin_rows.py) and every list filter's choices
(templates/admin/filter.html) are written faster than Django writes them, and are the very same
markup: each case renders both ways and compares."""

from pathlib import Path
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.template import Context, Template
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from groups.models import Group, InterestRegistration
from linkcentre import admin_rows
from linkcentre.admin import quick_action_checkbox
from linkcentre.admin_rows import quick_results
from linkcentre.templatetags import admin_nav
from outreach.models import ContactActivity
from rooms.models import Booking, Organisation, Room
from tests.factories import GroupFactory, InterestRegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "bookings": "admin:rooms_booking_changelist",
    "events": "admin:rooms_bookingevent_changelist",
    "registrations": "admin:groups_interestregistration_changelist",
    "memberships": "admin:groups_membership_changelist",
    "activities": "admin:outreach_contactactivity_changelist",
    "distributions": "admin:outreach_distribution_changelist",
    "stock": "admin:outreach_stockmovement_changelist",
}
QUERIES = {
    "unfiltered": {},
    "sorted backwards by the second column": {"o": "-2"},
    "second page": {"p": "2"},
    "searched": {"q": "a"},
    "in a pop-up": {"_popup": "1", "_to_field": "id"},
}
DJANGO_FILTER_TEMPLATE = Path(admin.__file__).parent / "templates" / "admin" / "filter.html"
DJANGO_NAV_SIDEBAR = DJANGO_FILTER_TEMPLATE.with_name("nav_sidebar.html")


@pytest.fixture
def data():
    call_command("generate_scale_data", scale=0.1, stdout=None)
    # What the scale data lacks: markup in names, a preferred group, a registration by phone.
    organisation = Organisation.objects.order_by("pk").first()
    organisation.name = 'Lag & <b>"forening"</b>'
    organisation.save()
    Booking.objects.filter(pk=Booking.objects.order_by("start", "-pk").first().pk).update(
        title="<script>alert(1)</script>"
    )
    group = GroupFactory(name="Gruppe <&>")
    InterestRegistrationFactory(preferred_group=group, email="", phone="+47 400 00 000")
    ContactActivity.objects.filter(
        pk=ContactActivity.objects.order_by("-occurred_at").first().pk
    ).update(follow_up_done=True, topic="  ")


def page(client, name, query):
    response = client.get(reverse(LISTS[name]), query)
    assert response.status_code == 200
    return response


def rows(generate, cl):
    return ["".join(row) for row in generate(cl)]


@pytest.mark.parametrize("name", LISTS)
def test_the_rows_are_the_markup_django_writes(client, superuser, data, name):
    client.force_login(superuser)
    for case, query in QUERIES.items():
        cl = page(client, name, query).context["cl"]
        assert cl.result_list, f"{case}: the case shows rows"
        for language in ["nb", "en"]:  # the dates in each language's formats
            with translation.override(language):
                assert rows(quick_results, cl) == rows(results, cl), (case, language)


def test_filtered_rows_keep_the_filters_in_their_links(client, superuser, data):
    client.force_login(superuser)
    room = Room.objects.order_by("pk").first()
    cl = page(client, "bookings", {"room__id__exact": room.pk, "o": "4"}).context["cl"]
    quick = rows(quick_results, cl)
    assert quick == rows(results, cl)
    assert f"/change/?_changelist_filters=room__id__exact%3D{room.pk}%26o%3D4" in quick[0]


def test_the_large_lists_render_their_rows_the_quick_way(client, superuser, data):
    client.force_login(superuser)
    with mock.patch.object(
        admin_rows.QuickRows, "row", autospec=True, side_effect=admin_rows.QuickRows.row
    ) as row:
        response = page(client, "bookings", {})
    assert row.call_count == len(response.context["cl"].result_list)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_a_list_with_editable_columns_keeps_djangos_rows(client, superuser, data):
    client.force_login(superuser)
    cl = client.get(reverse("admin:rooms_room_changelist")).context["cl"]
    assert cl.formset is not None
    quick = [list(row) for row in quick_results(cl)]
    assert quick == [list(row) for row in results(cl)]
    assert len(quick[0]) > 1  # one item per cell, and the formset's hidden id after them


FILTERED = [
    ("bookings", {}),
    ("bookings", {"status__exact": "cancelled", "when": "past"}),
    ("registrations", {"preferred_language__exact": "nb"}),
    ("activities", {"kind__exact": "visit", "follow_up": "open"}),
    ("distributions", {}),
]


def test_each_filter_is_the_markup_djangos_template_writes(client, superuser, data):
    client.force_login(superuser)
    django_template = Template(DJANGO_FILTER_TEMPLATE.read_text())
    ours = get_template("admin/filter.html")
    for name, query in FILTERED:
        cl = page(client, name, query).context["cl"]
        for spec in cl.filter_specs:
            context = {"title": spec.title, "choices": list(spec.choices(cl)), "spec": spec}
            rendered = ours.render(context)
            assert rendered == django_template.render(Context(context)), (name, spec.title)
        assert 'class="selected"' in rendered


def test_the_preferred_group_filter_offers_only_groups_someone_asked_for(client, superuser, data):
    client.force_login(superuser)
    asked_for = Group.objects.get(name="Gruppe <&>")
    nobody_asked = GroupFactory(name="Ingen spurte")
    response = page(client, "registrations", {})
    content = response.content.decode()
    assert f"preferred_group__id__exact={asked_for.pk}" in content
    assert "Gruppe &lt;&amp;&gt;" in content
    assert f"preferred_group__id__exact={nobody_asked.pk}" not in content
    chosen = page(client, "registrations", {"preferred_group__id__exact": asked_for.pk})
    assert list(chosen.context["cl"].result_list) == list(
        InterestRegistration.objects.filter(preferred_group=asked_for)
    )


class EveryKindOfColumn(admin.ModelAdmin):
    """Columns of each kind Django's ``lookup_field`` knows, for the rows' comparison."""

    list_display = [
        "id",
        "room_id",
        "__str__",
        "title",
        "room__name",
        "is_active",
        "upper_title",
        "series",
        "cancelled_at",
        "is_public",
        "cancel_reason",
    ]
    list_display_links = ["room_id", "title"]

    @admin.display(description="title", empty_value="(none)")
    def upper_title(self, obj):
        return obj.title.upper()


@pytest.mark.parametrize("links", [["room_id", "title"], None, []])
def test_columns_of_every_kind_are_the_markup_django_writes(rf, superuser, data, links):
    model_admin = EveryKindOfColumn(Booking, admin.site)
    model_admin.list_display_links = links
    model_admin.list_display = [*model_admin.list_display, lambda booking: booking.end]
    Booking.objects.filter(pk__in=Booking.objects.order_by("start", "-pk")[:3]).update(
        cancel_reason="  ", cancelled_at=timezone.now(), is_public=True
    )
    request = rf.get("/")
    request.user = superuser
    cl = model_admin.get_changelist_instance(request)
    cl.formset = None  # as changelist_view sets it for a list without editable columns
    assert rows(quick_results, cl) == rows(results, cl)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_quick_checkbox_is_djangos_checkbox(data, language):
    booking = Booking.objects.get(title="<script>alert(1)</script>")
    model_admin = admin.site._registry[Booking]
    with translation.override(language):
        assert quick_action_checkbox(booking) == admin.ModelAdmin.action_checkbox(
            model_admin, booking
        )


def test_the_sidebar_is_the_markup_djangos_template_writes(client, rf, superuser):
    staff = StaffFactory(username="utadrettet")
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="outreach", codename__startswith="view")
    )
    djangos = Template(DJANGO_NAV_SIDEBAR.read_text())
    ours = get_template("admin/nav_sidebar.html")
    made = set()
    for user in [superuser, staff]:
        client.force_login(user)
        for name in ["outreach_distribution_changelist", "outreach_brochure_changelist"]:
            response = client.get(reverse(f"admin:{name}"))
            assert 'id="nav-sidebar"' in response.content.decode()
            context = {
                "available_apps": response.context["available_apps"],
                "request": response.wsgi_request,
            }
            for language in ["nb", "en", "nb"]:  # made, made in English, kept
                with translation.override(language):
                    sidebar = ours.render(context)
                    assert sidebar == djangos.render(Context(context)), (user, name, language)
                    made.add(sidebar)
    # Each user, page and language has its own: the current model, the links one may follow.
    assert len(made) == 8
    # Pages of one model share theirs (the change form of any distribution).
    admin_nav._made.clear()
    for pk in [1, 2]:
        request = rf.get(reverse("admin:outreach_distribution_change", args=[pk]))
        request.user = superuser
        context = {"available_apps": admin.site.get_app_list(request), "request": request}
        assert ours.render(context) == djangos.render(Context(context))
    assert len(admin_nav._made) == 1


def test_unusual_filter_choices_are_the_markup_djangos_template_writes():
    class Choice:  # a custom filter may yield objects: the template reads their attributes
        selected = True
        query_string = "?sted=Tøyen torg&x=<y>"
        display = "Tøyen & Grønland"

    choices = [
        {"selected": False, "query_string": "?navn=Ås Øst&side=2", "display": "Ås <Øst>"},
        {"selected": True, "query_string": mark_safe("?a=1&b=2"), "display": mark_safe("<b>B</b>")},
        {"query_string": "?lazy=1", "display": gettext_lazy("All")},
        {"selected": 1, "query_string": 'javascript:alert("x")', "display": None},
        {},
        Choice(),
    ]
    context = {"title": "sted <&>", "choices": choices, "spec": None}
    djangos = Template(DJANGO_FILTER_TEMPLATE.read_text())
    for language in ["nb", "en"]:
        with translation.override(language):
            ours = get_template("admin/filter.html").render(context)
            assert ours == djangos.render(Context(context)), language
    assert "T%C3%B8yen%20torg&amp;x=%3Cy%3E" in ours
