import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_creates_admin(capsys):
    call_command("demo", "--admin", "--force")
    first = capsys.readouterr().out
    assert "Demo admin login: username 'admin'" in first
    call_command("demo", "--admin", "--force")
    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1


def test_demo_refuses_superuser_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo", "--admin")


def test_demo_gives_this_and_last_years_annual_report_figures():
    import datetime as dt

    from django.utils import timezone

    from linkcentre.annual_report import AnnualReport
    from rooms.models import Booking

    call_command("demo")
    today = timezone.localdate()
    report = AnnualReport(start=dt.date(today.year, 1, 1), end=dt.date(today.year, 12, 31))
    sections = {section.slug: section for section in report.sections()}

    def figures(slug, which):
        return {row.label: getattr(row, which) for row in sections[slug].rows}

    # Last year (the "previous" column) is complete: rooms, groups, meetings and outreach.
    for slug in (
        "room-hours-by-organisation",
        "open-groups",
        "centre-meetings",
        "registrations",
        "outreach-activities-by-kind",
    ):
        assert any(value for value in figures(slug, "previous").values()), slug
    if today.timetuple().tm_yday > 14:  # in this year's first fortnight little has happened yet
        assert any(figures("room-hours-by-organisation", "current").values())
        assert any(figures("closed-groups", "current").values())
    bookings = Booking.objects.count()
    call_command("demo")
    assert Booking.objects.count() == bookings
