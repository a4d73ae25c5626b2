"""The finder on a 390x844 phone: after a search the first result is on the first screen, with
the focus on the number found; the crisis numbers call with one tap; axe-clean in both languages."""

import datetime as dt

import pytest

from groups.models import Group
from rooms.services import today_local
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.viewports import DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def finder_groups(request):
    create_group = request.getfixturevalue("make_group")
    today = today_local().weekday()
    for number in range(5):
        create_group(
            name=f"Samtalegruppe {number + 1}",
            weekday=(today + number) % 7,
            start=dt.time(10),
            end=dt.time(12),
            short_description_nb="En lukket gruppe for voksne.",
        )
    create_group(
        kind=Group.Kind.OPEN,
        name="AA Kveld",
        weekday=(today + 2) % 7,
        languages=["nb", "en"],
    )
    return create_group(
        name="Sorggruppa",
        weekday=(today + 4) % 7,
        description_nb="For deg som har mistet noen du var glad i.",
        description_en="For you who have lost someone close: grief shared with others.",
    )


def test_after_a_search_the_first_result_is_on_the_first_screen(
    live_server, phone, finder_groups, save_screenshot
):
    phone.goto(f"{live_server.url}/grupper/")
    assert phone.locator('a[href="tel:113"]').count() >= 1
    save_screenshot(phone, "finder-phone-390-start")
    # A word that only the English description has, searched from the Norwegian page.
    phone.fill("#id_q", "grief")
    phone.locator("form.group-filters button[type=submit]").click()
    phone.wait_for_url("**/grupper/?q=grief*#result-count")
    phone.wait_for_load_state("load")
    phone.wait_for_function("document.activeElement?.id === 'result-count'")
    first = phone.locator(".group-card").first
    assert "Sorggruppa" in first.inner_text()
    box = first.bounding_box()
    viewport = phone.viewport_size
    assert 0 <= box["y"] < viewport["height"] - 100, box
    assert "1 gruppe" in phone.locator("#result-count").inner_text()
    save_screenshot(phone, "finder-phone-390-results")
    assert_no_axe_violations(phone)


def test_nothing_found_shows_the_nearest_and_both_languages_pass_axe(
    live_server, phone, new_context, finder_groups, save_screenshot
):
    # No open group speaks of grief: the closed Sorggruppa is offered instead.
    phone.goto(f"{live_server.url}/grupper/?type=apen&q=sorg#result-count")
    assert phone.locator(".nothing-found").is_visible()
    assert "Sorggruppa" in phone.locator(".nothing-found .group-card").first.inner_text()
    assert phone.locator(".nothing-found a[href='/grupper/meld-interesse/']").count() == 1
    assert_no_axe_violations(phone)
    save_screenshot(phone, "finder-phone-390-nothing-found")
    phone.goto(f"{live_server.url}/en/grupper/?q=grief#result-count")
    assert "Sorggruppa" in phone.locator(".group-card").first.inner_text()
    assert phone.locator('a[href="tel:116123"]').count() >= 1
    assert_no_axe_violations(phone)

    desktop = new_context(viewport=DESKTOP).new_page()
    for url in [
        "/grupper/?q=grief#result-count",
        "/en/grupper/",
        f"/grupper/{finder_groups.slug}/",
    ]:
        desktop.goto(live_server.url + url)
        assert_no_axe_violations(desktop)
    save_screenshot(desktop, "finder-desktop-1280-detail")
    desktop.goto(f"{live_server.url}/grupper/?q=grief#result-count")
    save_screenshot(desktop, "finder-desktop-1280-results")


def test_the_group_page_on_a_phone_shows_how_to_find_the_room(
    live_server, phone, finder_groups, save_screenshot
):
    phone.goto(f"{live_server.url}/grupper/{finder_groups.slug}/")
    section = phone.locator("section[aria-labelledby=find-heading]")
    assert "Storgata" in section.inner_text() or section.locator("address").count() == 1
    assert section.locator("a[href^='https://www.openstreetmap.org/']").count() == 1
    assert phone.locator("iframe").count() == 0
    assert_no_axe_violations(phone)
    save_screenshot(phone, "finder-phone-390-detail")
    phone.goto(f"{live_server.url}/en/grupper/{finder_groups.slug}/")
    assert_no_axe_violations(phone)
