"""The site works with JavaScript turned off."""

import pytest

from tests.e2e.viewports import PHONE

pytestmark = pytest.mark.e2e


def test_phone_menu_is_reachable_without_javascript(live_server, new_context):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(live_server.url + "/")
    # Without JavaScript the collapse button could never open the menu, so it is shown open.
    assert not page.get_by_role("button", name="Vis eller skjul menyen").is_visible()
    english = page.get_by_role("link", name="English")
    assert english.is_visible()
    english.click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
