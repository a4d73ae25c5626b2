"""The linkcentre tests' fixtures (data from tests/factories.py; password hashing is in the root
conftest, ``run_manage`` in tests/linkcentre/helpers.py)."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import StaffFactory


@pytest.fixture
def report_staff(db):
    """A staff member given the annual report's own permission, and nothing else."""
    user = StaffFactory(username="rapport", password="rapport-password-123")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="linkcentre", codename="view_annual_report")
    )
    return user


@pytest.fixture
def report_client(client, report_staff):
    client.force_login(report_staff)
    return client
