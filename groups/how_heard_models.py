"""How people heard about the centre: anonymous counts, kept apart from the registrations.

The answer to "how did you hear about us?" is not stored on the registration: the sign-up adds
one to the count of its month and answer, and nothing links the count to a person. So the
numbers survive the person's withdrawal and erasure, and the annual report can say which of the
centre's outreach (brochures at GPs, talks at NAV, the website) brings people to sign up.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HowHeard(models.TextChoices):
    GP = "gp", _("GP or health centre")
    NAV = "nav", _("NAV")
    HOSPITAL = "hospital", _("Hospital or treatment")
    BROCHURE = "brochure", _("A brochure in a waiting room")
    PROFESSIONAL = "professional", _("A professional told me")
    FRIEND = "friend", _("Friend or family")
    WEB = "web", _("The web or social media")
    OTHER = "other", _("Other")
    # Counted too, so the report shows how many of all sign-ups the answers cover.
    NOT_ANSWERED = "not_answered", _("Not answered")


def how_heard_answer_choices():
    """The answers a person can give (the form adds "I'd rather not say" as the empty choice)."""
    return [choice for choice in HowHeard.choices if choice[0] != HowHeard.NOT_ANSWERED]


class HowHeardCount(models.Model):
    """Sign-ups in one month (its first day) with one answer: a number, never a person."""

    month = models.DateField(_("month"))
    answer = models.CharField(_("answer"), max_length=20, choices=HowHeard.choices)
    count = models.PositiveIntegerField(_("sign-ups"), default=0)

    class Meta:
        ordering = ["month", "answer"]
        verbose_name = _("sign-ups by how they heard of us")
        verbose_name_plural = _("sign-ups by how they heard of us")
        constraints = [
            models.UniqueConstraint(fields=["month", "answer"], name="how_heard_once_per_month"),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="how_heard_month_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.get_answer_display()}: {self.count}"
