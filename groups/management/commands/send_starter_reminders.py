"""Mail the starters of new closed groups before each step of their plan (run daily)."""

from django.core.management.base import BaseCommand

from groups.starters import send_starter_reminders


class Command(BaseCommand):
    help = (
        "Email the starters (staff) of new closed groups about the coming start-up meeting, "
        "stepping back, the six-week follow-up and contact meetings. Each reminder goes once."
    )

    def handle(self, *args, **options):
        sent = send_starter_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
