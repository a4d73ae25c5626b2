"""Journey 1: a member of the public finds an open group for Tuesday evening with the filters,
adds it to their calendar, then registers interest in a closed group in three steps, correcting
a mistake on the way. Run once with the mouse and once with the keyboard alone (tests/e2e/drive.py).
"""

from pathlib import Path

import pytest
from django.utils import timezone

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.drive import DRIVERS

pytestmark = pytest.mark.e2e


def find_tuesday_evening_group(page, driver, live_server, world):
    page.goto(live_server.url + "/grupper/")
    assert "4 grupper" in page.locator("#result-count").inner_text()
    driver.check(page.locator("input[name=dag][value=tirsdag]"))
    driver.check(page.locator("input[name=tid][value=kveld]"))
    driver.click(page.locator("form.group-filters button[type=submit]"))
    page.wait_for_url("**/grupper/?*dag=tirsdag*tid=kveld*")
    assert "1 gruppe" in page.locator("#result-count").inner_text()
    cards = page.locator("article.group-card")
    assert cards.count() == 1
    assert world.open.name in cards.first.locator("h3").inner_text()
    results = page.locator("#results-heading").locator("..").inner_text()
    for other in world.others:
        assert other.name not in results, f"{other.name} should be filtered out"
    driver.click(cards.first.get_by_role("link", name=world.open.name))
    page.wait_for_url(f"**/grupper/{world.open.slug}/")
    assert page.locator("h1").inner_text() == world.open.name


def add_to_calendar(page, driver, world):
    link = page.locator(f'main a[href$="/grupper/{world.open.slug}.ics"]')
    with page.expect_download() as download_info:
        driver.click(link)
    download = download_info.value
    assert download.suggested_filename == f"{world.open.slug}.ics"
    calendar = Path(download.path()).read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert world.open.name in calendar
    # The same link as a calendar app fetches it: served as iCalendar.
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert world.open.name in response.text()


def open_closed_group(page, driver, world):
    driver.click(page.locator("main").get_by_role("link", name="Alle grupper", exact=True))
    page.wait_for_url("**/grupper/")
    driver.click(page.locator("article.group-card h3").get_by_role("link", name=world.closed.name))
    page.wait_for_url(f"**/grupper/{world.closed.slug}/")
    driver.click(page.locator(f'main a[href$="/grupper/{world.closed.slug}/meld-interesse/"]'))
    page.wait_for_url(f"**/grupper/{world.closed.slug}/meld-interesse/")


def register_interest(page, driver, world):
    from groups.models import InterestRegistration

    submit = page.locator("main form[method=post] button.btn-primary")
    # Step 1: what to expect.
    assert world.closed.name in page.locator("main .lead-box").inner_text()
    driver.check(page.locator("#id_read_expectations"))
    driver.click(submit)
    page.wait_for_url("**/grupper/meld-interesse/samtykke/")
    # Step 2: own choice and consent.
    assert_no_axe_violations(page)
    driver.check(page.locator("#id_free_choice"))
    driver.check(page.locator("#id_consent"))
    driver.click(submit)
    page.wait_for_url("**/grupper/meld-interesse/kontakt/")
    # Step 3: the preferred group is chosen already; a mistake first: no email and no phone.
    assert_no_axe_violations(page)
    assert page.locator("#id_preferred_group").input_value() == world.closed.slug
    driver.fill(page.locator("#id_first_name"), "Kari")
    driver.check(page.locator("#id_is_adult"))
    driver.click(submit)
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "e-postadresse eller et telefonnummer" in summary.inner_text()
    assert summary.get_by_role("link").first.get_attribute("href") == "#id_email"
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert not InterestRegistration.objects.exists(), "nothing is saved before it is complete"
    assert_no_axe_violations(page)
    # Corrected: a phone number. What was typed before is still there.
    assert page.locator("#id_first_name").input_value() == "Kari"
    assert page.locator("#id_is_adult").is_checked()
    driver.fill(page.locator("#id_phone"), "912 34 567")
    driver.click(submit)
    page.wait_for_url("**/grupper/meld-interesse/takk/")
    assert "Takk" in page.locator("h1").inner_text()
    assert page.locator('main a[href*="/grupper/trekk/"]').count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("driver_name", list(DRIVERS))
def test_public_finds_a_group_and_registers_interest(
    live_server, new_context, groups_world, driver_name
):
    from groups.models import InterestRegistration

    page = new_context().new_page()
    driver = DRIVERS[driver_name](page)
    started = timezone.now()

    find_tuesday_evening_group(page, driver, live_server, groups_world)
    add_to_calendar(page, driver, groups_world)
    open_closed_group(page, driver, groups_world)
    register_interest(page, driver, groups_world)

    registration = InterestRegistration.objects.get()
    assert registration.first_name == "Kari"
    assert (registration.phone, registration.email) == ("91234567", "")
    assert registration.preferred_group == groups_world.closed
    assert registration.is_adult and registration.read_expectations and registration.free_choice
    assert registration.status == InterestRegistration.Status.NEW
    from groups.personal_data import current_consent_version

    assert registration.consent_version == current_consent_version()
    assert started <= registration.consented_at <= registration.created_at
