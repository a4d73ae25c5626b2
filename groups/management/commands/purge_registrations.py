"""Deprecated: use ``manage.py purge_personal_data``, which this runs."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Deprecated alias of purge_personal_data (erases all personal data past retention)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        self.stderr.write("purge_registrations is deprecated: run purge_personal_data instead.")
        # By name, not by import: groups must not import the linkcentre project package.
        call_command("purge_personal_data", dry_run=dry_run, stdout=self.stdout)
