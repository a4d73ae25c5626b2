"""The annual report and the staff dashboard in a real Chromium: no axe-core violations, one
chart per table, and a print layout with a page break before every section but the first."""

import pytest

from tests import annual_data
from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def report_world(db):
    return annual_data.build()


def test_annual_report_and_dashboard_pass_axe(
    live_server, new_context, log_in, superuser, report_world
):
    from linkcentre.annual_report import AnnualReport

    context = new_context()
    log_in(context, superuser)
    page = context.new_page()
    for path in [
        "/personale/arsrapport/2025/",
        "/en/personale/arsrapport/?fra=2025-01-01&til=2025-06-30",
        "/personale/arsrapport/?fra=2025-07-01&til=2025-01-01",
        "/admin/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)
    page.goto(live_server.url + "/personale/arsrapport/2025/")
    assert page.locator("svg[role=img]").count() == len(AnnualReport.SLUGS)
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('.annual-section')]"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks[0] == "auto" and set(breaks[1:]) == {"page"}
    assert page.locator("form.annual-filter").is_hidden()
    assert page.locator(".annual-cover-line").is_visible()
