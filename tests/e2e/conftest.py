"""Browser tests: Playwright's sync API drives Debian's Chromium against the live server.

`playwright install` cannot download browsers here, so the suite uses the system Chromium
(`apt-get install chromium`). Without it every test marked ``e2e`` is skipped with a reason that
``-ra`` shows. One browser serves all the browser tests (pytest-django runs them one after the
other, with the other live-server tests); each test gets a fresh context (cookies, viewport).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.viewports import DESKTOP, PHONE

E2E_ROOT = Path(__file__).parent
SYSTEM_CHROMIUM = "/usr/bin/chromium"
# E2E_CHROMIUM names another Chromium binary (and only that one: no PATH fallback).
CHROMIUM_OVERRIDE = os.environ.get("E2E_CHROMIUM", "")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SKIP_REASON = (
    f"Chromium not found at {CHROMIUM_OVERRIDE or SYSTEM_CHROMIUM + ' or on PATH'}: browser tests "
    "skipped (install it with `apt-get install chromium`; `playwright install` is not used)"
)


def find_chromium():
    if CHROMIUM_OVERRIDE:
        return CHROMIUM_OVERRIDE if os.access(CHROMIUM_OVERRIDE, os.X_OK) else None
    if os.access(SYSTEM_CHROMIUM, os.X_OK):
        return SYSTEM_CHROMIUM
    return shutil.which("chromium")


def screenshot_dir(config):
    folder = os.environ.get("E2E_SCREENSHOT_DIR") or "test-artifacts/screenshots"
    path = Path(folder)
    if not path.is_absolute():
        path = Path(config.rootpath) / path
    return path


def is_e2e(item):
    return item is not None and E2E_ROOT in Path(item.path).parents


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is an e2e test; without Chromium they are skipped, loudly."""
    chromium = find_chromium()
    for item in items:
        if is_e2e(item):
            item.add_marker(pytest.mark.e2e)
            if chromium is None:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


class Chromium:
    """The one browser of the run, started by the first browser test that needs it."""

    playwright = None
    browser = None

    def get(self):
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
            )
        return self.browser

    def stop(self):
        if self.playwright is not None:
            self.browser.close()
            self.playwright.stop()
            self.playwright = self.browser = None


chromium = Chromium()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Around each browser test: let Django's ORM run beside Playwright's event loop.

    Playwright's sync API keeps an asyncio loop running in the main thread, and Django refuses ORM
    calls (fixtures creating data, the database flush after each live-server test) while a loop
    runs there unless DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set only around browser tests, and
    the browser is stopped after the last of them, so the rest of the suite keeps Django's
    protection (and subprocesses such as `check --deploy` never inherit the variable).
    """
    if not is_e2e(item):
        yield
        return
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if not is_e2e(nextitem):
            chromium.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def pytest_sessionfinish(session, exitstatus):
    chromium.stop()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    folder = screenshot_dir(config)
    shots = getattr(config, "_e2e_screenshots", 0)
    if shots:
        terminalreporter.write_sep("-", "browser test screenshots")
        terminalreporter.write_line(f"{shots} screenshots of the scanned pages saved in {folder}")


@pytest.fixture
def browser():
    if find_chromium() is None:
        pytest.skip(SKIP_REASON)
    return chromium.get()


def _context(browser, **options):
    context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo", **options)
    # Fail fast: a missing element should not hang a test for Playwright's default 30 s.
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def new_context(browser):
    """Factory for extra contexts, e.g. ``new_context(viewport=PHONE)``; all closed afterwards."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        context = _context(browser, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def desktop(new_context):
    """A page in a desktop-sized window (1280x900)."""
    return new_context(viewport=DESKTOP).new_page()


@pytest.fixture
def phone(new_context):
    """A page in a phone-sized window (390x844, touch)."""
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


@pytest.fixture
def no_js(new_context):
    """A desktop page with JavaScript turned off."""
    return new_context(viewport=DESKTOP, java_script_enabled=False).new_page()


@pytest.fixture
def save_screenshot(request):
    """save_screenshot(page, name) writes a full-page PNG into the screenshot folder."""
    config = request.config
    folder = screenshot_dir(config)

    def save(page, name):
        folder.mkdir(parents=True, exist_ok=True)
        filename = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") + ".png"
        page.screenshot(path=str(folder / filename), full_page=True)
        config._e2e_screenshots = getattr(config, "_e2e_screenshots", 0) + 1
        return folder / filename

    return save


@pytest.fixture
def log_in(live_server):
    """log_in(context, user) gives a browser context a logged-in session without the login form.

    The journeys that test logging in use the form; every other test starts logged in.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    def log_in(context, user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )

    return log_in


# The data fixtures (by name in pages.py, and for the journeys).
from tests.e2e.worlds import (  # noqa: E402, F401
    groups_world,
    organisation_user,
    outreach_staff,
    research_content,
    rooms_world,
    staff_world,
)
