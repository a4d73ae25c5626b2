"""The slot: what a booking series is in the calendar, one value carried through the rooms code
instead of nine loose arguments."""

import dataclasses
import datetime as dt

from rooms.models import Organisation, Room
from rooms.times import series_dates


@dataclasses.dataclass(frozen=True)
class Slot:
    """A room for an organisation at a wall-clock time on a weekday, from ``first_date`` to
    ``last_date`` (None: as far ahead as bookings go), every ``every_weeks`` weeks or, with
    ``week_of_month``, monthly on the n-th (1–4) or last (-1) such weekday."""

    organisation: Organisation
    room: Room
    weekday: int
    start_time: dt.time
    end_time: dt.time
    first_date: dt.date
    last_date: dt.date | None = None
    every_weeks: int = 1
    week_of_month: int | None = None

    @classmethod
    def once(cls, *, organisation, room, date, start_time, end_time):
        """One date: a series of one."""
        return cls(organisation, room, date.weekday(), start_time, end_time, date, date)

    @classmethod
    def of(cls, series, **changes):
        """The slot of a saved series, with ``changes`` (e.g. other dates for the next term)."""
        fields = {f.name: getattr(series, f.name) for f in dataclasses.fields(cls)}
        return cls(**{**fields, **changes})

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)

    def dates(self):
        """The dates of the slot, up to its last date or the booking horizon."""
        return series_dates(
            weekday=self.weekday,
            first_date=self.first_date,
            last_date=self.last_date,
            every_weeks=self.every_weeks,
            week_of_month=self.week_of_month,
        )

    def rule_fields(self):
        """The arguments ``rooms.availability.check_booking_rules`` asks for."""
        return {
            "start_time": self.start_time,
            "end_time": self.end_time,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "weekday": self.weekday,
        }

    def as_fields(self):
        """The slot as model fields, for a new ``BookingSeries``."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
