"""Export and erasure of one person in the admin, and the record of who handled their data."""

import datetime as dt
import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import (
    ErasedRegistrationCount,
    InfoMeeting,
    InterestRegistration,
    Membership,
    PersonalDataAccess,
)
from tests.groups.helpers import grant

pytestmark = pytest.mark.django_db

REGISTRATIONS = reverse("admin:groups_interestregistration_changelist")
ACCESS = reverse("admin:groups_personaldataaccess_changelist")


def export_url(registration, kind="html"):
    name = "personal_data" if kind == "html" else "personal_data_json"
    return reverse(f"admin:groups_interestregistration_{name}", args=[registration.pk])


def erase_url(registration):
    return reverse("admin:groups_interestregistration_erase_person", args=[registration.pk])


def change_url(registration):
    return reverse("admin:groups_interestregistration_change", args=[registration.pk])


def accesses():
    return list(PersonalDataAccess.objects.order_by("pk").values_list("action", "registration_id"))


@pytest.fixture
def viewer(django_user_model):
    """Staff who may only look at registrations."""
    user = django_user_model.objects.create_user(
        username="viewer", password="viewer-123", is_staff=True
    )
    return grant(user, "view_interestregistration", "view_personal_data")


@pytest.fixture
def kari(make_group, make_registration, room):
    """Kari registered twice (email in another case the second time), with a group and a meeting."""
    start = timezone.now() + dt.timedelta(days=3)
    meeting = InfoMeeting.objects.create(
        starts_at=start, ends_at=start + dt.timedelta(hours=1), room=room
    )
    first = make_registration(first_name="Kari", email="kari@example.org", message="Hei")
    again = make_registration(first_name="Kari N", email="KARI@example.org", info_meeting=meeting)
    group = make_group(name="Tirsdagsgruppa", slug="tirsdagsgruppa")
    services.place_in_group(registration=first, group=group)
    return first, again


@pytest.fixture
def ola(make_registration):
    return make_registration(first_name="Ola", email="ola@example.org")


def test_json_export_has_everything_about_the_person_and_nobody_else(
    client, coordinator, kari, ola
):
    first, again = kari
    client.force_login(coordinator)
    response = client.get(export_url(first, "json"))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == f'attachment; filename="personal-data-{first.pk}.json"'
    )
    data = json.loads(response.content)
    assert [item["id"] for item in data["registrations"]] == [first.pk, again.pk]
    item = data["registrations"][0]
    assert (item["first_name"], item["email"], item["message"]) == (
        "Kari",
        "kari@example.org",
        "Hei",
    )
    assert item["groups"][0]["group"] == "Tirsdagsgruppa"
    assert item["consent"]["version"] == first.consent_version
    assert "You can withdraw at any time" in item["consent"]["text"]["en"]
    assert data["registrations"][1]["information_meetings"][0]["consent_version"]
    assert "Ola" not in response.content.decode()
    assert accesses() == [("exported", first.pk), ("exported", again.pk)]


def test_readable_export_page(client, coordinator, kari, ola):
    first, _again = kari
    client.force_login(coordinator)
    page = client.get(export_url(first)).content.decode()
    assert "Kari N" in page and "kari@example.org" in page and "Tirsdagsgruppa" in page
    assert "Ola" not in page
    assert export_url(first, "json") in page and erase_url(first) in page


def test_view_only_staff_may_export_but_never_erase(client, viewer, kari):
    first, _again = kari
    client.force_login(viewer)
    assert client.get(export_url(first)).status_code == 200
    page = client.get(change_url(first)).content.decode()
    assert export_url(first) in page and erase_url(first) not in page
    assert client.get(erase_url(first)).status_code == 403
    assert client.post(erase_url(first), {"confirm": "yes"}).status_code == 403
    # The erase action is not offered, and posting it anyway erases nothing.
    assert 'value="erase"' not in client.get(REGISTRATIONS).content.decode()
    data = {"action": "erase", ACTION_CHECKBOX_NAME: [first.pk], "confirm": "yes"}
    client.post(REGISTRATIONS, data)
    assert InterestRegistration.objects.count() == 2
    assert ("erased", first.pk) not in accesses()


def test_staff_without_the_permission_get_nothing(client, staff_user, kari):
    first, _again = kari
    client.force_login(staff_user)
    for url in [export_url(first), export_url(first, "json"), erase_url(first)]:
        response = client.get(url)
        assert response.status_code == 403
        assert "Kari" not in response.content.decode()
    assert accesses() == []
    client.logout()
    assert client.get(export_url(first)).status_code == 302


def test_erasing_a_person_asks_first_then_erases_every_registration(client, coordinator, kari, ola):
    first, again = kari
    client.force_login(coordinator)
    page = client.get(erase_url(first)).content.decode()
    assert "Kari N" in page and "Ola" not in page
    assert InterestRegistration.objects.count() == 3
    response = client.post(erase_url(first), {"confirm": "yes"})
    assert response.status_code == 302
    assert list(InterestRegistration.objects.values_list("first_name", flat=True)) == ["Ola"]
    assert not Membership.objects.exists()
    assert sum(ErasedRegistrationCount.objects.values_list("count", flat=True)) == 2
    assert set(ErasedRegistrationCount.objects.values_list("reason", flat=True)) == {"erased"}
    assert ("erased", first.pk) in accesses() and ("erased", again.pk) in accesses()
    # A POST without the confirmation erases nothing.
    client.post(erase_url(ola), {})
    assert InterestRegistration.objects.filter(pk=ola.pk).exists()


def test_erase_action_shows_a_confirmation_first(client, coordinator, kari, ola):
    first, _again = kari
    client.force_login(coordinator)
    data = {"action": "erase", ACTION_CHECKBOX_NAME: [first.pk, ola.pk]}
    response = client.post(REGISTRATIONS, data)
    assert response.status_code == 200
    assert "Kari" in response.content.decode() and "Ola" in response.content.decode()
    assert InterestRegistration.objects.count() == 3
    client.post(REGISTRATIONS, {**data, "confirm": "yes"})
    assert list(InterestRegistration.objects.values_list("first_name", flat=True)) == ["Kari N"]


def test_djangos_delete_page_erases_through_the_service(client, coordinator, ola):
    client.force_login(coordinator)
    url = reverse("admin:groups_interestregistration_delete", args=[ola.pk])
    client.post(url, {"post": "yes"})
    assert not InterestRegistration.objects.exists()
    assert ErasedRegistrationCount.objects.get().count == 1
    assert accesses() == [("erased", ola.pk)]


def test_opening_and_changing_a_registration_is_recorded(client, coordinator, staff_user, ola):
    client.force_login(staff_user)
    client.get(change_url(ola))
    assert accesses() == []  # refused: nothing was seen
    client.force_login(coordinator)
    assert client.get(change_url(ola)).status_code == 200
    client.post(change_url(ola), {"status": "contacted"})
    ola.refresh_from_db()
    assert ola.status == "contacted"
    assert accesses() == [("viewed", ola.pk), ("changed", ola.pk)]
    record = PersonalDataAccess.objects.first()
    assert (record.user, record.username) == (coordinator, "koordinator")


def test_the_access_record_is_for_superusers_only_and_read_only(
    client, superuser, coordinator, ola
):
    client.force_login(coordinator)
    client.get(change_url(ola))
    assert client.get(ACCESS).status_code == 403
    assert "personaldataaccess" not in client.get(reverse("admin:index")).content.decode()
    client.force_login(superuser)
    page = client.get(ACCESS).content.decode()
    assert "koordinator" in page and "Ola" not in page
    record = PersonalDataAccess.objects.get()
    assert client.get(reverse("admin:groups_personaldataaccess_add")).status_code == 403
    url = reverse("admin:groups_personaldataaccess_delete", args=[record.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.post(reverse("admin:groups_personaldataaccess_change", args=[record.pk]), {})
    assert PersonalDataAccess.objects.get() == record


def test_the_access_record_survives_erasure_and_cannot_be_edited(coordinator, ola):
    services.record_access(user=coordinator, action="viewed", registration_ids=[ola.pk])
    services.erase_registration(registration=ola, by=coordinator)
    assert accesses() == [("viewed", ola.pk), ("erased", ola.pk)]
    record = PersonalDataAccess.objects.first()
    record.action = "changed"
    with pytest.raises(ValueError, match="append-only"):
        record.save()
    with pytest.raises(ValueError, match="append-only"):
        record.delete()
    # Nothing about the person is in it.
    fields = {field.name for field in PersonalDataAccess._meta.fields}
    assert fields == {"id", "at", "user", "username", "action", "registration_id"}


def test_list_actions_that_change_registrations_are_recorded(client, coordinator, ola, kari):
    first, _again = kari
    client.force_login(coordinator)
    client.post(REGISTRATIONS, {"action": "mark_contacted", ACTION_CHECKBOX_NAME: [ola.pk]})
    assert accesses() == [("changed", ola.pk)]
    # The "choose a group" page in between changes nothing, so records nothing.
    client.post(REGISTRATIONS, {"action": "place_in_group", ACTION_CHECKBOX_NAME: [first.pk]})
    assert accesses() == [("changed", ola.pk)]
