"""Forming closed groups by the centre's rules: who of the waiting people fit together.

Pure matching: plain values in, proposals out; no queries and no writes (``people_from`` and
``seats_from`` turn registrations and groups into those values; placing goes through
``groups.services.place_proposal``). The rules, as settings with the centre's defaults
(``Rules.from_settings``):

- the same weekday and time of day, and the same language;
- ages that span at most ``GROUPS_FORMING_MAX_AGE_SPREAD`` years (15), everyone 18 or older;
- at least ``GROUPS_MIN_TO_START`` people to start a group (5), never more than 8.

The sign-up asks for an age band, not an age, so the spread is that of the bands' bounds
(18–29 and 30–44 together span 26 years: two groups, not one). A person who gave no weekday or
time of day fits any; one who gave no age band fits by age and is marked, so staff ask first.
Free seats in forming and running groups are filled before new groups are proposed, and the
people who waited longest come first: that is what the staff would do by hand.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from groups.models import MAX_GROUP_SIZE, TIME_OF_DAY_RANGES, AgeBand, Language, TimeOfDay
from rooms.models import Weekday

# The years each band covers; "60 or older" is read as 60–74, so one band alone always fits.
AGE_BAND_YEARS = {
    AgeBand.AGE_18_29: (18, 29),
    AgeBand.AGE_30_44: (30, 44),
    AgeBand.AGE_45_59: (45, 59),
    AgeBand.AGE_60_PLUS: (60, 74),
}


@dataclass(frozen=True)
class Rules:
    min_to_start: int = 5
    max_size: int = MAX_GROUP_SIZE
    max_age_spread: int = 15
    min_age: int = 18

    @classmethod
    def from_settings(cls):
        return cls(
            min_to_start=settings.GROUPS_MIN_TO_START,
            # The database holds a group to 8; a setting may make groups smaller, never larger.
            max_size=min(settings.GROUPS_FORMING_MAX_SIZE, MAX_GROUP_SIZE),
            max_age_spread=settings.GROUPS_FORMING_MAX_AGE_SPREAD,
            min_age=settings.GROUPS_FORMING_MIN_AGE,
        )


@dataclass(frozen=True)
class Person:
    """One waiting person as the matching sees them."""

    id: int
    name: str
    language: str
    weekdays: frozenset = frozenset()  # empty: any day
    times: frozenset = frozenset()  # empty: any time of day
    age_band: str = ""  # empty: not given
    is_adult: bool = True
    waiting_since: dt.datetime | None = None

    def years(self):
        return AGE_BAND_YEARS.get(self.age_band)

    def suits(self, weekday, time_of_day):
        return (not self.weekdays or weekday in self.weekdays) and (
            not self.times or time_of_day in self.times
        )


@dataclass(frozen=True)
class Seats:
    """A forming or running closed group with its meeting time and the members it has."""

    id: int
    name: str
    weekday: int | None
    time_of_day: str | None
    languages: tuple
    free: int
    member_bands: tuple = ()  # the age bands of its active members ("" for not given)
    waitlisted: tuple = ()  # Person on its own waiting list, first in line first


@dataclass
class Proposal:
    """People who fit together as a new group: the slot, the people, and what to check."""

    weekday: int
    time_of_day: str
    language: str
    people: list
    age_range: tuple | None

    @property
    def unknown_age(self):
        return [person for person in self.people if not person.age_band]

    def label(self):
        parts = [
            str(dict(Weekday.choices)[self.weekday]),
            str(dict(TimeOfDay.choices)[self.time_of_day]).split(" (")[0].lower(),
            in_sentence(dict(Language.choices).get(self.language, self.language)),
        ]
        bands = {person.age_band for person in self.people if person.age_band}
        if len(bands) == 1:
            parts.append(str(dict(AgeBand.choices)[bands.pop()]))
        elif self.age_range:
            parts.append(f"{self.age_range[0]}–{self.age_range[1]}")
        return ", ".join(parts)


@dataclass
class GroupFit:
    """A group with free seats and the waiting people who fit it ("3 fit, 6 seats free")."""

    group: Seats
    people: list
    # Waiting people of the group's language who do not fit, each with the reason why.
    not_fitting: list = field(default_factory=list)
    # The group's own waiting list: (person, reason or "") while seats are free.
    waitlisted: list = field(default_factory=list)


@dataclass
class Plan:
    fits: list
    proposals: list
    # Waiting people in neither a fit nor a proposal.
    unmatched: list


def in_sentence(label):
    """A language's name inside a sentence: "polsk" in Norwegian, "Polish" in English."""
    label = str(label)
    return label if (get_language() or "").startswith("en") else label.lower()


def time_of_day(start_time):
    for code, (start, end) in TIME_OF_DAY_RANGES.items():
        if start <= start_time < end:
            return str(code)
    return str(TimeOfDay.EVENING)


def age_span(bands):
    """(youngest, oldest) years of the given bands, or None when no band is known."""
    known = [AGE_BAND_YEARS[band] for band in bands if band in AGE_BAND_YEARS]
    if not known:
        return None
    return min(low for low, _high in known), max(high for _low, high in known)


def ages_fit(bands, rules):
    span = age_span(bands)
    return span is None or span[1] - span[0] <= rules.max_age_spread


def _eligible(person, rules):
    low = person.years()
    return person.is_adult and (low is None or low[0] >= rules.min_age)


def _by_waiting(people):
    far_past = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(people, key=lambda person: (person.waiting_since or far_past, person.id))


def _largest_age_compatible(people, rules, fixed_bands=()):
    """The biggest set of ``people`` whose bands, with ``fixed_bands``, span at most the
    spread; ties go to the set of whoever waited longest. People without a band always join."""
    unknown = [person for person in people if not person.age_band]
    bands = sorted({person.age_band for person in people if person.age_band}, key=str)
    windows = [()]
    for index in range(len(bands)):
        for end in range(index, len(bands)):
            window = tuple(bands[index : end + 1])
            if ages_fit([*window, *fixed_bands], rules):
                windows.append(window)
    if not ages_fit(fixed_bands, rules):
        return []
    order = {person.id: rank for rank, person in enumerate(_by_waiting(people))}
    best, best_key = [], (0, 0)
    for window in windows:
        chosen = _by_waiting([person for person in people if person.age_band in window] + unknown)
        if not chosen:
            continue
        key = (len(chosen), -order[chosen[0].id])
        if key > best_key:
            best, best_key = chosen, key
    return best


def reason_not_fitting(person, seats, rules):
    """Why ``person`` does not fit the group, in words for staff; "" when they do fit."""
    if not _eligible(person, rules):
        return _("under %(age)d") % {"age": rules.min_age}
    if person.language not in seats.languages:
        return _("wants %(language)s") % {
            "language": in_sentence(dict(Language.choices).get(person.language, person.language))
        }
    if seats.weekday is None:
        return _("the group has no meeting time yet")
    if person.weekdays and seats.weekday not in person.weekdays:
        days = dict(Weekday.choices)
        return _("wants %(days)s") % {
            "days": ", ".join(str(days[day]) for day in sorted(person.weekdays))
        }
    if person.times and seats.time_of_day not in person.times:
        times = {
            str(TimeOfDay.MORNING): _("mornings"),
            str(TimeOfDay.AFTERNOON): _("afternoons"),
            str(TimeOfDay.EVENING): _("evenings"),
        }
        return _("wants %(times)s") % {
            "times": ", ".join(str(times[code]) for code in sorted(person.times))
        }
    if person.age_band and not ages_fit([person.age_band, *seats.member_bands], rules):
        span = age_span(seats.member_bands)
        return _("age %(age)s, the group is %(low)d–%(high)d") % {
            "age": dict(AgeBand.choices)[person.age_band],
            "low": span[0],
            "high": span[1],
        }
    return ""


def fits_for_group(seats, waiting, rules):
    """The waiting people who fit the group's free seats, at most as many as are free; those
    of its language who do not fit, with the reason; and its own waiting list with reasons."""
    candidates = [person for person in waiting if not reason_not_fitting(person, seats, rules)]
    chosen = _largest_age_compatible(candidates, rules, fixed_bands=seats.member_bands)
    chosen = _by_waiting(chosen)[: seats.free]
    not_fitting = [
        (person, reason_not_fitting(person, seats, rules))
        for person in _by_waiting(waiting)
        if person.language in seats.languages
        and person not in chosen
        and reason_not_fitting(person, seats, rules)
    ]
    waitlisted = [(person, reason_not_fitting(person, seats, rules)) for person in seats.waitlisted]
    return GroupFit(group=seats, people=chosen, not_fitting=not_fitting, waitlisted=waitlisted)


def _best_proposal(pool, rules):
    best = None
    languages = sorted({person.language for person in pool})
    for language in languages:
        speakers = [person for person in pool if person.language == language]
        for weekday in range(7):
            for code in TimeOfDay.values:
                suited = [person for person in speakers if person.suits(weekday, code)]
                if len(suited) < rules.min_to_start:
                    continue
                chosen = _by_waiting(_largest_age_compatible(suited, rules))[: rules.max_size]
                if len(chosen) < rules.min_to_start:
                    continue
                # Prefer the slot with the most people who asked for it (not just "any day"),
                # then the biggest group, then the people who waited longest.
                asked = sum(
                    1 for person in chosen if weekday in person.weekdays or code in person.times
                )
                key = (len(chosen), asked)
                if best is None or key > best[0]:
                    proposal = Proposal(
                        weekday=weekday,
                        time_of_day=code,
                        language=language,
                        people=chosen,
                        age_range=age_span(person.age_band for person in chosen),
                    )
                    best = (key, proposal)
    return best[1] if best else None


def propose(waiting, rules):
    """New groups of waiting people who fit together, biggest first, nobody in two."""
    pool = [person for person in waiting if _eligible(person, rules)]
    proposals = []
    while (proposal := _best_proposal(pool, rules)) is not None:
        proposals.append(proposal)
        taken = {person.id for person in proposal.people}
        pool = [person for person in pool if person.id not in taken]
    return proposals


def plan(waiting, groups, rules=None):
    """Fill free seats first, then propose new groups of the people left.

    ``waiting``: Person for everyone waiting for a group (no place, no waiting-list place);
    ``groups``: Seats for the forming and running closed groups.
    """
    rules = rules or Rules.from_settings()
    waiting = [person for person in _by_waiting(waiting) if _eligible(person, rules)]
    fits, taken = [], set()
    for seats in sorted(groups, key=lambda item: (-item.free, item.name)):
        if seats.free <= 0:
            continue
        available = [person for person in waiting if person.id not in taken]
        fit = fits_for_group(seats, available, rules)
        taken.update(person.id for person in fit.people)
        fits.append(fit)
    proposals = propose([person for person in waiting if person.id not in taken], rules)
    in_proposal = {person.id for proposal in proposals for person in proposal.people}
    unmatched = [
        person for person in waiting if person.id not in taken and person.id not in in_proposal
    ]
    return Plan(fits=fits, proposals=proposals, unmatched=unmatched)


# --- from the database ----------------------------------------------------------------------


def person_from(registration):
    return Person(
        id=registration.pk,
        name=registration.first_name,
        language=registration.preferred_language,
        weekdays=frozenset(registration.preferred_weekdays or ()),
        times=frozenset(registration.preferred_times or ()),
        age_band=registration.age_band,
        is_adult=registration.is_adult,
        waiting_since=registration.created_at,
    )


def seats_from(group, members, waitlisted):
    """``members``/``waitlisted``: the group's active and waiting registrations (in line)."""
    series = group.meeting_series
    return Seats(
        id=group.pk,
        name=group.name,
        weekday=series.weekday if series else None,
        time_of_day=time_of_day(series.start_time) if series else None,
        languages=tuple(group.languages),
        free=max(group.capacity - len(members), 0),
        member_bands=tuple(registration.age_band for registration in members),
        waitlisted=tuple(person_from(registration) for registration in waitlisted),
    )
