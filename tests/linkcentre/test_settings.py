"""Production settings, checked in a subprocess so each case gets a clean environment."""

from tests.linkcentre.helpers import run_manage


def test_check_deploy_reports_nothing_in_production():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-very-long-random-production-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="link.example.no",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_missing_secret_key_in_production_fails_clearly():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_ssl_redirect_can_be_turned_off_for_plain_http():
    code = (
        "from django.conf import settings; "
        "print(settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", code, DEBUG="0", SECRET_KEY="k" * 60, SECURE_SSL_REDIRECT="0"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False False"


def test_database_url_selects_postgresql():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['HOST'], d['PORT'])"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DEBUG="1",
        DATABASE_URL="postgres://lc@db.example:5432/linkcentre",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "linkcentre",
        "db.example",
        "5432",
    ]


def test_bad_boolean_is_refused():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be" in result.stderr
