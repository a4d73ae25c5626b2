"""Helpers the outreach tests share (fixtures live in conftest.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def oslo(year, month, day, hour=12, minute=0):
    """An aware moment in Oslo's wall-clock time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=OSLO)
