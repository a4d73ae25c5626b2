"""Erase personal data past its retention period. Run it daily (cron or a systemd timer).

Each app erases its own data (``groups.services.purge_personal_data``,
``outreach.services.purge_professional_contacts``); this command only asks them and logs how
many of each kind went. It never logs or prints who.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from groups import services as groups_services
from outreach import services as outreach_services

logger = logging.getLogger("linkcentre.purge")

LABELS = {
    "registrations": "registrations",
    "memberships": "ended memberships",
    "info_meeting_signups": "information-meeting sign-ups",
    "professionals": "professional contacts",
}


class Command(BaseCommand):
    help = (
        "Erase personal data past its retention period: registrations "
        "(GROUPS_RETENTION_DAYS), ended memberships (GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS), "
        "information-meeting sign-ups (GROUPS_INFO_SIGNUP_RETENTION_DAYS) and the names and "
        "contact details of professionals (OUTREACH_PROFESSIONAL_RETENTION_DAYS). Logs counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = {
            **groups_services.purge_personal_data(dry_run=dry_run),
            **outreach_services.purge_professional_contacts(dry_run=dry_run),
        }
        summary = ", ".join(f"{LABELS[kind]}: {count}" for kind, count in counts.items())
        verb = "Would erase" if dry_run else "Erased"
        line = f"{verb} {summary}."
        logger.info(
            "purge_personal_data%s %s",
            " (dry run)" if dry_run else "",
            " ".join(f"{kind}={count}" for kind, count in counts.items()),
        )
        self.stdout.write(line)
        retention = {
            "registrations": settings.GROUPS_RETENTION_DAYS,
            "memberships": settings.GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS,
            "info_meeting_signups": settings.GROUPS_INFO_SIGNUP_RETENTION_DAYS,
            "professionals": settings.OUTREACH_PROFESSIONAL_RETENTION_DAYS,
        }
        self.stdout.write(
            "Retention in days: "
            + ", ".join(f"{LABELS[kind]} {days}" for kind, days in retention.items())
            + "."
        )
