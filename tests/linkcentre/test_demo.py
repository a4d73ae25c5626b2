import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_creates_admin(capsys):
    call_command("demo", "--admin", "--force")
    first = capsys.readouterr().out
    assert "Demo admin login: username 'admin'" in first
    call_command("demo", "--admin", "--force")
    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1


def test_demo_refuses_superuser_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo", "--admin")
