"""Monthly (cron): ask every partner organisation to confirm its open-meeting listings."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from groups.listing_confirmations import send_confirmation_requests


class Command(BaseCommand):
    help = _(
        "Email each partner organisation its listings with a link to confirm them. "
        "Runs at most once a month per organisation, however often it is started."
    )

    def handle(self, *args, **options):
        asked = send_confirmation_requests()
        self.stdout.write(
            _("%(count)d organisations were asked to confirm their listings.") % {"count": asked}
        )
