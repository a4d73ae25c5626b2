"""The Norwegian admin speaks Norwegian: "Plasser" for seats, and the admin strings Django's own
nb catalogue lacks (ours fill them in, also in the admin's JavaScript catalogue)."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from groups.models import Group, InfoMeeting
from outreach.models import Place

pytestmark = pytest.mark.django_db

ENGLISH_LEFT_BY_DJANGO = [
    "Start typing to filter",
    "Please correct the error",
    "Please correct the errors",
    "Filter navigation items",
    "Toggle theme",
    "Skip to main content",
    "Sidebar",
    "Breadcrumbs",
]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="sjef", password="x" * 16)


def test_places_are_seats_on_groups_and_information_meetings_and_locations_in_outreach():
    with translation.override("nb"):
        assert str(Group._meta.get_field("capacity").verbose_name) == "plasser"
        assert str(InfoMeeting._meta.get_field("places").verbose_name) == "plasser"
        assert str(Place._meta.verbose_name_plural) == "steder"


def test_the_norwegian_group_change_form_shows_no_english_admin_string(
    client, superuser, make_group
):
    group = make_group(name="Torsdagsgruppa")
    client.force_login(superuser)
    url = reverse("admin:groups_group_change", args=[group.pk])
    page = client.get(url).content.decode()
    assert "Begynn å skrive for å filtrere" in page
    assert "Plasser" in page
    for english in ENGLISH_LEFT_BY_DJANGO:
        assert english not in page, english
    # A form with an error: Django's message is a plural form its nb catalogue does not have.
    response = client.post(url, {"kind": "closed", "name": "", "slug": group.slug})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rett opp feilene nedenfor." in page or "Rett opp feilen nedenfor." in page
    assert "Please correct" not in page


def test_the_information_meeting_form_says_plasser(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:groups_infomeeting_add")).content.decode()
    assert re.search(r"<label[^>]*for=\"id_places\"[^>]*>Plasser", page)


def test_the_admins_javascript_catalogue_is_norwegian(client, superuser):
    client.force_login(superuser)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue[
        'Choose %s by selecting them and then select the "Choose" arrow button.'
    ].startswith("Velg %s ved å markere dem")
    assert catalogue["Choose all %s"] == "Velg alle %s"
    assert catalogue["Type into this box to filter down the list of selected %s."].startswith(
        "Skriv i dette feltet"
    )
    assert catalogue["abbrev. day Monday\x04Mon"] == "man"
    # Django's own nb strings are still there (ours are merged over, not instead).
    assert catalogue["Choose"] == "Velg"
