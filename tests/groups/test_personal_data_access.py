"""Who sees group participants: the permission matrix over the registration, membership and
sign-up pages of the admin (anonymous, organisation login, centre staff without and with
``groups.view_personal_data``, superuser)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.urls import reverse

from groups import services
from linkcentre.roles import CENTRE_STAFF_GROUP
from tests.dates import weekday_weeks_ahead

pytestmark = pytest.mark.django_db

NAME = "Kari Participant"


@pytest.fixture
def people(make_group, make_registration, room):
    group = make_group(name="Tirsdagsgruppa", slug="tirsdagsgruppa")
    registration = make_registration(first_name=NAME)
    services.place_in_group(registration=registration, group=group)
    # First in line on the waiting list, shown on the promote page.
    services.place_in_group(
        registration=make_registration(first_name=NAME), group=group, waitlist=True
    )
    meeting = services.schedule_info_meeting(
        room=room, day=weekday_weeks_ahead(3), start_time=dt.time(16), end_time=dt.time(17)
    )
    services.sign_up_for_info_meeting(
        registration=make_registration(first_name=NAME), info_meeting=meeting
    )
    return {"group": group, "registration": registration, "meeting": meeting}


def pages(people):
    return {
        "registrations": reverse("admin:groups_interestregistration_changelist"),
        "registration": reverse(
            "admin:groups_interestregistration_change", args=[people["registration"].pk]
        ),
        "memberships": reverse("admin:groups_membership_changelist"),
        "forming": reverse("admin:groups_group_forming"),
        "promote": reverse("admin:groups_group_promote", args=[people["group"].pk]),
    }


@pytest.fixture
def users(django_user_model, partner, superuser):
    def make(username, **fields):
        return django_user_model.objects.create_user(
            username=username, password=f"{username}-password-123", **fields
        )

    organisation_login = make("aa-login")
    partner.members.add(organisation_login)
    centre_staff = make("ansatt", is_staff=True)
    centre_staff.groups.add(AuthGroup.objects.get(name=CENTRE_STAFF_GROUP))
    coordinator = make("koordinator", is_staff=True)
    coordinator.groups.add(AuthGroup.objects.get(name=CENTRE_STAFF_GROUP))
    coordinator.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    return {
        "organisation": organisation_login,
        "centre_staff": centre_staff,
        "coordinator": coordinator,
        "superuser": superuser,
    }


@pytest.mark.parametrize(
    "page", ["registrations", "registration", "memberships", "forming", "promote"]
)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("organisation", "login"),
        ("centre_staff", 403),
        ("coordinator", 200),
        ("superuser", 200),
    ],
)
def test_participant_pages_need_the_personal_data_permission(
    client, people, users, page, who, expected
):
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(pages(people)[page])
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected
    shown = NAME in response.content.decode()
    assert shown is (expected == 200)


@pytest.mark.parametrize(("who", "shown"), [("centre_staff", False), ("coordinator", True)])
def test_sign_ups_and_members_are_hidden_in_the_meeting_and_group_pages(
    client, people, users, who, shown
):
    """Centre staff manage meetings and groups; who signed up for them is personal data."""
    client.force_login(users[who])
    for url in [
        reverse("admin:groups_infomeeting_change", args=[people["meeting"].pk]),
        reverse("admin:groups_group_change", args=[people["group"].pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert (NAME in response.content.decode()) is shown, url


def test_centre_staff_without_the_permission_run_no_participant_action(
    client, users, make_registration
):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    registration = make_registration()
    url = reverse("admin:groups_interestregistration_changelist")
    data = {"action": "mark_contacted", ACTION_CHECKBOX_NAME: [registration.pk]}
    client.force_login(users["centre_staff"])
    assert client.post(url, data).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "new"
    client.force_login(users["coordinator"])
    client.post(url, data)
    registration.refresh_from_db()
    assert registration.status == "contacted"


def test_the_dashboard_counts_participants_only_for_those_who_may_see_them(people, users):
    from groups.reports import dashboard_panel

    def urls(user):
        return [row["url"] for row in dashboard_panel(user)["rows"]]

    registrations = reverse("admin:groups_interestregistration_changelist")
    assert not any(url.startswith(registrations) for url in urls(users["centre_staff"]))
    assert any(url.startswith(registrations) for url in urls(users["coordinator"]))
