"""`make run` on another port: every absolute link (emails, feeds) follows PORT unless SITE_URL
is set. Settings are read in a subprocess so each case gets a clean environment."""

import os
import subprocess
import sys

from tests.linkcentre.helpers import ROOT

PRINT_SITE_URL = "from django.conf import settings; print(settings.SITE_URL)"


def site_url(**env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL"}}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="linkcentre.settings", **env_overrides)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT_SITE_URL}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_port():
    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(PORT="8123") == "http://127.0.0.1:8123"


def test_a_set_site_url_wins():
    assert site_url(PORT="8123", SITE_URL="https://link.example.no/") == "https://link.example.no"


def test_make_run_passes_port_to_every_command():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    commands = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert len(commands) == 3  # migrate, demo, runserver
    assert all("PORT=8123" in line for line in commands)
    assert commands[-1].endswith("runserver 127.0.0.1:8123")
