import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import Group, InterestRegistration, Membership
from tests.groups.helpers import grant

pytestmark = pytest.mark.django_db

REGISTRATIONS = reverse("admin:groups_interestregistration_changelist")
MEMBERSHIPS = reverse("admin:groups_membership_changelist")
GROUPS = reverse("admin:groups_group_changelist")
FORMING = reverse("admin:groups_group_forming")
FOLLOW_UPS = reverse("admin:groups_group_follow_ups")


@pytest.fixture
def group(make_group):
    return make_group(name="Tirsdagsgruppa", slug="tirsdagsgruppa")


def promote_url(group):
    return reverse("admin:groups_group_promote", args=[group.pk])


@pytest.mark.parametrize("url_name", ["registrations", "memberships", "forming", "promote"])
def test_personal_data_needs_the_right_permission(
    client, staff_user, coordinator, group, make_registration, url_name
):
    services.place_in_group(registration=make_registration(first_name="Kari"), group=group)
    url = {
        "registrations": REGISTRATIONS,
        "memberships": MEMBERSHIPS,
        "forming": FORMING,
        "promote": promote_url(group),
    }[url_name]
    # Anonymous: to the login page.
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response.url
    # Staff without the permission: refused, and no names shown.
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 403
    assert "Kari" not in response.content.decode()
    # Permitted.
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_group_inline_hides_members_from_staff_without_membership_permission(
    client, staff_user, group, make_registration
):
    services.place_in_group(registration=make_registration(first_name="Kari"), group=group)
    grant(staff_user, "view_group", "change_group")
    client.force_login(staff_user)
    page = client.get(reverse("admin:groups_group_change", args=[group.pk])).content.decode()
    assert "Tirsdagsgruppa" in page
    assert "Kari" not in page


def test_staff_cannot_add_a_registration_for_someone(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:groups_interestregistration_add")).status_code == 403
    assert client.get(reverse("admin:groups_membership_add")).status_code == 403


def test_inbox_filters_and_search(client, coordinator, make_registration):
    make_registration(first_name="Kari")
    contacted = make_registration(first_name="Ola")
    InterestRegistration.objects.filter(pk=contacted.pk).update(status="contacted")
    client.force_login(coordinator)
    page = client.get(REGISTRATIONS + "?status__exact=new").content.decode()
    assert "Kari" in page and "Ola" not in page
    page = client.get(REGISTRATIONS + "?q=ola").content.decode()
    assert "Ola" in page and "Kari" not in page


def test_place_action_asks_for_the_group_then_places(client, coordinator, group, make_registration):
    people = [make_registration(first_name=f"P{i}") for i in range(9)]
    client.force_login(coordinator)
    data = {"action": "place_in_group", ACTION_CHECKBOX_NAME: [p.pk for p in people]}
    response = client.post(REGISTRATIONS, data)
    assert response.status_code == 200
    assert "Tirsdagsgruppa (0 av 8, 0 venter)" in response.content.decode()
    assert not Membership.objects.exists()
    response = client.post(REGISTRATIONS, {**data, "apply": "1", "group": group.pk}, follow=True)
    assert "8 fikk plass, 1 på ventelisten" in response.content.decode()
    assert group.memberships.active().count() == 8
    assert group.memberships.waitlisted().count() == 1


def test_place_action_needs_the_membership_permission(client, staff_user, make_registration):
    grant(staff_user, "view_interestregistration", "change_interestregistration")
    client.force_login(staff_user)
    page = client.get(REGISTRATIONS).content.decode()
    assert 'value="place_in_group"' not in page


def test_group_list_shows_counts_without_n_plus_one(
    client, superuser, make_group, make_registration, django_assert_max_num_queries
):
    groups = [make_group(weekday=i % 7, start=dt.time(8 + i), end=dt.time(9 + i)) for i in range(6)]
    for _ in range(5):
        services.place_in_group(registration=make_registration(), group=groups[0])
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        page = client.get(GROUPS).content.decode()
    assert "5 av 8" in page
    for i in range(6, 16):
        make_group(weekday=i % 7, start=dt.time(8 + i % 12), end=dt.time(9 + i % 12))
    with django_assert_max_num_queries(12):
        client.get(GROUPS)


def test_follow_ups_due_are_listed_until_recorded(client, coordinator, make_group):
    today = timezone.localdate()
    group = make_group(name="Ny gruppe", startup_meeting_on=today - dt.timedelta(weeks=6))
    client.force_login(coordinator)
    assert "Ny gruppe" in client.get(FOLLOW_UPS).content.decode()
    assert "Oppfølging (1)" in client.get(GROUPS).content.decode()
    client.post(GROUPS, {"action": "record_follow_up_held", ACTION_CHECKBOX_NAME: [group.pk]})
    group.refresh_from_db()
    assert group.follow_up_held_on == today
    assert "Ny gruppe" not in client.get(FOLLOW_UPS).content.decode()


def test_promotion_waits_for_staff_confirmation(client, coordinator, group, make_registration):
    memberships = [
        services.place_in_group(registration=make_registration(first_name=f"P{i}"), group=group)
        for i in range(9)
    ]
    client.force_login(coordinator)
    client.post(MEMBERSHIPS, {"action": "leave", ACTION_CHECKBOX_NAME: [memberships[0].pk]})
    waiting = Membership.objects.get(pk=memberships[8].pk)
    assert waiting.status == "waitlisted"  # not promoted automatically
    page = client.get(promote_url(group)).content.decode()
    assert "P8" in page
    client.post(promote_url(group))
    waiting.refresh_from_db()
    assert waiting.status == "active" and waiting.seat == 1


def test_erase_action_deletes_the_person(client, coordinator, group, make_registration):
    person = make_registration()
    services.place_in_group(registration=person, group=group)
    client.force_login(coordinator)
    data = {"action": "erase", ACTION_CHECKBOX_NAME: [person.pk]}
    client.post(REGISTRATIONS, data)  # the confirmation page
    assert InterestRegistration.objects.exists()
    client.post(REGISTRATIONS, {**data, "confirm": "yes"})
    assert not InterestRegistration.objects.exists()
    assert not Membership.objects.exists()
    assert Group.objects.filter(pk=group.pk).exists()


def test_dashboard_panel_respects_permissions(staff_user, coordinator, make_registration):
    from django.utils import translation

    from groups.reports import dashboard_panel

    make_registration()
    assert dashboard_panel(staff_user) is None
    with translation.override("en"):
        panel = dashboard_panel(coordinator)
    values = {row["label"]: row["value"] for row in panel["rows"]}
    assert values["New registrations not yet contacted"] == 1


def test_adding_an_information_meeting_in_the_admin_books_the_room(
    client, superuser, room, opening_hours
):
    from groups.models import InfoMeeting
    from tests.dates import weekday_weeks_ahead

    day = weekday_weeks_ahead(0).isoformat()
    client.force_login(superuser)
    url = reverse("admin:groups_infomeeting_add")
    data = {
        "starts_at_0": day,
        "starts_at_1": "16:00",
        "ends_at_0": day,
        "ends_at_1": "17:30",
        "room": room.pk,
        "language": "nb",
        "places": 12,
        "notes": "",
        "signups-TOTAL_FORMS": 0,
        "signups-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "error" in line.lower()
    ]
    meeting = InfoMeeting.objects.get()
    assert meeting.meeting_series.bookings.count() == 1
    response = client.post(url, {**data, "starts_at_1": "17:00", "ends_at_1": "18:00"})
    assert response.status_code == 200
    assert "kan ikke reserveres" in response.content.decode()
    assert InfoMeeting.objects.count() == 1


def test_group_admin_form_uses_checkboxes_and_refuses_a_ninth_place(client, superuser, partner):
    client.force_login(superuser)
    url = reverse("admin:groups_group_add")
    page = client.get(url).content.decode()
    assert 'type="checkbox" name="meeting_guide_types" value="O"' in page
    data = {
        "kind": "open",
        "name": "AA Lørdag",
        "slug": "aa-lordag",
        "status": "running",
        "listed": "on",
        "theme": "addiction",
        "languages": ["nb", "en"],
        "capacity": 9,
        "organisation": partner.pk,
        "meeting_guide_types": ["O", "D"],
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "mellom 1 og 8 plasser" in response.content.decode()
    assert not Group.objects.exists()
    response = client.post(url, {**data, "capacity": 8})
    assert response.status_code == 302
    group = Group.objects.get()
    assert group.languages == ["nb", "en"]
    assert group.meeting_guide_types == ["O", "D"]
