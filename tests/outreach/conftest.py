import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from outreach import services
from outreach.models import (
    Brochure,
    ContactActivity,
    Distribution,
    District,
    Place,
    Professional,
    StockMovement,
)

OSLO = ZoneInfo("Europe/Oslo")


def oslo(year, month, day, hour=12, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def test_language():
    """English messages in unit tests; page tests override this with Norwegian (no prefix)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are logged in with force_login; hashing real passwords would only cost time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def outreach_staff(django_user_model):
    """A staff member with every outreach permission (what the centre's staff group gets)."""
    user = django_user_model.objects.create_user(
        username="kari", password="kari-password-123", is_staff=True, first_name="Kari"
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="outreach"))
    return user


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user(username="ola", password="ola-password-123")


@pytest.fixture
def staff_client(client, outreach_staff):
    client.force_login(outreach_staff)
    return client


@pytest.fixture
def make_brochure():
    def make(title="Selvhjelp – hva er det?", stock=0, threshold=100, **kwargs):
        brochure = Brochure.objects.create(title=title, low_stock_threshold=threshold, **kwargs)
        if stock:
            services.record_stock_movement(
                brochure=brochure, kind=StockMovement.Kind.RECEIVED, quantity=stock
            )
        return brochure

    return make


@pytest.fixture
def brochure(make_brochure):
    return make_brochure(stock=100)


@pytest.fixture
def make_place():
    counter = iter(range(1, 10**6))

    def make(name=None, kind=Place.Kind.GP_OFFICE, district=District.GRUNERLOKKA, **kwargs):
        name = name or f"Legekontor {next(counter)}"
        return Place.objects.create(name=name, kind=kind, district=district, **kwargs)

    return make


@pytest.fixture
def place(make_place):
    return make_place(name="Legene på Løkka", address="Thorvald Meyers gate 40")


@pytest.fixture
def professional(place):
    return Professional.objects.create(name="Åse Øvrebø", role="fastlege", workplace=place)


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
