"""Error pages and the honeypot in a real browser: axe-clean, and the honeypot out of reach."""

import pytest

from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("path", "language"), [("/finnes-ikke/", "nb"), ("/en/does-not-exist/", "en")]
)
def test_the_404_page_is_accessible_in_both_languages(
    live_server, desktop, settings, path, language
):
    settings.DEBUG = False
    response = desktop.goto(live_server.url + path)
    assert response.status == 404
    assert desktop.locator("html").get_attribute("lang") == language
    assert desktop.locator("h1").count() == 1
    assert desktop.locator(".crisis-box").is_visible()
    assert desktop.get_by_role("navigation").first.is_visible()
    assert_no_axe_violations(desktop)


def test_the_honeypot_is_invisible_and_skipped_by_the_keyboard(live_server, desktop, groups_world):
    desktop.goto(live_server.url + "/grupper/meld-interesse/")
    desktop.locator("#id_read_expectations").check()
    desktop.locator("main form button.btn-primary").click()
    desktop.locator("#id_free_choice").check()
    desktop.locator("#id_consent").check()
    desktop.locator("main form button.btn-primary").click()
    desktop.wait_for_url("**/grupper/meld-interesse/kontakt/")
    assert not desktop.locator("#id_website").is_visible()
    assert not desktop.get_by_text("La dette feltet stå tomt").is_visible()
    # From the last real field the keyboard goes on to the buttons, never into the honeypot.
    desktop.locator("#id_message").focus()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.id") != "id_website"
    assert desktop.evaluate("document.activeElement.textContent.trim()") == "Tilbake"
    assert_no_axe_violations(desktop)
