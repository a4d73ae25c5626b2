"""Every page the accessibility scan visits, as a Norwegian path.

Adding a page is one line. Each path is scanned in Norwegian (as is) and in English (with the
/en prefix), on a phone and a desktop viewport. ``data`` names a fixture (tests/e2e/worlds.py)
that creates what the page shows; ``login`` names a fixture returning the user to log in as.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str
    login: str | None = None
    data: str | None = None

    def in_language(self, language):
        return self.path if language == "nb" else "/en" + self.path


PUBLIC_PAGES = [
    Page("/"),
    Page("/personvern/"),
    Page("/tilgjengelighet/"),
    Page("/konto/login/"),
    Page("/forskning/", data="research_content"),
    Page("/forskning/frivillighet/", data="research_content"),
    Page("/forskning/motiver-ikke-henvis/", data="research_content"),
    Page("/for-fagfolk/", data="research_content"),
    Page("/for-fagfolk/brosjyre/", data="research_content"),
    # The group finder lists open and closed groups; a closed group's page leads to the sign-up.
    # Sign-up steps 2 and 3 need step 1 posted first: test_journey_public.py scans them.
    Page("/grupper/", data="groups_world"),
    Page("/grupper/torsdagsgruppa/", data="groups_world"),
    Page("/grupper/aa-tirsdag/", data="groups_world"),
    Page("/grupper/aa-tirsdag/meld-endring/", data="groups_world"),  # report a change (h9)
    Page("/grupper/meld-interesse/", data="groups_world"),
    Page("/grupper/fagfolk-og-parorende/"),
]

# Pages for partner organisations that book rooms (logged in as a member of one).
ORGANISATION_PAGES = [
    Page("/rom/", login="organisation_user"),
    Page("/rom/bestill/", login="organisation_user"),
    Page("/rom/mine/", login="organisation_user"),
    Page("/rom/epostsprak/", login="organisation_user"),  # the language for emails
]

# Staff pages outside the Django admin (they use the site's own templates).
STAFF_PAGES = [
    Page("/personale/utadrettet/", login="outreach_staff"),
    Page("/personale/utadrettet/oppfolging/", login="outreach_staff"),
    Page("/personale/utadrettet/brosjyrer/", login="outreach_staff"),
]

SCANNED_PAGES = PUBLIC_PAGES + ORGANISATION_PAGES + STAFF_PAGES
