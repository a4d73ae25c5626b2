import pytest
from django.core.management import call_command

from outreach.models import (
    Brochure,
    ContactActivity,
    Distribution,
    Place,
    Professional,
    StockMovement,
)

pytestmark = pytest.mark.django_db

MODELS = [Brochure, Place, Professional, ContactActivity, Distribution, StockMovement]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_makes_a_year_of_history_and_is_idempotent(capsys):
    call_command("demo")
    first = counts()
    call_command("demo")
    assert counts() == first
    assert first["Place"] >= 30 and first["Professional"] >= 40
    assert first["ContactActivity"] > 100 and first["Distribution"] > 50
    # Every district is represented and no brochure's stock is negative.
    districts = set(Place.objects.values_list("district", flat=True))
    assert {"gamle-oslo", "grunerlokka", "sondre-nordstrand", "vestre-aker"} <= districts
    assert min(Brochure.objects.with_stock().values_list("stock", flat=True)) >= 0
    # A year of history, and something for the staff pages to show.
    dates = ContactActivity.objects.order_by("occurred_at").values_list("occurred_at", flat=True)
    assert (dates.last() - dates.first()).days > 330
    assert ContactActivity.objects.with_open_follow_up().exists()
    assert Brochure.objects.low_on_stock().exists()
