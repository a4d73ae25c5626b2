import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from outreach import services
from outreach.models import Brochure, Distribution, StockMovement

pytestmark = pytest.mark.django_db


def stock_of(brochure):
    return Brochure.objects.with_stock().get(pk=brochure.pk).stock


def test_stock_is_the_sum_of_the_ledger(make_brochure, place, outreach_staff):
    brochure = make_brochure(stock=0)
    assert stock_of(brochure) == 0
    services.record_stock_movement(brochure=brochure, kind="printed", quantity=500)
    services.record_stock_movement(brochure=brochure, kind="received", quantity=40)
    services.record_distribution(brochure=brochure, place=place, quantity=75, staff=outreach_staff)
    services.record_stock_movement(brochure=brochure, kind="correction", quantity=-5, note="Våte")
    assert stock_of(brochure) == 460
    assert brochure.current_stock() == 460


def test_distribution_lowers_stock_and_is_in_the_ledger(brochure, place, outreach_staff):
    distribution = services.record_distribution(
        brochure=brochure, place=place, quantity=30, date=dt.date(2025, 3, 4), staff=outreach_staff
    )
    assert stock_of(brochure) == 70
    movement = distribution.stock_movement
    assert movement.kind == StockMovement.Kind.DISTRIBUTED
    assert movement.quantity == -30
    assert movement.date == dt.date(2025, 3, 4)


def test_distributing_more_than_in_stock_is_refused_with_a_clear_message(brochure, place):
    with pytest.raises(ValidationError) as error:
        services.record_distribution(brochure=brochure, place=place, quantity=101)
    message = " ".join(error.value.messages)
    assert "Only 100 copies" in message and "101 cannot be distributed" in message
    assert stock_of(brochure) == 100
    assert not Distribution.objects.exists()


def test_exactly_the_whole_stock_can_be_distributed(brochure, place):
    services.record_distribution(brochure=brochure, place=place, quantity=100)
    assert stock_of(brochure) == 0
    with pytest.raises(ValidationError, match="Only 0 copies"):
        services.record_distribution(brochure=brochure, place=place, quantity=1)


@pytest.mark.parametrize("quantity", [0, -3, None])
def test_a_distribution_needs_a_positive_quantity(brochure, place, quantity):
    with pytest.raises(ValidationError):
        services.record_distribution(brochure=brochure, place=place, quantity=quantity)
    assert not Distribution.objects.exists()


def test_several_distributions_are_all_or_nothing(make_brochure, place):
    plenty = make_brochure(title="Mange", stock=100)
    few = make_brochure(title="Få", stock=10)
    with pytest.raises(ValidationError) as error:
        services.record_distributions(items=[(plenty, 20), (few, 11)], place=place)
    assert "Få" in " ".join(error.value.messages)
    assert not Distribution.objects.exists()
    assert stock_of(plenty) == 100


def test_several_rows_of_the_same_brochure_are_counted_together(brochure, place):
    with pytest.raises(ValidationError, match="120 cannot be distributed"):
        services.record_distributions(items=[(brochure, 60), (brochure, 60)], place=place)
    created = services.record_distributions(items=[(brochure, 60), (brochure, 40)], place=place)
    assert len(created) == 2
    assert stock_of(brochure) == 0


def test_corrections_cannot_make_stock_negative(brochure):
    with pytest.raises(ValidationError, match="would make it negative"):
        services.record_stock_movement(brochure=brochure, kind="correction", quantity=-101)
    services.record_stock_movement(brochure=brochure, kind="correction", quantity=-100)
    assert stock_of(brochure) == 0


@pytest.mark.parametrize(
    ("kind", "quantity"),
    [("received", -5), ("printed", 0), ("correction", 0), ("distributed", -1)],
)
def test_movements_with_the_wrong_sign_are_refused(brochure, kind, quantity):
    with pytest.raises(ValidationError):
        services.record_stock_movement(brochure=brochure, kind=kind, quantity=quantity)
    assert StockMovement.objects.count() == 1


def test_deleting_a_distribution_gives_the_stock_back(brochure, place):
    distribution = services.record_distribution(brochure=brochure, place=place, quantity=25)
    services.delete_distribution(distribution=distribution)
    assert stock_of(brochure) == 100
    assert StockMovement.objects.count() == 1


def test_update_distribution_moves_the_ledger_date(brochure, place):
    distribution = services.record_distribution(brochure=brochure, place=place, quantity=5)
    distribution.date = dt.date(2025, 1, 2)
    services.update_distribution(distribution=distribution)
    assert StockMovement.objects.get(distribution=distribution).date == dt.date(2025, 1, 2)


def test_complete_follow_ups(place):
    from outreach.models import ContactActivity

    activity = ContactActivity.objects.create(
        kind="meeting", topic="Samarbeid", place=place, follow_up_on=dt.date(2025, 1, 1)
    )
    assert services.complete_follow_ups(activities=[activity]) == 1
    assert services.complete_follow_ups(activities=[activity]) == 0
    activity.refresh_from_db()
    assert activity.follow_up_done


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_distributions_never_take_stock_below_zero(make_brochure, place):
    """Ten people at once each try to hand out 60 of 100 brochures: exactly one succeeds."""
    brochure = make_brochure(stock=100)
    barrier = threading.Barrier(10)
    outcomes = []
    lock = threading.Lock()

    def distribute():
        try:
            barrier.wait()
            services.record_distribution(brochure=brochure, place=place, quantity=60)
            result = "ok"
        except ValidationError:
            result = "refused"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=distribute) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ok"] + ["refused"] * 9
    assert stock_of(brochure) == 40
    assert Distribution.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_small_distributions_use_up_the_stock_exactly(make_brochure, place):
    """Twelve people each take 10 of 100: exactly ten succeed and the stock ends at zero."""
    brochure = make_brochure(stock=100)
    barrier = threading.Barrier(12)
    outcomes = []

    def distribute():
        try:
            barrier.wait()
            services.record_distribution(brochure=brochure, place=place, quantity=10)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=distribute) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("ok") == 10
    assert stock_of(brochure) == 0
