import pytest
from django.contrib.auth.models import Permission

from research.models import Principle, Source

pytestmark = pytest.mark.django_db


def test_admin_needs_login(client):
    response = client.get("/admin/research/principle/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_permission_is_refused(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/admin/research/principle/").status_code == 403


def test_staff_with_permission_edits_principles_with_inline_findings(client, staff_user):
    staff_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="research"))
    client.force_login(staff_user)
    response = client.get("/admin/research/principle/?q=frivillig")
    assert response.status_code == 200
    assert "Deltakelse må være frivillig" in response.content.decode()
    principle = Principle.objects.get(slug="frivillighet")
    response = client.get(f"/admin/research/principle/{principle.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "findings-TOTAL_FORMS" in html
    assert client.get("/admin/research/source/?q=Timko&doi=checked").status_code == 200
    assert client.get("/admin/research/finding/?certainty=low").status_code == 200


def test_admin_refuses_a_source_without_doi_or_url(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/research/source/add/",
        {
            "key": "uten-lenke",
            "kind": "report",
            "authors": "Nordmann, K.",
            "year": "2020",
            "title": "Uten lenke",
            "container": "Forlag",
            "doi_checked": "on",
        },
    )
    assert response.status_code == 200
    assert "Oppgi en DOI eller en nettadresse" in response.content.decode()
    assert not Source.objects.filter(key="uten-lenke").exists()


def test_admin_refuses_a_duplicate_principle_address(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/research/principle/add/",
        {
            "slug": "frivillighet",
            "order": "1",
            "is_published": "on",
            "title_nb": "Ny",
            "title_en": "New",
            "summary_nb": "s",
            "summary_en": "s",
            "body_nb": "b",
            "body_en": "b",
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
            "findings-MIN_NUM_FORMS": "0",
            "findings-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Principle.objects.filter(slug="frivillighet").count() == 1


def test_admin_actions_hide_and_publish_principles(client, superuser):
    client.force_login(superuser)
    principle = Principle.objects.get(slug="frivillighet")
    url = "/admin/research/principle/"
    client.post(url, {"action": "unpublish", "_selected_action": [principle.pk]})
    principle.refresh_from_db()
    assert not principle.is_published
    assert client.get("/forskning/frivillighet/").status_code == 404
    client.post(url, {"action": "publish", "_selected_action": [principle.pk]})
    principle.refresh_from_db()
    assert principle.is_published
