"""Every admin action and custom admin page of every app, tried by staff who may only look.

The lists are read from ``admin.site`` itself, so a new action or page is checked without
anyone remembering to add it here: an action declared without ``permissions=[...]`` fails.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core import serializers
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from groups import services as group_services

# The pages every ModelAdmin has; Django checks their permissions itself.
STANDARD_VIEWS = {"changelist", "add", "change", "delete", "history", "autocomplete"}


def registered_admins():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def registered_actions():
    return [
        pytest.param(model_admin, name, func, id=f"{model._meta.label}.{name}")
        for model, model_admin in registered_admins()
        for func, name, _description in model_admin._get_base_actions()
    ]


def unguarded_reason(func):
    """Why an action could be run by staff who may only view, or None when it is guarded."""
    allowed = getattr(func, "allowed_permissions", None)
    if not allowed:
        return "declares no permissions=[...]"
    if "view" in allowed:
        return "needs only the view permission"
    return None


@pytest.fixture
def view_only_staff(django_user_model):
    """Staff with every view permission of every model (personal data included), nothing else."""
    user = django_user_model.objects.create_user(
        username="kikker", password="kikker-password-123", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return django_user_model.objects.get(pk=user.pk)  # no cached permissions


def snapshot():
    """Every row of every table but the two that reading writes to."""
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in apps.get_models()
        # Logging in writes a session, and reading personal data is recorded by design.
        if model._meta.label not in ("sessions.Session", "groups.PersonalDataAccess")
    }


def changed_tables(before):
    after = snapshot()
    return sorted(label for label in before if before[label] != after[label])


@pytest.mark.parametrize(("model_admin", "name", "func"), registered_actions())
def test_every_admin_action_declares_a_permission_beyond_view(model_admin, name, func):
    reason = unguarded_reason(func)
    assert reason is None, f"{model_admin}: action {name!r} {reason}"


def test_an_action_without_permissions_is_caught():
    @admin.action(description="Forgot the permission")
    def forgot(modeladmin, request, queryset):
        queryset.delete()

    @admin.action(description="Only view", permissions=["view"])
    def viewing(modeladmin, request, queryset):
        queryset.delete()

    assert unguarded_reason(forgot) == "declares no permissions=[...]"
    assert unguarded_reason(viewing) == "needs only the view permission"


def test_djangos_delete_selected_is_guarded_by_the_delete_permission():
    assert admin.site.get_action("delete_selected").allowed_permissions == ["delete"]


@pytest.mark.django_db
def test_view_only_staff_is_offered_no_action(view_only_staff):
    for model, model_admin in registered_admins():
        request = RequestFactory().get("/")
        request.user = view_only_staff
        assert model_admin.get_actions(request) == {}, model._meta.label


def make_rows_for_every_admin(client, django_user_model):
    """The demo data, and a failed and a good login for django-axes' lists."""
    call_command("demo", stdout=None)
    django_user_model.objects.create_user(username="logs-in", password="logs-in-password-123")
    client.post(reverse("admin:login"), {"username": "intruder", "password": "wrong"})
    client.post(reverse("login"), {"username": "logs-in", "password": "logs-in-password-123"})
    # Kept only when AXES_ENABLE_ACCESS_FAILURE_LOG is on (it is off here); its admin stays.
    apps.get_model("axes", "AccessFailureLog").objects.create(
        username="intruder", ip_address="127.0.0.1", user_agent="test", path_info="/"
    )
    # The personal-data records the demo does not make: a withdrawal leaves an anonymous count,
    # and staff reading a registration leave an access record.
    registrations = apps.get_model("groups", "InterestRegistration").objects.order_by("pk")
    group_services.withdraw_registration(token=registrations.first().withdraw_token)
    group_services.record_access(
        user=django_user_model.objects.create_user(username="reads", is_staff=True),
        action="viewed",
        registration_ids=[registrations.last().pk],
    )
    # A reminder to a group's starters, which the demo does not send.
    group = apps.get_model("groups", "Group").objects.closed().first()
    apps.get_model("groups", "StarterReminder").objects.create(
        group=group, step="startup", about_date=dt.date(2026, 1, 5)
    )


@pytest.mark.django_db
def test_view_only_staff_cannot_run_any_action(
    client, view_only_staff, superuser, django_user_model
):
    make_rows_for_every_admin(client, django_user_model)
    client.force_login(view_only_staff)
    any_group = apps.get_model("groups", "Group").objects.closed().first()
    before = snapshot()
    tried = []
    for model, model_admin in registered_admins():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        if model._meta.label == "groups.PersonalDataAccess":
            # Superusers only, and read-only for them too.
            assert client.get(url).status_code == 403
            actions = [name for _func, name, _desc in model_admin._get_base_actions()]
            assert actions in ([], ["delete_selected"])  # and nobody may delete
            continue
        assert client.get(url).status_code == 200, f"{url}: view-only staff should see the list"
        selected = list(model._default_manager.values_list("pk", flat=True)[:3])
        assert selected, f"no {model._meta.label} to try the actions on"
        for _func, name, _description in model_admin._get_base_actions():
            # Every confirmation a multi-step action asks for, given at once.
            data = {
                "action": name,
                ACTION_CHECKBOX_NAME: selected,
                "post": "yes",
                "confirm": "yes",
                "apply": "1",
                "group": any_group.pk,
            }
            response = client.post(url, data)
            assert response.status_code in (200, 302, 403), (url, name, response.status_code)
            assert changed_tables(before) == [], f"{model._meta.label}.{name} changed data"
            tried.append(name)
    assert {"cancel_bookings", "roll_over", "rotate_calendar_tokens", "erase"} <= set(tried)

    # The same request by a superuser does change something: the check above can see changes.
    client.force_login(superuser)
    booking = apps.get_model("rooms", "Booking").objects.upcoming().filter(status="confirmed")[0]
    client.post(
        reverse("admin:rooms_booking_changelist"),
        {"action": "cancel_bookings", ACTION_CHECKBOX_NAME: [booking.pk]},
    )
    assert "rooms.Booking" in changed_tables(before)


def custom_admin_urls(model_admin, pk):
    model = model_admin.model
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    for pattern in model_admin.get_urls():
        name = pattern.name or ""
        if not name.startswith(prefix) or name.removeprefix(prefix) in STANDARD_VIEWS:
            continue
        args = [pk] if pattern.pattern.converters else []
        yield reverse(f"admin:{name}", args=args)


@pytest.mark.django_db
def test_view_only_staff_cannot_change_data_through_custom_admin_pages(
    client, view_only_staff, django_user_model
):
    make_rows_for_every_admin(client, django_user_model)
    client.force_login(view_only_staff)
    before = snapshot()
    tried = []
    for model, model_admin in registered_admins():
        pk = model._default_manager.values_list("pk", flat=True).first()
        for url in custom_admin_urls(model_admin, pk):
            response = client.post(url, {"year": 2031, "confirm": "yes"})
            assert response.status_code in (200, 302, 403, 405), (url, response.status_code)
            assert changed_tables(before) == [], f"POST {url} changed data"
            tried.append(url)
    assert reverse("admin:rooms_closure_holidays") in tried
    assert any("/promote/" in url for url in tried)
