"""The read-only admin pages of how people heard of the centre and of the starters' reminders."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from groups.models import HowHeard, HowHeardCount, StarterReminder

pytestmark = pytest.mark.django_db

HOW_HEARD = reverse("admin:groups_howheardcount_changelist")
REMINDERS = reverse("admin:groups_starterreminder_changelist")


def staff_who_may_view(django_user_model, codename):
    user = django_user_model.objects.create_user(
        username=f"sees-{codename}", password="sees-password-123", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_how_heard_counts_by_month_for_staff_who_may_view_them(client, django_user_model):
    HowHeardCount.objects.create(month=dt.date(2026, 3, 1), answer=HowHeard.NAV, count=4)
    client.force_login(staff_who_may_view(django_user_model, "view_howheardcount"))
    response = client.get(HOW_HEARD)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    count = HowHeardCount.objects.get()
    # Read-only: no add, no change form that saves, no delete.
    assert client.get(reverse("admin:groups_howheardcount_add")).status_code == 403
    assert (
        client.get(reverse("admin:groups_howheardcount_delete", args=[count.pk])).status_code == 403
    )
    client.post(reverse("admin:groups_howheardcount_change", args=[count.pk]), {"count": 99})
    count.refresh_from_db()
    assert count.count == 4


def test_how_heard_counts_are_hidden_from_staff_without_the_permission(client, staff_user):
    client.force_login(staff_user)
    assert client.get(HOW_HEARD).status_code == 403


def test_how_heard_counts_send_visitors_to_the_login(client):
    response = client.get(HOW_HEARD)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_reminders_list_their_group_and_its_status(client, django_user_model, make_group):
    group = make_group(name="Onsdagsgruppa", slug="onsdagsgruppa", book=False)
    StarterReminder.objects.create(
        group=group, step=StarterReminder.Step.STARTUP, about_date=dt.date(2026, 4, 1)
    )
    client.force_login(staff_who_may_view(django_user_model, "view_starterreminder"))
    response = client.get(REMINDERS, {"step": "startup", "group__status": group.status})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert "Onsdagsgruppa" in response.content.decode()
    assert client.get(reverse("admin:groups_starterreminder_add")).status_code == 403


def test_reminders_are_hidden_from_staff_without_the_permission(client, staff_user):
    client.force_login(staff_user)
    assert client.get(REMINDERS).status_code == 403
