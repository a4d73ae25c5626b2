"""The starter's plan of a new group, reminders to the starters, and the dashboard row."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from groups import reports, services, starters
from groups.models import StarterReminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter(django_user_model):
    return django_user_model.objects.create_user(
        username="starter", first_name="Siri", email="siri@example.org", is_staff=True
    )


@pytest.fixture
def new_group(make_group, starter):
    today = timezone.localdate()
    startup = today + dt.timedelta(days=3)
    group = make_group(name="Torsdagsgruppa", weekday=startup.weekday(), startup_meeting_on=startup)
    group.starters.add(starter)
    return group


def test_the_plan_has_the_start_first_meetings_step_back_follow_up_and_contact_meeting(
    new_group, room, settings
):
    startup = new_group.startup_meeting_on
    assert new_group.starters_step_back_on == startup + dt.timedelta(weeks=3)
    assert new_group.follow_up_on == startup + dt.timedelta(weeks=6)
    contact = services.schedule_contact_meeting(
        room=room,
        day=startup + dt.timedelta(weeks=8),
        start_time=dt.time(10),
        end_time=dt.time(12),
    )
    steps = starters.plan_for(new_group, [contact])
    assert [(step.step, step.date) for step in steps] == [
        ("startup", startup),
        ("meeting", startup + dt.timedelta(weeks=1)),
        ("meeting", startup + dt.timedelta(weeks=2)),
        ("meeting", startup + dt.timedelta(weeks=3)),
        ("step_back", startup + dt.timedelta(weeks=3)),
        ("follow_up", startup + dt.timedelta(weeks=6)),
        ("contact", startup + dt.timedelta(weeks=8)),
    ]
    assert not any(step.done for step in steps)


def test_the_starters_may_step_back_later_but_not_before_the_start(new_group):
    new_group.starters_step_back_on = new_group.startup_meeting_on - dt.timedelta(days=1)
    with pytest.raises(services.ValidationError):
        new_group.full_clean()


def test_each_reminder_goes_to_the_starters_once(
    new_group, starter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert starters.send_starter_reminders() == 1  # the start-up meeting in three days
    (message,) = mail.outbox
    assert message.to == [starter.email]
    assert "Oppstartsmøte for Torsdagsgruppa" in message.subject
    assert "Siri" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert starters.send_starter_reminders() == 0
    assert len(mail.outbox) == 1
    # Moved to another date: reminded again, about the new date.
    new_group.startup_meeting_on += dt.timedelta(days=1)
    new_group.save()
    assert starters.send_starter_reminders() == 1
    assert StarterReminder.objects.count() == 2


def test_the_step_back_is_reminded_a_week_ahead(new_group):
    later = new_group.starters_step_back_on - dt.timedelta(days=5)
    due = starters.steps_due(today=later)
    assert [step.step for _group, step in due] == ["step_back"]


def test_a_group_without_starters_sends_nothing(make_group):
    make_group(name="Uten", startup_meeting_on=timezone.localdate() + dt.timedelta(days=2))
    assert starters.send_starter_reminders() == 0
    assert mail.outbox == []


def test_the_command_sends_the_reminders(new_group, capsys):
    call_command("send_starter_reminders")
    assert "1 reminder(s) sent." in capsys.readouterr().out


def test_the_dashboard_shows_the_steps_of_the_coming_week(new_group, coordinator):
    panel = reports.dashboard_panel(coordinator)
    row = next(
        row
        for row in panel["rows"]
        if row["url"].endswith("follow-ups/") and str(row["label"]).startswith("Igangsetternes")
    )
    assert row["value"] == 1 and row["warning"]


def test_the_follow_ups_page_and_the_group_form_show_the_plan(client, coordinator, new_group):
    client.force_login(coordinator)
    page = client.get(reverse("admin:groups_group_follow_ups")).content.decode()
    assert "Torsdagsgruppa" in page and "Siri" in page and "trer tilbake" in page
    page = client.get(reverse("admin:groups_group_change", args=[new_group.pk])).content.decode()
    assert "Oppfølging etter seks uker" in page
