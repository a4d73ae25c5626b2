from django.core.management.base import BaseCommand

from rooms.services import extend_open_ended_series


class Command(BaseCommand):
    help = "Book the dates that came within the booking horizon for open-ended weekly series."

    def handle(self, *args, **options):
        added = extend_open_ended_series()
        self.stdout.write(f"Booked {added} new date(s) for open-ended series.")
