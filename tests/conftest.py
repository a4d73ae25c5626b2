"""Fixtures shared by every app's tests. App-specific fixtures live in tests/<app>/conftest.py."""

import os

import pytest
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings


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


# --- Hypothesis (property-based tests, tests/*/test_fuzz.py) ------------------------------------
# "ci" keeps every fuzz module well under a minute; HYPOTHESIS_PROFILE=thorough for a long run.
# Examples share the data a test's fixtures built once (each runs in its own savepoint), hence
# the function-scoped fixture health check is off. No example database: runs stay reproducible
# from the seed Hypothesis prints, and nothing is written into the work tree.
hypothesis_settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "thorough", parent=hypothesis_settings.get_profile("ci"), max_examples=500
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
