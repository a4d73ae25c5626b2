"""Property-based: the staff report pages take any query string without a server error; a
range they cannot use is named on the page. See tests/fuzzing.py."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from outreach.models import ContactActivity
from tests.fuzzing import (
    check_page,
    counts,
    dates_near,
    either,
    form_data,
    hostile_text,
    one_example,
    path_part,
    unchanged,
)

pytestmark = pytest.mark.django_db

RANGE_VALID = {"start": "2025-01-01", "end": "2025-12-31", "period": "quarter"}
RANGE = form_data(
    {
        "start": dates_near(["2025-01-01", "2016-01-01"]),
        "end": dates_near(["2025-12-31", "2026-06-30"]),
        "period": either(["month", "quarter"]),
    },
    RANGE_VALID,
)
SLUGS = ["activities-by-kind", "brochures-by-district", "people-reached"]


@pytest.fixture
def fuzz_client(staff_client):
    staff_client.raise_request_exception = False
    return staff_client


@given(query=RANGE)
@example(query={"start": "9999-12-25", "end": "9999-12-31", "period": "quarter"})
@example(query={"start": "0001-01-01", "end": "0001-12-31", "period": "month"})
def test_report_page(fuzz_client, query):
    with one_example():
        response = fuzz_client.get(reverse("outreach:report"), query)
        assert response.status_code in (200, 400)
        check_page(response)


@given(
    query=RANGE, log=st.sampled_from(["outreach:distribution_log_csv", "outreach:activity_log_csv"])
)
@example(
    query={"start": "9999-12-25", "end": "9999-12-31", "period": "quarter"},
    log="outreach:activity_log_csv",
)
def test_raw_logs(fuzz_client, query, log):
    with one_example():
        response = fuzz_client.get(reverse(log), query)
        assert response.status_code in (200, 400)


@given(query=RANGE, slug=st.one_of(st.sampled_from(SLUGS), hostile_text))
def test_report_csv(fuzz_client, query, slug):
    with one_example():
        response = fuzz_client.get(f"/en/personale/utadrettet/csv/{path_part(slug)}/", query)
        assert response.status_code in (200, 400, 404)


@given(query=form_data({"mine": either(["1", ""]), "page": either(["1", "2", "last"])}))
def test_follow_up_list_and_stock(fuzz_client, query):
    with one_example():
        # A page number past the end is Django's ListView 404.
        response = fuzz_client.get(reverse("outreach:follow_ups"), query)
        assert response.status_code in (200, 400, 404)
        assert fuzz_client.get(reverse("outreach:stock"), query).status_code in (200, 400)


@given(pk=st.one_of(st.integers(0, 10**30), st.just(0)))
def test_complete_follow_up_with_any_id(fuzz_client, pk):
    with one_example():
        saved_nothing = unchanged(lambda: counts(ContactActivity))
        response = fuzz_client.post(f"/en/personale/utadrettet/oppfolging/{pk}/ferdig/")
        assert response.status_code == 404
        saved_nothing()
