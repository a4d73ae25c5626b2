"""Demo data for the research page: the content itself ships in a data migration.

The demo only makes sure the shipped principles, sources and findings exist (for instance after
someone emptied the tables), using the migration's own loader, which creates what is missing and
never overwrites staff edits. So running ``demo`` never duplicates the content.
"""

import importlib

from django.apps import apps

SHIPPED_CONTENT = importlib.import_module("research.migrations.0002_shipped_content")


def create_demo_data(stdout):
    from research.models import Principle

    before = Principle.objects.count()
    SHIPPED_CONTENT.load_content(apps)
    added = Principle.objects.count() - before
    if added:
        stdout.write(f"Research: restored {added} shipped principle(s).")
