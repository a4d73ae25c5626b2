"""Outreach totals for the annual report, from the outreach report's own tables."""

import pytest

from outreach import reports
from tests import annual_data

pytestmark = pytest.mark.django_db

YEARS = {2024: annual_data.YEAR_2024, 2025: annual_data.YEAR_2025}


@pytest.fixture
def world():
    return annual_data.build()


@pytest.mark.parametrize("year", YEARS)
def test_annual_figures_across_the_new_year_in_oslo(world, year):
    figures = reports.annual_figures(start=YEARS[year][0], end=YEARS[year][1])
    expected = annual_data.EXPECTED[year]
    assert figures["activities_by_kind"] == expected["activities_by_kind"]
    assert figures["people_reached"] == expected["people_reached"]
    assert figures["new_professionals"] == expected["new_professionals"]
    assert figures["brochures_by_place_kind"] == expected["brochures_by_place_kind"]
    assert figures["brochures"] == sum(expected["brochures_by_place_kind"].values())


def test_activities_by_district_counts_those_without_a_place(world):
    figures = reports.annual_figures(start=YEARS[2025][0], end=YEARS[2025][1])
    assert figures["activities_by_district"] == {"Gamle Oslo": 1, "No place given": 1}


def test_fixed_number_of_queries_at_two_scales(world, bulk_history, django_assert_num_queries):
    with django_assert_num_queries(3):
        reports.annual_figures(start=YEARS[2025][0], end=YEARS[2025][1])
    bulk_history(300)
    with django_assert_num_queries(3):
        figures = reports.annual_figures(start=YEARS[2025][0], end=YEARS[2025][1])
    assert figures["people_reached"] > 15
