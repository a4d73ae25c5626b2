"""Error pages with DEBUG off: the site's header, menu and crisis numbers, in the URL's language."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from linkcentre import views

pytestmark = pytest.mark.django_db

NORWEGIAN = '<html lang="nb">'
ENGLISH = '<html lang="en">'


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


@pytest.fixture
def anonymous():
    # An error in a view is answered by handler500 instead of being raised into the test.
    return Client(raise_request_exception=False)


def page(response):
    return response.content.decode()


def assert_site_layout(html):
    assert 'class="site-header' in html and 'aria-label="' in html
    assert 'href="/grupper/"' in html or 'href="/en/grupper/"' in html  # the main menu
    assert 'class="crisis-box' in html
    assert "113" in html and "116 123" in html and "22 40 00 40" in html


@pytest.mark.parametrize(
    ("path", "language", "text", "other_language_link"),
    [
        ("/finnes-ikke/", NORWEGIAN, "Vi finner ikke den siden", 'href="/en/"'),
        ("/en/does-not-exist/", ENGLISH, "We cannot find that page", 'href="/"'),
        # A view's own 404 (no such group): the language link keeps the page's address.
        ("/grupper/ingen-slik-gruppe/", NORWEGIAN, "Vi finner ikke den siden", "/en/grupper/"),
        ("/en/grupper/ingen-slik-gruppe/", ENGLISH, "We cannot find that page", 'href="/grupper/'),
    ],
)
def test_404_in_the_language_of_the_address(client, path, language, text, other_language_link):
    response = client.get(path)
    assert response.status_code == 404
    html = page(response)
    assert language in html and text in html
    assert other_language_link in html
    assert_site_layout(html)


def test_404_with_hostile_paths_is_still_the_page(client):
    for path in ["/%00/", "/en/<script>alert(1)</script>/", "/" + "x" * 3000 + "/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert "<script>alert(1)" not in page(response)
        assert_site_layout(page(response))


def test_403_for_staff_without_the_permission(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/groups/group/")
    assert response.status_code == 403
    html = page(response)
    assert NORWEGIAN in html and "Du har ikke tilgang til denne siden" in html
    assert_site_layout(html)


@pytest.mark.parametrize(
    ("host_path", "language", "text"),
    [("/", NORWEGIAN, "Vi forsto ikke forespørselen"), ("/en/", ENGLISH, "could not understand")],
)
def test_400_for_a_host_the_site_does_not_serve(client, host_path, language, text):
    response = client.get(host_path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = page(response)
    assert language in html and text in html
    assert_site_layout(html)


@pytest.mark.parametrize(
    ("prefix", "language", "text"),
    [("", NORWEGIAN, "Skjemaet kunne ikke sendes"), ("/en", ENGLISH, "The form could not be sent")],
)
def test_csrf_failure_explains_and_saves_nothing(prefix, language, text):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{prefix}/grupper/meld-interesse/", {"read_expectations": "on"})
    assert response.status_code == 403
    html = page(response)
    assert language in html and text in html
    assert "informasjonskapsler" in html or "cookies" in html
    assert_site_layout(html)
    assert "groups_signup" not in client.session


@pytest.fixture
def broken_home(monkeypatch):
    def fail(self, request, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.HomeView, "get", fail)


@pytest.mark.parametrize(
    ("path", "language", "text"),
    [("/", NORWEGIAN, "Noe gikk galt hos oss"), ("/en/", ENGLISH, "Something went wrong")],
)
def test_500_in_the_language_of_the_address(anonymous, broken_home, path, language, text):
    response = anonymous.get(path)
    assert response.status_code == 500
    html = page(response)
    assert language in html and text in html
    assert "a bug" not in html
    assert_site_layout(html)


def test_500_renders_when_the_database_is_down_for_a_logged_in_user(
    anonymous, staff_user, monkeypatch
):
    anonymous.force_login(staff_user)

    def down(self, *args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(views.HomeView, "get", down)
    monkeypatch.setattr(CursorWrapper, "execute", down)
    response = anonymous.get("/")
    assert response.status_code == 500
    html = page(response)
    assert "Noe gikk galt hos oss" in html
    assert_site_layout(html)


def test_500_falls_back_to_a_plain_page_when_the_layout_cannot_render(
    anonymous, broken_home, monkeypatch
):
    def no_templates(*args, **kwargs):
        raise RuntimeError("template engine broken")

    monkeypatch.setattr(views.loader, "render_to_string", no_templates)
    response = anonymous.get("/en/")
    assert response.status_code == 500
    html = page(response)
    assert ENGLISH in html and "error 500" in html
    assert "113" in html and "116 123" in html


def test_403_from_a_view_under_en_is_english(anonymous, monkeypatch):
    def refuse(self, request, *args, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr(views.PrivacyView, "get", refuse)
    response = anonymous.get("/en/personvern/")
    assert response.status_code == 403
    html = page(response)
    assert ENGLISH in html and "You do not have access to this page" in html
    assert 'href="/personvern/"' in html
    assert_site_layout(html)
