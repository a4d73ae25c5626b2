"""The research pages and the home page cost the same number of queries with the shipped
research content and with 30 more principles of five findings each."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[0, 30], ids=["shipped", "30-more-principles"])
def principles(request, make_principle):
    count = request.param
    return [make_principle(f"prinsipp-{i}", findings=5, order=200 + i) for i in range(count)]


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # principles with their findings and sources: prefetched
        ("research:index", 2),
        ("research:professionals", 1),
        ("research:handout", 0),
        ("home", 0),
    ],
)
def test_research_pages_cost_the_same_with_more_content(
    client, principles, name, queries, django_assert_num_queries
):
    url = reverse(name)
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
