"""The starter's plan of a new closed group, and the reminders to its starters.

Two staff members start each closed group: they attend the start-up meeting and the first
meetings, then step back (``Group.starters_step_back_on``); six weeks after the start they hold
the follow-up, and the group meets the staff again at the centre's contact meetings. The plan
is read from the group (no extra rows); ``send_starter_reminders`` mails the starters before each
step, once (``StarterReminder``), and the staff dashboard shows the steps of the coming week.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import ContactMeeting, Group, StarterReminder
from rooms.mail import Recipient, send_after_commit

Step = StarterReminder.Step


@dataclass(frozen=True)
class PlanStep:
    step: str
    date: dt.date
    label: str
    done: bool = False


def step_back_on(group):
    if group.starters_step_back_on:
        return group.starters_step_back_on
    if group.startup_meeting_on:
        return group.startup_meeting_on + dt.timedelta(weeks=settings.GROUPS_STARTERS_WEEKS)
    return None


def first_meetings(group):
    """The weekly meeting dates after the start-up meeting that the starters attend."""
    series, start, last = group.meeting_series, group.startup_meeting_on, step_back_on(group)
    if series is None or start is None or last is None:
        return []
    day = start + dt.timedelta(days=1)
    day += dt.timedelta(days=(series.weekday - day.weekday()) % 7)
    dates = []
    while day <= last:
        dates.append(day)
        day += dt.timedelta(weeks=1)
    return dates


def plan_for(group, contact_meetings=(), today=None):
    """The steps of the group's start, in date order; ``contact_meetings``: the centre's coming
    contact meetings (one query for every group, by the caller)."""
    if not group.startup_meeting_on:
        return []
    today = today or timezone.localdate()
    steps = [
        PlanStep(
            Step.STARTUP,
            group.startup_meeting_on,
            _("Start-up meeting"),
            group.startup_meeting_on < today,
        )
    ]
    steps += [
        PlanStep("meeting", day, _("Meeting with the starters"), day < today)
        for day in first_meetings(group)
    ]
    back = step_back_on(group)
    steps.append(PlanStep(Step.STEP_BACK, back, _("The starters step back"), back < today))
    if group.follow_up_on:
        steps.append(
            PlanStep(
                Step.FOLLOW_UP,
                group.follow_up_on,
                _("Six-week follow-up"),
                bool(group.follow_up_held_on),
            )
        )
    for meeting in contact_meetings:
        day = timezone.localdate(meeting.starts_at)
        if day >= group.startup_meeting_on:
            steps.append(PlanStep(Step.CONTACT, day, _("Contact meeting"), day < today))
    return sorted(steps, key=lambda step: step.date)


def groups_starting(today=None):
    """Closed groups whose start is planned or under way (the follow-up not yet held)."""
    today = today or timezone.localdate()
    return (
        Group.objects.closed()
        .exclude(status=Group.Status.ENDED)
        .filter(startup_meeting_on__isnull=False)
        .filter(Q(follow_up_held_on__isnull=True) | Q(startup_meeting_on__gte=today))
        .select_related("meeting_series")
        .prefetch_related("starters")
        .order_by("startup_meeting_on")
    )


def plans(today=None):
    """Every starting group with its plan, for the staff's overview (three queries)."""
    today = today or timezone.localdate()
    contact = list(ContactMeeting.objects.upcoming())
    return [
        {"group": group, "steps": plan_for(group, contact, today)}
        for group in groups_starting(today)
    ]


def steps_due(today=None, days=None):
    """(group, PlanStep) for the reminded steps in the next ``days`` days, not yet done."""
    today = today or timezone.localdate()
    days = settings.GROUPS_STARTERS_REMIND_DAYS if days is None else days
    until = today + dt.timedelta(days=days)
    contact = list(
        ContactMeeting.objects.upcoming().filter(starts_at__date__lte=until + dt.timedelta(1))
    )
    reminded = {Step.STARTUP, Step.STEP_BACK, Step.FOLLOW_UP, Step.CONTACT}
    due = []
    for group in groups_starting(today):
        for step in plan_for(group, contact, today):
            if step.step in reminded and not step.done and today <= step.date <= until:
                due.append((group, step))
    return due


def send_starter_reminders(*, today=None) -> int:
    """Mail each group's starters about the steps of the coming days, once per step and date.

    The record is written first, in its own transaction: a second run (or a second server)
    finds it and sends nothing twice. Returns how many reminders went out.
    """
    sent = 0
    for group, step in steps_due(today):
        starters = list(group.starters.filter(is_active=True))
        if not starters:
            continue
        try:
            with transaction.atomic():
                StarterReminder.objects.create(group=group, step=step.step, about_date=step.date)
                # Staff accounts have no language of their own: the centre's language.
                send_after_commit(
                    template="groups/email/starter_reminder",
                    recipients=[
                        Recipient(starter.email, settings.LANGUAGE_CODE, {"starter": starter})
                        for starter in starters
                    ],
                    context={"group": group, "step": step},
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
