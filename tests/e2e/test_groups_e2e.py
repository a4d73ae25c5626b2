"""The group finder and the sign-up in a real Chromium: no JavaScript needed, no axe violations."""

import pytest

from groups.models import Group, InterestRegistration
from tests.e2e.axe import assert_no_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_without_javascript_and_pages_pass_axe(live_server, desktop, no_js, request):
    create_group = request.getfixturevalue("make_group")
    group = create_group(name="Torsdagsgruppa", slug="torsdagsgruppa", status=Group.Status.FORMING)
    create_group(kind=Group.Kind.OPEN, name="AA Mandag", slug="aa-mandag", weekday=0)

    # axe needs JavaScript to run its checks; the sign-up itself runs with JavaScript off.
    desktop.goto(f"{live_server.url}/grupper/?type=lukket")
    assert desktop.locator("#result-count").inner_text().strip().startswith("Resultat:")
    for url in ["/", "/grupper/", f"/grupper/{group.slug}/", "/grupper/meld-interesse/"]:
        desktop.goto(live_server.url + url)
        assert_no_axe_violations(desktop)

    page = no_js
    page.goto(f"{live_server.url}/grupper/{group.slug}/meld-interesse/")
    page.check("#id_read_expectations")
    page.click("form button[type=submit]")
    page.check("#id_free_choice")
    page.check("#id_consent")
    page.click("form button.btn-primary")
    page.click("form button.btn-primary")  # nothing filled in: errors, nothing saved
    page.locator(".error-summary").wait_for()
    assert not InterestRegistration.objects.exists()
    page.fill("#id_first_name", "Kari")
    page.fill("#id_phone", "912 34 567")
    page.check("#id_is_adult")
    page.click("form button.btn-primary")
    page.wait_for_url("**/takk/")
    assert "Takk" in page.locator("h1").inner_text()
    registration = InterestRegistration.objects.get()
    assert registration.preferred_group == group
    assert registration.phone == "91234567"
