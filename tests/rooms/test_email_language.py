"""An organisation chooses the language of the centre's emails on its own pages under /rom/."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.urls import reverse
from django.utils import translation

from rooms.models import Organisation

pytestmark = pytest.mark.django_db


def url():
    with translation.override("en"):
        return reverse("rooms:email_language")


def test_anonymous_users_are_sent_to_log_in_and_change_nothing(client, organisation):
    assert client.get(url())["Location"].startswith("/en/konto/login/")
    response = client.post(url(), {"language": "en"})
    assert response.status_code == 302 and response["Location"].startswith("/en/konto/login/")
    assert Organisation.objects.get().language == "nb"


def test_a_user_without_an_organisation_gets_the_clear_message(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("solo", password="x"))
    response = client.post(url(), {"language": "en"})
    assert response.status_code == 200
    assert "not linked to any partner organisation" in response.content.decode()


def test_our_bookings_shows_the_language_and_links_to_the_form(org_client):
    with translation.override("en"):
        page = org_client.get(reverse("rooms:mine")).content.decode()
    assert "The centre's emails to you are written in: Norwegian Bokmål." in page
    assert f'href="{url()}"' in page


def test_a_member_chooses_english_for_their_own_organisation_only(
    org_client, organisation, other_organisation
):
    page = org_client.get(url())
    assert page.status_code == 200 and 'value="en"' in page.content.decode()
    response = org_client.post(url(), {"language": "en"})
    assert response.status_code == 302 and response["Location"].endswith("/rom/mine/")
    organisation.refresh_from_db()
    other_organisation.refresh_from_db()
    assert (organisation.language, other_organisation.language) == ("en", "nb")
    page = org_client.get(response["Location"]).content.decode()
    assert "Saved. The centre&#x27;s emails to AA Oslo are written in: English." in page


@pytest.mark.parametrize("language", ["xx", "", "nb-NO", "<script>"])
def test_an_unknown_language_is_a_form_error_and_saves_nothing(org_client, organisation, language):
    Organisation.objects.filter(pk=organisation.pk).update(language="en")
    response = org_client.post(url(), {"language": language})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert "alert" in response.content.decode() or "invalid-feedback" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.language == "en"


def test_the_staff_see_and_filter_the_language_in_the_admin(client, superuser, organisation):
    model_admin = admin.site._registry[Organisation]
    assert "language" in flatten_fieldsets(model_admin.fieldsets)
    client.force_login(superuser)
    changelist = reverse("admin:rooms_organisation_changelist")
    assert "AA Oslo" in client.get(changelist, {"language": "nb"}).content.decode()
    assert "AA Oslo" not in client.get(changelist, {"language": "en"}).content.decode()
