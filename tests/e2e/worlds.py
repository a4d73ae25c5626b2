"""The worlds the browser tests play in: fixtures that build each app's data through its own
services and models. Imported by tests/e2e/conftest.py so that every e2e test (and the page list
in tests/e2e/pages.py, by fixture name) can use them.
"""

import io
from types import SimpleNamespace

import pytest

from tests.e2e import data


@pytest.fixture
def research_content(transactional_db):
    """The research pages' shipped content. It comes from a data migration, which the flush
    after each live-server test empties; the app's demo loader puts it back (never twice)."""
    from research.demo import create_demo_data

    create_demo_data(io.StringIO())


@pytest.fixture
def staff_world(transactional_db):
    """A staff member with the outreach permissions, a brochure in stock, a GP office and a GP."""
    from django.contrib.auth.models import Permission

    from outreach.models import Brochure, Place, Professional, StockMovement
    from outreach.services import record_stock_movement

    staff = data.make_user("kari.ansatt", is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["groups", "outreach"])
    )
    brochure = Brochure.objects.create(title="Selvhjelp i grupper", language="nb")
    record_stock_movement(
        brochure=brochure, kind=StockMovement.Kind.RECEIVED, quantity=500, user=staff
    )
    place = Place.objects.create(
        name="Grünerløkka legesenter", kind=Place.Kind.GP_OFFICE, district="grunerlokka"
    )
    professional = Professional.objects.create(name="Per Lege", role="Fastlege", workplace=place)
    return SimpleNamespace(staff=staff, brochure=brochure, place=place, professional=professional)


@pytest.fixture
def outreach_staff(staff_world):
    """Staff login for the outreach pages, with some history so the report has tables."""
    from django.utils import timezone

    from outreach.models import ContactActivity
    from outreach.services import record_distribution

    world = staff_world
    record_distribution(brochure=world.brochure, place=world.place, quantity=25, staff=world.staff)
    activity = ContactActivity.objects.create(
        kind=ContactActivity.Kind.PRESENTATION,
        place=world.place,
        people_reached=12,
        topic="Selvhjelp på personalmøtet",
        follow_up_on=timezone.localdate(),
        staff=world.staff,
    )
    activity.professionals.add(world.professional)
    return world.staff
