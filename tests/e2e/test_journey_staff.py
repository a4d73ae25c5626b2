"""Journey 3: a staff member logs into the admin, places a new interest registration in a
forming group from the registrations inbox, records a brochure distribution and a contact with a
professional (with a follow-up date), and opens the outreach report.
"""

import datetime as dt

import pytest

from tests.e2e import data
from tests.e2e.viewports import DESKTOP

pytestmark = pytest.mark.e2e


def autocomplete(page, field_id, text):
    """Choose in one of the admin's autocomplete (select2) fields by typing, as staff do."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(text)
    page.locator(".select2-results__option", has_text=text).first.wait_for()
    search.press("Enter")
    assert text in page.locator(f"#{field_id} + .select2").inner_text()


def log_into_admin(page, live_server, user):
    page.goto(live_server.url + "/admin/")
    page.wait_for_url("**/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", data.PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/")


def place_registration_in_group(page, live_server, world):
    """From the inbox of registrations: the "place in a group" action, then choose the group."""
    from groups.models import Membership

    registration, group = world.registration, world.forming_group
    page.goto(live_server.url + "/admin/groups/interestregistration/?place=none")
    row = page.locator("#result_list tbody tr", has_text=registration.first_name)
    assert page.locator("#result_list tbody tr").count() == 1
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "place_in_group")
    page.locator("button[name=index]").click()
    page.wait_for_url("**/admin/groups/interestregistration/**")
    assert registration.first_name in page.locator("#content").inner_text()
    page.select_option("#id_group", str(group.pk))
    page.locator("#content form input[type=submit]").click()
    page.locator(".messagelist .success").wait_for()
    assert group.name in page.locator(".messagelist .success").inner_text()
    membership = Membership.objects.get()
    assert (membership.registration, membership.group) == (registration, group)
    assert membership.status == Membership.Status.ACTIVE and membership.seat == 1
    assert membership.placed_by == world.staff
    registration.refresh_from_db()
    assert registration.status == registration.Status.PLACED
    # Nobody is left waiting for a group in the inbox.
    page.goto(live_server.url + "/admin/groups/interestregistration/?place=none")
    assert registration.first_name not in page.locator("#changelist").inner_text()


def record_distribution(page, live_server, world):
    from outreach.models import Distribution

    page.goto(live_server.url + "/admin/outreach/distribution/add/")
    autocomplete(page, "id_brochure", world.brochure.title)
    autocomplete(page, "id_place", world.place.name)
    page.fill("#id_quantity", "40")
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()
    distribution = Distribution.objects.get()
    assert (distribution.brochure, distribution.place, distribution.quantity) == (
        world.brochure,
        world.place,
        40,
    )
    assert distribution.staff == world.staff


def record_contact_with_follow_up(page, live_server, world):
    from outreach.models import ContactActivity

    follow_up = dt.date.today() + dt.timedelta(weeks=3)  # noqa: DTZ011 (a date typed in a form)
    page.goto(live_server.url + "/admin/outreach/contactactivity/add/")
    page.select_option("#id_kind", "meeting")
    autocomplete(page, "id_place", world.place.name)
    autocomplete(page, "id_professionals", world.professional.name)
    page.fill("#id_people_reached", "1")
    page.fill("#id_topic", "Informere og motivere, ikke henvise")
    page.fill("#id_summary", "Snakket om samtalegrupper og la igjen brosjyrer.")
    page.fill("#id_follow_up_on", follow_up.isoformat())
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()
    activity = ContactActivity.objects.get()
    assert list(activity.professionals.all()) == [world.professional]
    assert activity.follow_up_on == follow_up and not activity.follow_up_done
    assert activity.staff == world.staff


def open_report(page, live_server, world):
    page.goto(live_server.url + "/personale/utadrettet/")
    assert page.locator("h1").count() == 1
    tables = page.locator("main table.report-table")
    assert tables.count() >= 1
    assert "40" in page.locator("main").inner_text()
    # The follow-up is on the team's list.
    page.goto(live_server.url + "/personale/utadrettet/oppfolging/")
    assert world.professional.name in page.locator("main table").inner_text()


def test_staff_places_a_registration_records_outreach_and_opens_the_report(
    live_server, new_context, staff_world
):
    page = new_context(viewport=DESKTOP).new_page()
    log_into_admin(page, live_server, staff_world.staff)
    place_registration_in_group(page, live_server, staff_world)
    record_distribution(page, live_server, staff_world)
    record_contact_with_follow_up(page, live_server, staff_world)
    open_report(page, live_server, staff_world)
