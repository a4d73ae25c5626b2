"""A record of the reminders sent to a group's starters, so each goes out once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StarterReminder(models.Model):
    class Step(models.TextChoices):
        STARTUP = "startup", _("Start-up meeting")
        STEP_BACK = "step_back", _("Starters step back")
        FOLLOW_UP = "follow_up", _("Six-week follow-up")
        CONTACT = "contact", _("Contact meeting")

    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="starter_reminders",
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices)
    # The date the reminder was about: a moved start-up meeting is reminded of again.
    about_date = models.DateField(_("date of the step"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder to the starters")
        verbose_name_plural = _("reminders to the starters")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "step", "about_date"], name="starter_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.group} – {self.get_step_display()} {self.about_date:%d.%m.%Y}"
