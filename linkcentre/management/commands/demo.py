"""Load realistic Norwegian demo data for every app, idempotently.

Each app that has demo content provides ``<app>/demo.py`` with a ``create_demo_data(stdout)``
function; this command runs them in INSTALLED_APPS order (rooms before groups), so the project
package never imports an app's models directly. Then each ``<app>/demo_history.py`` adds the
past (``create_demo_history(stdout)``) for the annual report.
"""

import importlib
import importlib.util
import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Create demo content for every app (safe to run again) and, with --admin, a demo login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Create or reset the demo superuser 'admin' with a new random password.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow --admin when DEBUG is off (never on a real production site).",
        )

    def handle(self, *args, admin=False, force=False, **options):
        if admin and not settings.DEBUG and not force:
            raise CommandError("Refusing to create a demo superuser with DEBUG off; use --force.")
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            with transaction.atomic():
                module.create_demo_data(self.stdout)
            self.stdout.write(f"Demo data: {app_config.verbose_name} ready.")
        # A year and a bit of history (``<app>/demo_history.py``), so this year's and last
        # year's annual report both have figures; after all apps, since groups' history reuses
        # the rooms and organisations the other apps' demo data made.
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo_history"
            if importlib.util.find_spec(module_name) is None:
                continue
            with transaction.atomic():
                importlib.import_module(module_name).create_demo_history(self.stdout)
        if admin:
            self._create_admin()

    def _create_admin(self):
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_ADMIN_USERNAME, defaults={"email": "admin@linkoslo.example"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin login: username '{DEMO_ADMIN_USERNAME}', password '{password}' "
                "(new on every run)."
            )
        )
