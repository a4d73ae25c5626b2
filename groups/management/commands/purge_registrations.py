"""Delete personal data the centre no longer needs. Run it daily (cron, systemd timer)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from groups.services import purge_registrations


class Command(BaseCommand):
    help = (
        "Delete withdrawn interest registrations and those untouched for GROUPS_RETENTION_DAYS "
        "days without a place in a group or on a waiting list (with their memberships and "
        "information-meeting sign-ups)."
    )

    def handle(self, *args, **options):
        count = purge_registrations()
        self.stdout.write(
            f"Deleted {count} registration(s) (retention {settings.GROUPS_RETENTION_DAYS} days)."
        )
