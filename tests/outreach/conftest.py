"""The outreach tests' fixtures: staff, brochures, places and professionals from
tests/factories.py; ``oslo()`` is in tests/outreach/helpers.py."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from outreach.models import (
    Brochure,
    ContactActivity,
    Distribution,
    District,
    Place,
    Professional,
    StockMovement,
)
from tests.factories import (
    BrochureFactory,
    PlaceFactory,
    ProfessionalFactory,
    StaffFactory,
    UserFactory,
)
from tests.outreach.helpers import oslo


@pytest.fixture
def suite_language():
    # English messages in unit tests; page tests override this with Norwegian (no prefix).
    return "en"


@pytest.fixture
def outreach_staff(db):
    """A staff member with every outreach permission (what the centre's staff group gets)."""
    user = StaffFactory(username="kari", password="kari-password-123", first_name="Kari")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="outreach"))
    return user


@pytest.fixture
def plain_user(db):
    return UserFactory(username="ola", password="ola-password-123")


@pytest.fixture
def staff_client(client, outreach_staff):
    client.force_login(outreach_staff)
    return client


@pytest.fixture
def make_brochure(db):
    """A brochure; ``stock=n`` receives n copies through the stock service."""

    def make(title="Selvhjelp – hva er det?", stock=0, threshold=100, **kwargs):
        return BrochureFactory(title=title, low_stock_threshold=threshold, stock=stock, **kwargs)

    return make


@pytest.fixture
def brochure(make_brochure):
    return make_brochure(stock=100)


@pytest.fixture
def make_place(db):
    """A GP office in Grünerløkka (Legekontor 1, 2, ... unless named)."""
    return PlaceFactory


@pytest.fixture
def place(make_place):
    return make_place(name="Legene på Løkka", address="Thorvald Meyers gate 40")


@pytest.fixture
def professional(place):
    return ProfessionalFactory(name="Åse Øvrebø", role="fastlege", workplace=place)


@pytest.fixture
def bulk_history():
    """Make ``n`` distributions, activities and professionals quickly (bulk_create), for
    query-count tests. Stock is not involved: this is about reading, not the stock rule."""

    def make(n, *, staff=None):
        brochures = Brochure.objects.bulk_create(
            [Brochure(title=f"Brosjyre {i}", edition=str(i)) for i in range(3)]
        )
        places = Place.objects.bulk_create(
            [
                Place(name=f"Sted {i}", kind=kind, district=district, address=f"Gate {i}")
                for i, (kind, district) in enumerate(
                    zip(
                        [k for k, _l in Place.Kind.choices] * 3,
                        [d for d, _l in District.choices],
                        strict=False,
                    )
                )
            ]
        )
        professionals = Professional.objects.bulk_create(
            [
                Professional(name=f"Fagperson {i}", role="lege", workplace=places[i % len(places)])
                for i in range(n)
            ]
        )
        start = dt.date(2025, 1, 1)
        distributions = Distribution.objects.bulk_create(
            [
                Distribution(
                    brochure=brochures[i % 3],
                    place=places[i % len(places)],
                    quantity=1 + i % 7,
                    date=start + dt.timedelta(days=i % 365),
                    staff=staff,
                )
                for i in range(n)
            ]
        )
        StockMovement.objects.bulk_create(
            [
                StockMovement(
                    brochure=distribution.brochure,
                    kind=StockMovement.Kind.DISTRIBUTED,
                    quantity=-distribution.quantity,
                    date=distribution.date,
                    distribution=distribution,
                )
                for distribution in distributions
            ]
        )
        kinds = [k for k, _l in ContactActivity.Kind.choices]
        activities = ContactActivity.objects.bulk_create(
            [
                ContactActivity(
                    occurred_at=oslo(2025, 1, 1) + dt.timedelta(hours=i * 7 % (365 * 24)),
                    kind=kinds[i % len(kinds)],
                    place=places[i % len(places)],
                    people_reached=i % 11,
                    topic=f"Tema {i}",
                    follow_up_on=start + dt.timedelta(days=i % 400) if i % 3 else None,
                    staff=staff,
                )
                for i in range(n)
            ]
        )
        through = ContactActivity.professionals.through
        through.objects.bulk_create(
            [
                through(contactactivity_id=activity.pk, professional_id=professionals[i].pk)
                for i, activity in enumerate(activities)
            ]
        )
        return {"brochures": brochures, "places": places}

    return make
