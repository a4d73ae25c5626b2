"""The outreach staff pages in a real Chromium: no axe-core violations, charts rendered."""

import pytest

from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e


def test_outreach_pages_pass_axe(live_server, new_context, log_in, outreach_staff):
    context = new_context()
    log_in(context, outreach_staff)
    page = context.new_page()
    for path in [
        "/personale/utadrettet/",
        "/personale/utadrettet/oppfolging/",
        "/personale/utadrettet/brosjyrer/",
        "/en/personale/utadrettet/?period=quarter&start=2025-01-01&end=2025-12-31",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)
    page.goto(live_server.url + "/personale/utadrettet/")
    assert page.locator("svg[role=img]").count() == 5
