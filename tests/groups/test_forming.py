"""Matching by the centre's rules, with hand-made waiting lists (no database)."""

import datetime as dt
from itertools import count

import pytest

from groups.forming import Person, Rules, Seats, age_span, plan, propose, reason_not_fitting

RULES = Rules()
MON, TUE, WED, THU = 0, 1, 2, 3
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
numbers = count(1)


@pytest.fixture
def suite_language():
    """The reasons are words for staff; read here in English (the admin tests read Norwegian)."""
    return "en"


def person(name, *, lang="nb", days=(), times=(), age="", adult=True, waited_days=0):
    number = next(numbers)
    return Person(
        id=number,
        name=name,
        language=lang,
        weekdays=frozenset(days),
        times=frozenset(times),
        age_band=age,
        is_adult=adult,
        # The bigger ``waited_days``, the longer the person has waited.
        waiting_since=START - dt.timedelta(days=waited_days, seconds=number),
    )


def names(people):
    return sorted(person.name for person in people)


def test_five_thursday_evening_norwegians_of_similar_age_make_a_group():
    waiting = [person(name, days=[THU], times=["evening"], age="30-44") for name in "ABCDE"] + [
        person("Ung", days=[THU], times=["evening"], age="18-29")
    ]
    proposals = propose(waiting, RULES)
    assert len(proposals) == 1
    proposal = proposals[0]
    assert (proposal.weekday, proposal.time_of_day, proposal.language) == (THU, "evening", "nb")
    assert names(proposal.people) == list("ABCDE")  # 18–29 with 30–44 spans 26 years
    assert proposal.age_range == (30, 44)


def test_four_are_not_enough_and_the_minimum_is_a_setting():
    waiting = [person(name, days=[MON], times=["morning"], age="45-59") for name in "ABCD"]
    assert propose(waiting, RULES) == []
    assert len(propose(waiting, Rules(min_to_start=4))) == 1


def test_never_more_than_eight_and_those_who_waited_longest_come_first():
    waiting = [
        person(f"P{number}", days=[TUE], times=["evening"], age="18-29", waited_days=number)
        for number in range(11)
    ]
    proposals = propose(waiting, RULES)
    assert [len(proposal.people) for proposal in proposals] == [8]
    assert names(proposals[0].people) == names(waiting[3:])
    # Sixteen make two groups of eight.
    waiting += [person(f"Q{n}", days=[TUE], times=["evening"], age="18-29") for n in range(5)]
    assert [len(proposal.people) for proposal in propose(waiting, RULES)] == [8, 8]
    # A setting may make groups smaller, never bigger than the database allows.
    assert all(len(p.people) <= 6 for p in propose(waiting, Rules(max_size=6)))


def test_the_same_language_weekday_and_time_of_day():
    waiting = [
        person("nb1", days=[WED], times=["morning"]),
        person("nb2", days=[WED], times=["morning"]),
        person("nb3", days=[WED], times=["morning"]),
        person("en1", lang="en", days=[WED], times=["morning"]),
        person("en2", lang="en", days=[WED], times=["morning"]),
        person("kveld", days=[WED], times=["evening"]),
        person("torsdag", days=[THU], times=["morning"]),
    ]
    assert propose(waiting, RULES) == []
    waiting += [person("nb4", days=[WED], times=["morning"]), person("nb5", days=[WED])]
    (proposal,) = propose(waiting, RULES)
    assert names(proposal.people) == ["nb1", "nb2", "nb3", "nb4", "nb5"]


def test_people_who_gave_no_day_time_or_age_fit_and_the_unknown_ages_are_marked():
    waiting = [person(name, days=[MON], times=["afternoon"], age="60+") for name in "ABC"]
    waiting += [person("Fleksibel"), person("Ukjent alder", days=[MON])]
    (proposal,) = propose(waiting, RULES)
    assert (proposal.weekday, proposal.time_of_day) == (MON, "afternoon")
    assert len(proposal.people) == 5
    assert names(proposal.unknown_age) == ["Fleksibel", "Ukjent alder"]
    assert proposal.age_range == (60, 74)


def test_never_under_eighteen_and_never_beyond_the_age_spread():
    waiting = [person(name, days=[TUE], age="18-29") for name in "ABCD"]
    waiting += [person("Ikke voksen", days=[TUE], adult=False)]
    assert propose(waiting, RULES) == []
    mixed = [person(f"Y{n}", days=[TUE], age="18-29") for n in range(3)]
    mixed += [person(f"O{n}", days=[TUE], age="60+") for n in range(3)]
    assert propose(mixed, RULES) == []
    # A wider spread (a setting) lets neighbouring bands meet.
    wide = [person(f"Y{n}", days=[TUE], age="18-29") for n in range(3)]
    wide += [person(f"M{n}", days=[TUE], age="30-44") for n in range(2)]
    assert propose(wide, RULES) == []
    (proposal,) = propose(wide, Rules(max_age_spread=30))
    assert proposal.age_range == (18, 44)
    assert proposal.label() == "Tuesday, morning, Norwegian, 18–44"
    for proposal in propose(mixed + wide, Rules(max_age_spread=30)):
        low, high = age_span(person.age_band for person in proposal.people)
        assert high - low <= 30


def test_nobody_is_proposed_twice_and_the_rest_are_unmatched():
    monday = [person(f"M{n}", days=[MON], times=["evening"], age="30-44") for n in range(5)]
    any_day = [person(f"A{n}", age="30-44") for n in range(3)]
    result = plan(monday + any_day, [], RULES)
    people = [p.id for proposal in result.proposals for p in proposal.people]
    assert len(people) == len(set(people)) == 8
    assert result.unmatched == []
    lonely = person("Alene", lang="sv", days=[THU])
    result = plan([*monday, lonely], [], RULES)
    assert result.unmatched == [lonely]


def thursday_group(free=6, member_bands=("30-44", "30-44"), waitlisted=()):
    return Seats(
        id=1,
        name="Torsdagsgruppa",
        weekday=THU,
        time_of_day="evening",
        languages=("nb",),
        free=free,
        member_bands=member_bands,
        waitlisted=tuple(waitlisted),
    )


def test_three_waiting_for_thursday_are_flagged_for_the_thursday_group_with_free_seats():
    three = [person(f"T{n}", days=[THU], times=["evening"], age="30-44") for n in range(3)]
    evening_only = person("Kveld", days=[MON], times=["evening"], age="30-44")
    english = person("Eng", lang="en", days=[THU], age="30-44")
    older = person("Eldre", days=[THU], age="60+")
    result = plan([*three, evening_only, english, older], [thursday_group()], RULES)
    (fit,) = result.fits
    assert names(fit.people) == ["T0", "T1", "T2"]
    assert fit.group.free == 6
    reasons = {p.name: reason for p, reason in fit.not_fitting}
    assert reasons == {"Kveld": "wants Monday", "Eldre": "age 60 or older, the group is 30–44"}
    assert result.proposals == []  # three are not enough for a new group, and they fit here


def test_a_group_gets_no_more_people_than_it_has_free_seats():
    many = [person(f"T{n}", days=[THU], age="30-44", waited_days=n) for n in range(5)]
    (fit,) = plan(many, [thursday_group(free=2)], RULES).fits
    assert names(fit.people) == ["T3", "T4"]


def test_the_groups_own_waiting_list_shows_a_reason_while_seats_are_free():
    morning = person("Morgen", days=[THU], times=["morning"], age="30-44")
    fits = person("Passer", days=[THU], age="30-44")
    (fit,) = plan([], [thursday_group(waitlisted=[morning, fits])], RULES).fits
    assert fit.waitlisted == [(morning, "wants mornings"), (fits, "")]


def test_reasons_say_why_in_words():
    group = thursday_group()
    assert reason_not_fitting(person("a", lang="pl"), group, RULES) == "wants Polish"
    assert reason_not_fitting(person("b", adult=False), group, RULES) == "under 18"
    assert reason_not_fitting(person("c", days=[MON, TUE]), group, RULES) == (
        "wants Monday, Tuesday"
    )
    no_time = Seats(id=2, name="Ny", weekday=None, time_of_day=None, languages=("nb",), free=8)
    assert reason_not_fitting(person("d"), no_time, RULES) == "the group has no meeting time yet"
    assert reason_not_fitting(person("e", days=[THU], times=["evening"]), group, RULES) == ""
