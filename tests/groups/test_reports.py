"""The groups app's figures for the annual report, against the hand-counted world."""

import datetime as dt

import pytest

from groups import reports
from groups.models import Group, InterestRegistration, Membership
from tests import annual_data

pytestmark = pytest.mark.django_db

YEARS = {2024: annual_data.YEAR_2024, 2025: annual_data.YEAR_2025}


@pytest.fixture
def world():
    return annual_data.build()


@pytest.mark.parametrize("year", YEARS)
def test_closed_groups_started_running_paused_ended(world, year):
    assert reports.closed_group_counts(*YEARS[year]) == annual_data.EXPECTED[year]["closed_groups"]


@pytest.mark.parametrize("year", YEARS)
def test_registrations_placed_waiting_withdrawn(world, year):
    assert reports.registration_counts(*YEARS[year]) == annual_data.EXPECTED[year]["registrations"]


def test_registration_at_half_past_midnight_counts_in_the_new_oslo_year(world):
    new_years_day = reports.registration_counts(dt.date(2025, 1, 1), dt.date(2025, 1, 1))
    assert new_years_day["registered"] == 1
    eve = reports.registration_counts(dt.date(2024, 12, 31), dt.date(2024, 12, 31))
    assert eve["registered"] == 1


def test_erased_registrations_count_by_the_month_they_were_made(world):
    april = reports.registration_counts(dt.date(2025, 4, 1), dt.date(2025, 4, 30))
    assert (april["registered"], april["withdrew"]) == (2, 2)
    # A range that does not contain the first of April leaves April's counts out.
    part = reports.registration_counts(dt.date(2025, 4, 2), dt.date(2025, 4, 30))
    assert (part["registered"], part["withdrew"]) == (0, 0)


def test_a_withdrawal_through_the_service_still_counts(world):
    from groups import services

    person = InterestRegistration.objects.get(first_name="Person 5")  # waitlisted since June 2025
    before = reports.registration_counts(*annual_data.YEAR_2025)
    services.withdraw_registration(token=person.withdraw_token)
    after = reports.registration_counts(*annual_data.YEAR_2025)
    # Registered in June 2025: still counted as registered, now as withdrawn, no longer waiting.
    assert after["registered"] == before["registered"]
    assert after["withdrew"] == before["withdrew"] + 1
    assert after["waiting"] == before["waiting"] - 1


def test_median_is_none_when_nobody_was_placed(world):
    counts = reports.registration_counts(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert counts["median_days_to_place"] is None
    assert counts["placed"] == 0


def test_median_of_an_odd_and_even_count():
    assert reports._median({9: 1}) == 9
    assert reports._median({32: 1, 37: 1}) == 35  # 34.5 rounds up
    assert reports._median({1: 2, 10: 1}) == 1
    assert reports._median({}) is None


@pytest.mark.parametrize("year", YEARS)
def test_information_and_contact_meetings_held(world, year):
    assert (
        reports.centre_meeting_counts(*YEARS[year]) == annual_data.EXPECTED[year]["centre_meetings"]
    )


@pytest.mark.parametrize("year", YEARS)
def test_open_groups_their_organisations_and_meetings(world, year):
    assert reports.open_group_counts(*YEARS[year]) == annual_data.EXPECTED[year]["open_groups"]
    assert reports.open_groups_by_organisation(*YEARS[year]) == {"AA Oslo": 1, "NA Oslo": 1}


def test_an_open_group_that_met_only_on_closed_or_cancelled_dates_did_not_meet(world):
    # 25 Dec 2024 (closed) and 15 Jan 2025 (cancelled) are AA's only dates in these ranges.
    for day in (dt.date(2024, 12, 25), dt.date(2025, 1, 15)):
        assert reports.open_group_counts(day, day)["open_groups"] == 0


def _bulk_people(n):
    group = Group.objects.get(slug="torsdagsgruppen")
    now = annual_data.oslo(2025, 3, 1)
    registrations = InterestRegistration.objects.bulk_create(
        [
            InterestRegistration(
                first_name=f"P{i}",
                email=f"p{i}@example.org",
                is_adult=True,
                read_expectations=True,
                free_choice=True,
                consent_version="v",
                consented_at=now,
                withdraw_token=f"bulk-{i}",
                status="placed" if i % 2 else "new",
            )
            for i in range(n)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                registration=registration,
                group=group,
                status="left",
                joined_on=dt.date(2025, 1, 1) + dt.timedelta(days=i % 300),
            )
            for i, registration in enumerate(registrations)
            if i % 2
        ]
    )
    for i in range(n // 10):
        Group.objects.create(
            kind=Group.Kind.OPEN if i % 2 else Group.Kind.CLOSED,
            name=f"Bulk {i}",
            slug=f"bulk-{i}",
            languages=["nb"],
            organisation=world_partner() if i % 2 else None,
        )


def world_partner():
    from rooms.models import Organisation

    return Organisation.objects.get(slug="aa-oslo")


@pytest.mark.parametrize(
    ("function", "queries"),
    [
        (reports.closed_group_counts, 1),
        (reports.registration_counts, 3),
        (reports.centre_meeting_counts, 2),
        (reports.open_group_counts, 2),
        (reports.open_groups_by_organisation, 1),
    ],
)
def test_fixed_number_of_queries_at_two_scales(world, django_assert_num_queries, function, queries):
    with django_assert_num_queries(queries):
        function(*annual_data.YEAR_2025)
    _bulk_people(200)
    annual_data.add_bulk_bookings(world, weeks=20)
    with django_assert_num_queries(queries):
        function(*annual_data.YEAR_2025)


def test_a_start_up_meeting_still_to_come_or_a_forming_group_has_not_started(world):
    from rooms.times import today_local

    today = today_local()
    Group.objects.filter(slug="ny-gruppe").update(startup_meeting_on=today - dt.timedelta(days=2))
    Group.objects.filter(slug="sovende").update(startup_meeting_on=today + dt.timedelta(days=2))
    counts = reports.closed_group_counts(
        dt.date(today.year - 1, 1, 1), dt.date(today.year + 1, 12, 31)
    )
    assert counts["started"] == 0
