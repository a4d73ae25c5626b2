"""Fixtures shared by every app's tests. App-specific fixtures live in tests/<app>/conftest.py."""

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def fast_password_hashing_everywhere(settings):
    """Production hashes with Argon2, which is slow on purpose; tests that make logins need no
    strong hash. tests/linkcentre/test_security.py checks the production hashers themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staff", password="staff-password-123", is_staff=True
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="boss", password="boss-password-123", email="boss@example.org"
    )


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL's own features; on SQLite they are skipped."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
