"""The research pages in a real Chromium: the print button and print rendering.

(Their axe scans, in both languages at phone and desktop width, are in test_accessibility.py
through tests/e2e/pages.py.)
"""

import re

import pytest

from tests.e2e.viewports import DESKTOP

pytestmark = pytest.mark.e2e


def test_print_button_appears_with_javascript_and_not_on_paper(
    live_server, new_context, research_content
):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(live_server.url + "/forskning/")
    button = page.locator(".js-print").first
    assert button.is_visible()
    page.emulate_media(media="print")
    assert not button.is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#kilder").is_visible()


def test_print_button_is_not_offered_without_javascript(live_server, new_context, research_content):
    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    page.goto(live_server.url + "/forskning/")
    assert not page.locator(".js-print").first.is_visible()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_handout_prints_on_one_a4_page(live_server, new_context, research_content, prefix):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(live_server.url + prefix + "/for-fagfolk/brosjyre/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
