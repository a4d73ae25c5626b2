"""Keyboard use of the page frame: skip link first, focus to main, a visible focus ring."""

import pytest

from tests.e2e.viewports import PHONE

pytestmark = pytest.mark.e2e

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: el.textContent.trim(),
          outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          visible: el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1};
}"""

AFTER_MAIN_START = """() => {
  const main = document.querySelector('main'), el = document.activeElement;
  return main.contains(el)
    || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


def focused(page):
    return page.evaluate(FOCUSED)


@pytest.mark.parametrize("path", ["/", "/en/personvern/"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, desktop, path):
    desktop.goto(live_server.url + path)
    desktop.keyboard.press("Tab")
    first = focused(desktop)
    assert "skip-link" in first["cls"], f"first Tab stop was {first}"
    assert first["visible"], "the skip link must become visible when focused"
    assert first["outlineStyle"] != "none" and first["outlineWidth"] >= 2
    desktop.keyboard.press("Enter")
    assert focused(desktop)["id"] == "main"
    # The next Tab continues from the main content onwards, not back in the header.
    desktop.keyboard.press("Tab")
    assert desktop.evaluate(AFTER_MAIN_START)


def test_every_link_and_button_shows_a_focus_ring(live_server, desktop):
    """Tab through the whole login page: each stop has a clear outline and no stop traps focus."""
    desktop.goto(live_server.url + "/konto/login/")
    desktop.locator("body").focus()
    stops = []
    for _ in range(40):
        desktop.keyboard.press("Tab")
        stop = focused(desktop)
        if stop["tag"] == "body" or (stops and stop == stops[0]):
            break  # wrapped round: focus left the page, so nothing traps it
        stops.append(stop)
        assert stop["outlineStyle"] != "none" and stop["outlineWidth"] >= 2, (
            f"no visible focus on {stop}"
        )
    tags = {stop["tag"] for stop in stops}
    assert {"a", "input", "button"} <= tags, stops
    assert len(stops) < 40, "focus never left the page: a keyboard trap?"


def test_phone_menu_opens_with_the_keyboard(live_server, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + "/")
    toggler = page.get_by_role("button", name="Vis eller skjul menyen")
    toggler.focus()
    page.keyboard.press("Enter")
    assert toggler.get_attribute("aria-expanded") == "true"
    page.get_by_role("link", name="English").wait_for(state="visible")
