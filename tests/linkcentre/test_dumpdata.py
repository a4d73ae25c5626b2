"""A backup with ``dumpdata`` loads back into an empty database with nothing lost.

As Django's documentation advises for fixtures with natural keys, content types, permissions and
sessions are left out: ``migrate``/``flush`` create the first two again, sessions are disposable.
"""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as Role
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db

EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "sessions")
        and model._meta.label != "auth.Permission"
    }


@pytest.fixture
def everything():
    """The demo data plus what the demo does not make: roles, the personal-data records."""
    from groups import services
    from groups.models import InterestRegistration

    call_command("demo", "--admin", "--force", stdout=io.StringIO())
    role = Role.objects.create(name="Centre staff")
    role.permissions.set(Permission.objects.filter(content_type__app_label="groups"))
    staff = get_user_model().objects.create_user(username="kari", is_staff=True)
    staff.groups.add(role)
    staff.user_permissions.add(Permission.objects.get(codename="view_room"))
    registration = InterestRegistration.objects.first()
    services.record_access(user=staff, action="viewed", registration_ids=[registration.pk])
    services.erase_registration(registration=InterestRegistration.objects.last(), by=staff)


def test_dumpdata_loads_back_into_an_empty_database_with_nothing_lost(everything, tmp_path):
    before = row_counts()
    for label in [
        "groups.InterestRegistration",
        "groups.Membership",
        "groups.ConsentText",
        "groups.PersonalDataAccess",
        "groups.ErasedRegistrationCount",
        "rooms.Booking",
        "outreach.Distribution",
        "research.Finding",
        "auth.User",
        "auth.Group",
    ]:
        assert before[label] > 0, label

    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        exclude=EXCLUDED,
        output=str(backup),
        stdout=io.StringIO(),
    )
    # Inside the test's transaction PostgreSQL refuses TRUNCATE while deferred foreign-key checks
    # are pending; checking them now (SET CONSTRAINTS ALL IMMEDIATE) clears the queue.
    connection.check_constraints()
    call_command("flush", interactive=False, stdout=io.StringIO())
    assert row_counts()["groups.InterestRegistration"] == 0
    call_command("loaddata", str(backup), stdout=io.StringIO())

    assert row_counts() == before
    # Relations by natural key survive: the role keeps its permissions, the user their role.
    kari = get_user_model().objects.get(username="kari")
    assert kari.groups.get().permissions.filter(content_type__app_label="groups").exists()
    assert kari.has_perm("rooms.view_room")
