import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from outreach import services
from outreach.models import Brochure, ContactActivity, Distribution, StockMovement

pytestmark = pytest.mark.django_db


def stock_of(brochure):
    return Brochure.objects.with_stock().get(pk=brochure.pk).stock


def visit_data(place, rows, **extra):
    data = {
        "occurred_at_0": "2025-12-31",
        "occurred_at_1": "10:30",
        "kind": "visit",
        "staff": "",
        "place": place.pk if place else "",
        "people_reached": "2",
        "topic": "Påfyll av brosjyrer",
        "summary": "",
        "follow_up_on": "",
        "distributions-TOTAL_FORMS": str(len(rows)),
        "distributions-INITIAL_FORMS": "0",
        "distributions-MIN_NUM_FORMS": "0",
        "distributions-MAX_NUM_FORMS": "1000",
    }
    for i, (brochure, quantity) in enumerate(rows):
        data[f"distributions-{i}-brochure"] = brochure.pk
        data[f"distributions-{i}-quantity"] = str(quantity)
    data.update(extra)
    return data


def test_visit_with_several_distributions_lowers_stock(
    staff_client, make_brochure, place, outreach_staff
):
    first = make_brochure(title="Selvhjelp", stock=100)
    second = make_brochure(title="Pårørende", stock=50)
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_add"),
        visit_data(place, [(first, 30), (second, 50)], staff=outreach_staff.pk),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    activity = ContactActivity.objects.get()
    assert activity.distributions.count() == 2
    assert {d.place for d in activity.distributions.all()} == {place}
    assert {d.date for d in activity.distributions.all()} == {dt.date(2025, 12, 31)}
    assert stock_of(first) == 70 and stock_of(second) == 0


def test_visit_taking_more_than_in_stock_shows_an_error_and_saves_nothing(
    staff_client, make_brochure, place
):
    first = make_brochure(title="Selvhjelp", stock=100)
    second = make_brochure(title="Pårørende", stock=10)
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_add"),
        visit_data(place, [(first, 30), (second, 6), (second, 6)]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Det er bare 10 eksemplarer av «Pårørende" in html
    assert not ContactActivity.objects.exists()
    assert not Distribution.objects.exists()
    assert stock_of(first) == 100


def test_visit_with_brochures_needs_a_place(staff_client, brochure, professional):
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_add"),
        visit_data(None, [(brochure, 5)], professionals=[professional.pk]),
    )
    assert response.status_code == 200
    assert "Velg stedet for besøket" in response.content.decode()
    assert not ContactActivity.objects.exists()


def test_activity_needs_a_place_or_professionals(staff_client):
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_add"), visit_data(None, [])
    )
    assert response.status_code == 200
    assert "Velg stedet, fagpersonene eller begge deler" in response.content.decode()


def test_a_race_lost_at_save_time_shows_a_message_and_saves_nothing(
    staff_client, brochure, place, monkeypatch
):
    """Someone else took the stock between the form check and the save: the service refuses
    under its lock, the admin's transaction is rolled back and the person is told why."""
    monkeypatch.setattr(services, "check_stock_for", lambda items: None)
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_add"),
        visit_data(place, [(brochure, 500)]),
        follow=True,
    )
    assert "Det er bare 100 eksemplarer" in response.content.decode()
    assert not ContactActivity.objects.exists()
    assert not Distribution.objects.exists()


def test_add_form_defaults_to_me_and_now(staff_client, outreach_staff):
    response = staff_client.get(reverse("admin:outreach_contactactivity_add"))
    form = response.context["adminform"].form
    assert form.initial["staff"] == outreach_staff.pk
    assert abs(form.initial["occurred_at"] - timezone.now()) < dt.timedelta(minutes=5)
    assert response.context["adminform"].form.fields["kind"].required
    dist = staff_client.get(reverse("admin:outreach_distribution_add")).context["adminform"].form
    assert dist.initial["staff"] == outreach_staff.pk


def test_existing_distributions_in_a_visit_can_be_deleted_to_give_stock_back(
    staff_client, brochure, place, outreach_staff
):
    activity = ContactActivity.objects.create(
        kind="visit", topic="Besøk", place=place, staff=outreach_staff
    )
    distribution = services.record_distribution(
        brochure=brochure, place=place, quantity=40, activity=activity
    )
    data = visit_data(place, [], staff=outreach_staff.pk)
    data.update(
        {
            "distributions-TOTAL_FORMS": "1",
            "distributions-INITIAL_FORMS": "1",
            "distributions-0-id": distribution.pk,
            "distributions-0-activity": activity.pk,
            "distributions-0-DELETE": "on",
        }
    )
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_change", args=[activity.pk]), data
    )
    assert response.status_code == 302
    assert not Distribution.objects.exists()
    assert stock_of(brochure) == 100


def test_distribution_admin_refuses_more_than_in_stock(staff_client, brochure, place):
    response = staff_client.post(
        reverse("admin:outreach_distribution_add"),
        {
            "date": "2025-05-05",
            "brochure": brochure.pk,
            "place": place.pk,
            "quantity": "101",
            "staff": "",
        },
    )
    assert response.status_code == 200
    assert "Det er bare 100 eksemplarer" in response.content.decode()
    assert not Distribution.objects.exists()


def test_distribution_admin_records_through_the_service(
    staff_client, brochure, place, outreach_staff
):
    response = staff_client.post(
        reverse("admin:outreach_distribution_add"),
        {
            "date": "2025-05-05",
            "brochure": brochure.pk,
            "place": place.pk,
            "quantity": "60",
            "staff": "",
        },
    )
    assert response.status_code == 302
    distribution = Distribution.objects.get()
    assert distribution.staff == outreach_staff
    assert distribution.stock_movement.quantity == -60
    assert stock_of(brochure) == 40
    # Changing the date keeps brochure and quantity (read-only) and moves the ledger line.
    response = staff_client.post(
        reverse("admin:outreach_distribution_change", args=[distribution.pk]),
        {"date": "2025-05-06", "place": place.pk, "staff": outreach_staff.pk},
    )
    assert response.status_code == 302
    assert StockMovement.objects.get(distribution=distribution).date == dt.date(2025, 5, 6)
    assert stock_of(brochure) == 40
    response = staff_client.post(
        reverse("admin:outreach_distribution_delete", args=[distribution.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert stock_of(brochure) == 100


def test_stock_movement_admin(staff_client, brochure):
    url = reverse("admin:outreach_stockmovement_add")
    bad = staff_client.post(
        url,
        {"brochure": brochure.pk, "kind": "correction", "quantity": "-150", "date": "2025-01-01"},
    )
    assert bad.status_code == 200
    assert "ville gjort den negativ" in bad.content.decode()
    no_distributed = staff_client.post(
        url,
        {"brochure": brochure.pk, "kind": "distributed", "quantity": "-1", "date": "2025-01-01"},
    )
    assert no_distributed.status_code == 200
    assert StockMovement.objects.count() == 1
    ok = staff_client.post(
        url, {"brochure": brochure.pk, "kind": "received", "quantity": "250", "date": "2025-01-01"}
    )
    assert ok.status_code == 302
    assert stock_of(brochure) == 350
    movement = StockMovement.objects.latest("pk")
    assert (
        staff_client.get(
            reverse("admin:outreach_stockmovement_change", args=[movement.pk])
        ).status_code
        == 200
    )
    assert (
        staff_client.post(
            reverse("admin:outreach_stockmovement_delete", args=[movement.pk])
        ).status_code
        == 403
    )


def test_mark_follow_up_done_action(staff_client, place):
    activity = ContactActivity.objects.create(
        kind="meeting", topic="Møte", place=place, follow_up_on=dt.date(2025, 1, 1)
    )
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_changelist"),
        {"action": "mark_follow_up_done", "_selected_action": [activity.pk]},
        follow=True,
    )
    assert "1 oppfølging er merket som ferdig" in response.content.decode()
    activity.refresh_from_db()
    assert activity.follow_up_done


def test_brochure_low_stock_filter(staff_client, make_brochure):
    make_brochure(title="Lite", stock=10, threshold=50)
    make_brochure(title="Mye", stock=500, threshold=50)
    response = staff_client.get(reverse("admin:outreach_brochure_changelist"), {"stock": "low"})
    assert [b.title for b in response.context["cl"].result_list] == ["Lite"]
    assert "10 (lav)" in response.content.decode()


@pytest.mark.parametrize(
    ("filter_params"),
    [{"follow_up": "overdue"}, {"follow_up": "open"}, {"follow_up": "done"}, {"follow_up": "none"}],
)
def test_follow_up_filter(staff_client, place, filter_params):
    response = staff_client.get(reverse("admin:outreach_contactactivity_changelist"), filter_params)
    assert response.status_code == 200


def test_a_zero_in_the_visit_inline_gets_a_plain_error(staff_client, brochure, place):
    response = staff_client.post(
        reverse("admin:outreach_contactactivity_add"), visit_data(place, [(brochure, 0)])
    )
    assert response.status_code == 200
    assert "større enn eller lik 1" in response.content.decode()
    assert not ContactActivity.objects.exists()
