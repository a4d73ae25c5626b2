"""The centre staff role made after migrate, and the staff pickers that list staff only."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.urls import reverse

from linkcentre.roles import CENTRE_STAFF_GROUP, centre_staff_permissions, ensure_roles

pytestmark = pytest.mark.django_db


def role_codenames():
    role = AuthGroup.objects.get(name=CENTRE_STAFF_GROUP)
    return {(p.content_type.app_label, p.codename) for p in role.permissions.all()}


def test_migrate_made_the_centre_staff_role_without_personal_data():
    codenames = role_codenames()
    assert codenames == centre_staff_permissions()
    assert ("rooms", "change_booking") in codenames
    assert ("groups", "view_personal_data") not in codenames
    # Nothing that manages logins: that stays with superusers.
    assert not any(app_label == "auth" for app_label, _codename in codenames)


def test_running_the_role_setup_again_restores_the_role_and_makes_no_duplicate():
    role = AuthGroup.objects.get(name=CENTRE_STAFF_GROUP)
    role.permissions.add(Permission.objects.get(codename="view_personal_data"))
    role.permissions.remove(Permission.objects.get(codename="change_booking"))
    ensure_roles(apps.get_app_config("auth"), apps=apps, using="default")
    ensure_roles(apps.get_app_config("auth"), apps=apps, using="default")
    assert AuthGroup.objects.filter(name=CENTRE_STAFF_GROUP).count() == 1
    assert role_codenames() == centre_staff_permissions()


def test_centre_staff_can_do_daily_work_in_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user(username="ansatt", is_staff=True)
    user.groups.add(AuthGroup.objects.get(name=CENTRE_STAFF_GROUP))
    client.force_login(user)
    for name in [
        "rooms_booking_changelist",
        "rooms_bookingseries_add",
        "groups_group_add",
        "outreach_contactactivity_add",
        "research_principle_add",
    ]:
        assert client.get(reverse(f"admin:{name}")).status_code == 200, name
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.fixture
def logins(django_user_model):
    def make(username, **fields):
        return django_user_model.objects.create_user(username=username, **fields)

    from rooms.models import Organisation

    organisation_login = make("aa-login")
    Organisation.objects.create(name="AA Oslo", slug="aa-oslo").members.add(organisation_login)
    return {
        "staff": make("ansatt", is_staff=True),
        "left": make("sluttet", is_staff=True, is_active=False),
        "organisation": organisation_login,
    }


def test_staff_pickers_offer_active_staff_only(logins):
    from groups.admin_forms import GroupAdminForm
    from outreach.forms import ContactActivityAdminForm, DistributionAdminForm

    pickers = [
        GroupAdminForm().fields["starters"],
        ContactActivityAdminForm().fields["staff"],
        DistributionAdminForm().fields["staff"],
    ]
    for field in pickers:
        assert list(field.queryset) == [logins["staff"]]


def test_a_staff_member_who_left_stays_on_what_they_did(logins):
    from groups.admin_forms import GroupAdminForm
    from groups.models import Group
    from outreach.forms import ContactActivityAdminForm
    from outreach.models import ContactActivity

    group = Group.objects.create(kind="closed", name="Onsdag", slug="onsdag", languages=["nb"])
    group.starters.add(logins["left"])
    assert set(GroupAdminForm(instance=group).fields["starters"].queryset) == {
        logins["staff"],
        logins["left"],
    }
    activity = ContactActivity(staff=logins["left"])
    assert logins["left"] in ContactActivityAdminForm(instance=activity).fields["staff"].queryset


def test_a_posted_organisation_login_is_refused_as_starter(logins):
    from groups.admin_forms import GroupAdminForm

    form = GroupAdminForm(data={"starters": [logins["organisation"].pk]})
    assert not form.is_valid()
    assert "starters" in form.errors


def test_the_admin_pages_list_no_organisation_login(client, superuser, logins):
    client.force_login(superuser)
    for name in [
        "groups_group_add",
        "outreach_contactactivity_add",
        "outreach_distribution_add",
        "outreach_contactactivity_changelist",
    ]:
        page = client.get(reverse(f"admin:{name}")).content.decode()
        assert "aa-login" not in page, name
    assert "ansatt" in client.get(reverse("admin:groups_group_add")).content.decode()
