"""Content Security Policy, login throttling, password hashing and rules, staff sessions."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import linkcentre.settings as production_settings
from linkcentre.middleware import STAFF_SESSION_ENDS
from tests.linkcentre.helpers import run_manage

ADMIN_LOGIN = "/admin/login/"
ORGANISATION_LOGIN = "/konto/login/"
PASSWORD = "a-long-enough-password-42"


# --- Content Security Policy ----------------------------------------------------------------


def test_public_pages_get_the_strict_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert "unsafe-inline" not in policy and "http" not in policy


@pytest.mark.django_db
def test_the_admin_is_left_out_by_setting(client, settings):
    assert settings.CONTENT_SECURITY_POLICY["EXCLUDE_URL_PREFIXES"] == ["/admin/"]
    assert "Content-Security-Policy" not in client.get(ADMIN_LOGIN)
    # English pages are not the admin, whatever their path starts with.
    assert "Content-Security-Policy" in client.get("/en/")


def test_report_only_mode_sends_the_report_only_header(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_csp_report_only_and_admin_url_come_from_the_environment():
    code = (
        "from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY, "
        "settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['EXCLUDE_URL_PREFIXES'], "
        "settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['report-uri'])"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DEBUG="1",
        CSP_REPORT_ONLY="1",
        ADMIN_URL="/staff-only/",
        CSP_REPORT_URI="/csp-report/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None", "['/staff-only/']", "['/csp-report/']"]


# --- login throttling (django-axes) ---------------------------------------------------------


@pytest.fixture
def staff_member(django_user_model):
    return django_user_model.objects.create_user(
        username="ansatt", password=PASSWORD, is_staff=True
    )


@pytest.fixture
def organisation_login(django_user_model):
    from rooms.models import Organisation

    user = django_user_model.objects.create_user(username="aa-login", password=PASSWORD)
    Organisation.objects.create(name="AA Oslo", slug="aa-oslo").members.add(user)
    return user


def fail(client, url, username, times):
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "wrong-password"})
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "user_fixture"),
    [(ADMIN_LOGIN, "staff_member"), (ORGANISATION_LOGIN, "organisation_login")],
)
def test_five_failed_logins_pause_that_username_from_that_address(
    client, request, url, user_fixture
):
    user = request.getfixturevalue(user_fixture)
    # Four wrong passwords: still the login form with its usual error.
    assert fail(client, url, user.username, 4).status_code == 200
    # The fifth: paused, with the site's own page in Norwegian.
    response = fail(client, url, user.username, 1)
    assert response.status_code == 429
    page = response.content.decode()
    assert "For mange mislykkede innlogginger" in page
    assert "60 minutter" in page
    assert "113" in page  # the site's base template, with the crisis numbers
    # Now even the right password is refused...
    response = client.post(url, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but another username from the same address, or the same from elsewhere, is not paused.
    assert fail(client, url, "someone-else", 1).status_code == 200
    response = client.post(
        url, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("url", [ADMIN_LOGIN, ORGANISATION_LOGIN])
def test_an_overlong_username_is_a_form_error_not_a_server_error(client, url):
    # Django only puts the username limit on the widget; unchecked, django-axes would try to
    # store this name in a 255-character column (a 500 on PostgreSQL).
    response = client.post(url, {"username": "x" * 3000, "password": "wrong-password"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_the_pause_ends_after_the_cool_off(client, staff_member, settings):
    fail(client, ADMIN_LOGIN, staff_member.username, 5)
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(hours=1, minutes=1))
    response = client.post(ADMIN_LOGIN, {"username": staff_member.username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_lockout_page_in_english(client, organisation_login):
    response = fail(client, "/en/konto/login/", organisation_login.username, 5)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


# --- password hashing and rules -------------------------------------------------------------


def test_production_hashes_with_argon2_first_and_still_reads_pbkdf2():
    hashers = production_settings.PASSWORD_HASHERS
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers
    assert "MD5" not in " ".join(hashers)


@pytest.mark.django_db
def test_a_new_password_is_hashed_with_argon2(settings, django_user_model):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = django_user_model.objects.create_user(username="ny", password=PASSWORD)
    assert user.password.startswith("argon2$")


@pytest.mark.django_db
def test_an_old_pbkdf2_password_still_works_and_is_upgraded(client, settings, django_user_model):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = django_user_model.objects.create(
        username="gammel", password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    response = client.post(ORGANISATION_LOGIN, {"username": "gammel", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


@pytest.mark.parametrize("password", ["kort-pass1", "12345678901234", "password1234"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password)


def test_twelve_characters_are_enough():
    assert password_validation.validate_password("tolv-tegn-ok") is None


# --- staff sessions -------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_sessions_end_with_the_browser_and_after_eight_hours(client, staff_member):
    client.post(ADMIN_LOGIN, {"username": staff_member.username, "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()
    ends = dt.datetime.fromtimestamp(client.session[STAFF_SESSION_ENDS], tz=dt.UTC)
    assert abs(ends - (timezone.now() + dt.timedelta(hours=8))) < dt.timedelta(minutes=1)
    assert client.get(reverse("admin:index")).status_code == 200
    # Eight hours later, however busy: logged out.
    session = client.session
    session[STAFF_SESSION_ENDS] = (timezone.now() - dt.timedelta(seconds=1)).timestamp()
    session.save()
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(ADMIN_LOGIN)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_staff_session_from_before_the_rule_gets_its_end_now(client, staff_member):
    client.force_login(staff_member)
    session = client.session
    del session[STAFF_SESSION_ENDS]
    session.save()
    assert client.get(reverse("admin:index")).status_code == 200
    assert STAFF_SESSION_ENDS in client.session


@pytest.mark.django_db
def test_organisation_sessions_keep_the_default_length(client, organisation_login, settings):
    client.post(ORGANISATION_LOGIN, {"username": organisation_login.username, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert STAFF_SESSION_ENDS not in client.session
