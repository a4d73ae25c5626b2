import pytest
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_is_norwegian_without_prefix(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "Selvhjelpsgrupper" in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html and 'id="main"' in html


def test_home_in_english_under_en_prefix(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "you are not alone" in html


def test_language_switcher_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/personvern/").content.decode()
    assert 'href="/en/personvern/"' in html
    html = client.get("/en/personvern/").content.decode()
    assert 'href="/personvern/"' in html


@pytest.mark.parametrize("path", ["/personvern/", "/tilgjengelighet/"])
def test_footer_pages(client, path):
    assert client.get(path).status_code == 200
    assert client.get("/en" + path).status_code == 200
    assert f'href="{path}"' in client.get("/").content.decode()


def test_crisis_numbers_are_on_the_home_page(client):
    html = client.get("/").content.decode()
    assert "113" in html and "116 123" in html


def test_accessibility_statement_links_the_official_statement_when_configured(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://uustatus.no/nb/erklaringer/publisert/example"
    html = client.get(reverse("accessibility")).content.decode()
    assert "https://uustatus.no/nb/erklaringer/publisert/example" in html


def test_public_pages_send_a_content_security_policy(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_admin_login_is_branded(client, settings):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert settings.CENTRE_NAME in response.content.decode()


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken_execute(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken_execute)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_static_bootstrap_is_served_locally(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "cdn" not in html.lower()


def test_admin_index_shows_dashboard_for_staff(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "LINK Oslo" in response.content.decode()


def test_dashboard_panels_follow_permissions(client, superuser, staff_user):
    from outreach.models import Brochure

    Brochure.objects.create(title="Selvhjelp i Oslo", language="nb", low_stock_threshold=50)
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "Brosjyrer som snart er tomme" in html
    client.force_login(staff_user)  # staff without outreach permissions
    html = client.get("/admin/").content.decode()
    assert "Brosjyrer som snart er tomme" not in html


def test_dashboard_shows_rooms_this_week(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "Rombruk i dag og denne uka" in html
    assert "Ukentlige serier som venter på godkjenning" in html
