from django.core.management.base import BaseCommand

from rooms.reminders import REMINDER_DAYS, remind_series_ending


class Command(BaseCommand):
    help = (
        f"Email organisations whose booking series ends within {REMINDER_DAYS} days, once per "
        "series and last date, with a link to book it again. Safe to run daily."
    )

    def handle(self, *args, **options):
        reminded = remind_series_ending()
        self.stdout.write(f"Reminded {len(reminded)} series that end soon.")
