"""Property-based: the login form takes any input without a server error, never lets anyone in
with a wrong password, and never redirects off the site. See tests/fuzzing.py."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import example, given

from tests.fuzzing import check_page, either, form_data, hostile_text, one_example

pytestmark = pytest.mark.django_db

PASSWORD = "staff-password-123"
LOGIN = form_data(
    {
        "username": either(["staff", "STAFF", "boss"]),
        "password": either([PASSWORD, ""]),
        "next": either(
            ["/rom/", "//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil"],
            hostile_text,
        ),
    },
    {"username": "staff", "password": PASSWORD, "next": "/rom/"},
)


@pytest.fixture
def fuzz_client(client, staff_user):
    staff_user.set_password(PASSWORD)
    staff_user.save()
    client.raise_request_exception = False
    return client


@given(body=LOGIN)
@example(body={"username": "staff\x00", "password": PASSWORD})
@example(body={"username": "x" * 3000, "password": PASSWORD, "next": "/rom/"})  # axes: 255 chars
@example(body={"username": "staff", "password": PASSWORD, "next": "//evil.example/"})
def test_login_form(fuzz_client, body):
    with one_example():
        response = fuzz_client.post(reverse("login"), body)
        check_page(response)
        if response.status_code == 302:
            assert body.get("password") == PASSWORD or PASSWORD in body.get("password", [])
            target = urlsplit(response.url)
            # Django's own check: any other host or scheme falls back to LOGIN_REDIRECT_URL.
            assert not target.netloc and not target.scheme
        fuzz_client.logout()
