import pytest
from django.contrib.auth.models import Permission


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def report_staff(django_user_model):
    """A staff member given the annual report's own permission, and nothing else."""
    user = django_user_model.objects.create_user(
        username="rapport", password="rapport-password-123", is_staff=True
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="linkcentre", codename="view_annual_report")
    )
    return user


@pytest.fixture
def report_client(client, report_staff):
    client.force_login(report_staff)
    return client
