"""The staff pages and every outreach change list cost the same number of queries at 10 and at
10,000 rows of each kind (one data set per size, shared by all pages to keep the suite fast)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHANGE_LISTS = [
    "brochure",
    "stockmovement",
    "place",
    "professional",
    "contactactivity",
    "distribution",
]


@pytest.mark.parametrize("size", [10, 10_000])
def test_pages_cost_a_fixed_number_of_queries(
    client, superuser, outreach_staff, bulk_history, size, django_assert_max_num_queries
):
    bulk_history(size, staff=superuser)

    client.force_login(superuser)
    for model in CHANGE_LISTS:
        # session, user, count, filtered count, the page, list filters' choices, date hierarchy
        with django_assert_max_num_queries(10):
            response = client.get(reverse(f"admin:outreach_{model}_changelist"))
        assert response.status_code == 200
        assert response.context["cl"].result_count >= 3

    client.force_login(outreach_staff)
    params = {"start": "2025-01-01", "end": "2025-12-31", "period": "month"}
    # session, user, user and group permissions, then the report's three queries
    with django_assert_max_num_queries(7):
        response = client.get(reverse("outreach:report"), params)
    assert response.status_code == 200
    assert response.context["sections"][0]["table"].grand_total > 0
    # session, user, permissions (2), count, page, professionals (prefetch)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("outreach:follow_ups")).status_code == 200
    # session, user, permissions (2), brochures with their stock
    with django_assert_max_num_queries(5):
        assert client.get(reverse("outreach:stock")).status_code == 200
