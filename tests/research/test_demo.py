import pytest
from django.core.management import call_command

from research.models import Finding, Principle, Source

pytestmark = pytest.mark.django_db


def counts():
    return Principle.objects.count(), Source.objects.count(), Finding.objects.count()


def test_demo_does_not_duplicate_the_shipped_content():
    shipped = counts()
    call_command("demo")
    call_command("demo")
    assert counts() == shipped


def test_demo_restores_missing_content_and_keeps_staff_edits():
    shipped = counts()
    Principle.objects.filter(slug="frivillighet").delete()
    Principle.objects.filter(slug="motiver-ikke-henvis").update(title_nb="Redigert av ansatte")
    call_command("demo")
    assert counts() == shipped
    assert Principle.objects.get(slug="motiver-ikke-henvis").title_nb == "Redigert av ansatte"
