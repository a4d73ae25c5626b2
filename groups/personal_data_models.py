"""Models for the personal-data lifecycle: consent texts, erasure counts, the access record.

Kept apart from ``groups/models.py`` (already long) and imported there, so Django sees them as
models of the ``groups`` app. None of them holds anything that identifies a participant.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentTextManager(models.Manager):
    def get_by_natural_key(self, version):
        return self.get(version=version)


class ConsentText(models.Model):
    """One version of the sign-up's consent text, exactly as people read it, in each language.

    The version is a hash of the texts themselves (``groups.personal_data.consent_version``), so
    changing a word in the template or its translation makes a new version without anyone having
    to remember to bump a number. A row is stored the first time someone agrees to that version.
    """

    version = models.CharField(_("version"), max_length=20, unique=True)
    text_nb = models.TextField(_("text (Norwegian)"))
    text_en = models.TextField(_("text (English)"))
    first_agreed_at = models.DateTimeField(_("first agreed to"), default=timezone.now)

    objects = ConsentTextManager()

    class Meta:
        ordering = ["-first_agreed_at"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self):
        return self.version

    def natural_key(self):
        return (self.version,)


class ErasedRegistrationCount(models.Model):
    """How many registrations were erased, by the month they were made, language and reason.

    Erasing deletes the registration row itself (so no personal field can be forgotten); these
    counts are what statistics keep. One row per combination, its ``count`` incremented.
    """

    class Reason(models.TextChoices):
        WITHDRAWN = "withdrawn", _("Withdrawn by the person")
        EXPIRED = "expired", _("Retention period ended")
        ERASED = "erased", _("Erased by staff")

    registered_month = models.DateField(_("registered in (month)"))
    preferred_language = models.CharField(_("preferred language"), max_length=5)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    had_place = models.BooleanField(_("had a place in a group"), default=False)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-registered_month", "reason"]
        verbose_name = _("erased registrations (count)")
        verbose_name_plural = _("erased registrations (counts)")
        constraints = [
            models.UniqueConstraint(
                fields=["registered_month", "preferred_language", "reason", "had_place"],
                name="erased_registration_count_unique",
            )
        ]

    def __str__(self):
        return f"{self.registered_month:%Y-%m} {self.get_reason_display()}: {self.count}"


class PersonalDataAccess(models.Model):
    """Append-only record of staff viewing, exporting, changing or erasing a registration.

    Django's ``LogEntry`` records changes only, not reads. The registration is a plain integer so
    the record survives the erasure it documents; nothing here identifies the participant.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", _("viewed")
        EXPORTED = "exported", _("exported")
        CHANGED = "changed", _("changed")
        ERASED = "erased", _("erased")

    at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    # Kept as text too: the record must still say who after the staff login is deleted.
    username = models.CharField(_("username"), max_length=150, editable=False)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, editable=False)
    registration_id = models.PositiveIntegerField(_("registration number"), editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access record")
        # Nobody can be granted add/change/delete: the admin shows it to superusers only.
        default_permissions = ()
        indexes = [models.Index(fields=["registration_id", "at"])]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} #{self.registration_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The personal data access record is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The personal data access record is append-only.")
