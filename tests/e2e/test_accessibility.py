"""axe-core (WCAG 2.1 A and AA) on every page in tests/e2e/pages.py, both languages, two sizes.

Each page is loaded once per language and scanned at phone width and at desktop width (the
window is resized between the scans), and a full-page screenshot of each is saved (the folder is
printed at the end of the run).
"""

import pytest

from tests.e2e.axe import assert_no_axe_violations, axe_violations, format_violations
from tests.e2e.pages import SCANNED_PAGES
from tests.e2e.viewports import VIEWPORTS

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("page", SCANNED_PAGES, ids=lambda page: page.path)
def test_page_has_no_axe_violations(
    request, live_server, new_context, log_in, save_screenshot, page, language
):
    if page.data:
        request.getfixturevalue(page.data)
    context = new_context(viewport=VIEWPORTS["phone"])
    if page.login:
        log_in(context, request.getfixturevalue(page.login))
    tab = context.new_page()
    path = page.in_language(language)
    response = tab.goto(live_server.url + path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert tab.locator("html").get_attribute("lang") == language
    assert tab.locator("h1").count() == 1, f"{path} should have exactly one <h1>"

    found = []
    for name in ("phone", "desktop"):
        tab.set_viewport_size(VIEWPORTS[name])
        save_screenshot(tab, f"{language}-{name}-{page.path.strip('/') or 'home'}")
        violations = axe_violations(tab)
        if violations:
            found.append(f"at {name} width:\n{format_violations(violations)}")
        if name == "phone":
            # Reflow (WCAG 1.4.10): nothing wider than the phone's screen; wide tables scroll
            # inside their own region instead.
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > VIEWPORTS["phone"]["width"]:
                found.append(f"at phone width the page is {width}px wide and scrolls sideways")
    assert not found, f"axe found WCAG 2.1 A/AA violations on {path}\n" + "\n".join(found)


def test_the_axe_helper_reports_violations(live_server, new_context):
    """Guards the scan itself: a page with known faults must fail, listing what and where.

    (live_server only keeps this test next to the other browser tests in pytest-django's order.)
    """
    tab = new_context().new_page()
    tab.set_content(
        '<html lang="en"><title>Bad</title><main><h1>Bad</h1>'
        '<img src="data:," class="photo"><input id="q" type="text"></main></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(tab)
    message = str(failure.value)
    assert "image-alt" in message and 'class="photo"' in message
    assert "label" in message and "#q" in message
