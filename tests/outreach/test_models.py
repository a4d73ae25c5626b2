import datetime as dt

import pytest

from outreach import services
from outreach.models import Brochure, ContactActivity, Professional
from tests.outreach.helpers import oslo

pytestmark = pytest.mark.django_db


def test_str(make_brochure, place, professional):
    brochure = make_brochure(title="Selvhjelp", edition="2025", language="en")
    assert str(brochure) == "Selvhjelp – English – 2025"
    assert str(place) == "Legene på Løkka"
    assert str(professional) == "Åse Øvrebø (fastlege)"
    assert str(Professional(name="Uten rolle")) == "Uten rolle"
    activity = ContactActivity(occurred_at=oslo(2025, 12, 31, 23, 30), kind="meeting", topic="Møte")
    assert str(activity) == "2025-12-31 Meeting: Møte"
    distribution = services.record_distribution(
        brochure=make_brochure(stock=10), place=place, quantity=3, date=dt.date(2025, 1, 2)
    )
    assert str(distribution) == "3 × Selvhjelp – hva er det? → Legene på Løkka (2025-01-02)"
    assert str(distribution.stock_movement) == "Distributed: -3 × Selvhjelp – hva er det?"


def test_follow_up_overdue(place):
    activity = ContactActivity(kind="phone", topic="Ring", follow_up_on=dt.date(2025, 3, 1))
    assert activity.follow_up_overdue(on=dt.date(2025, 3, 2))
    assert not activity.follow_up_overdue(on=dt.date(2025, 3, 1))
    activity.follow_up_done = True
    assert not activity.follow_up_overdue(on=dt.date(2025, 3, 2))


def test_follow_ups_due_most_overdue_first(place):
    late = ContactActivity.objects.create(kind="phone", topic="a", follow_up_on=dt.date(2025, 1, 5))
    later = ContactActivity.objects.create(
        kind="phone", topic="b", follow_up_on=dt.date(2025, 1, 1)
    )
    ContactActivity.objects.create(kind="phone", topic="c", follow_up_on=dt.date(2025, 2, 1))
    due = ContactActivity.objects.follow_ups_due(on=dt.date(2025, 1, 10))
    assert list(due) == [later, late]


def test_brochure_stock_annotation_and_low_stock(make_brochure):
    low = make_brochure(title="Lav", stock=50, threshold=50)
    make_brochure(title="Høy", stock=51, threshold=50)
    assert list(Brochure.objects.low_on_stock()) == [low]
    assert low.current_stock() == 50


def test_professional_count_counts_each_activity_on_its_own(place, professional):
    colleague = Professional.objects.create(name="Per Sosionom", role="sosionom", workplace=place)
    ContactActivity.objects.create(kind="phone", topic="Ingen")
    both = ContactActivity.objects.create(kind="meeting", topic="To")
    both.professionals.set([professional, colleague])
    one = ContactActivity.objects.create(kind="email", topic="En")
    one.professionals.set([colleague])
    counts = dict(
        ContactActivity.objects.with_professional_count().values_list("topic", "professional_count")
    )
    assert counts == {"Ingen": 0, "To": 2, "En": 1}
    ordered = ContactActivity.objects.with_professional_count().order_by(
        "-professional_count", "topic"
    )
    assert [a.topic for a in ordered] == ["To", "En", "Ingen"]
