"""The privacy statement says what is stored, why, on which basis, for how long and who sees it."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_privacy_page_states_the_retention_periods_from_settings(client, settings):
    settings.GROUPS_RETENTION_DAYS = 123
    settings.GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS = 45
    settings.GROUPS_INFO_SIGNUP_RETENTION_DAYS = 1
    settings.OUTREACH_PROFESSIONAL_RETENTION_DAYS = 789
    page = client.get("/personvern/").content.decode()
    assert "slettes påmeldingen din 123 dager etter vår siste kontakt" in page
    assert "var medlem, 45 dager senere" in page
    assert "slettes 1 dag etter møtet" in page  # the singular
    assert "i kontakt på 789 dager" in page
    assert "artikkel 9 nr. 2 bokstav a" in page and "uttrykkelige samtykke" in page
    assert "Vi svarer innen en måned" in page
    assert "Slik trekker du deg" in page
    assert "IP-adressen" in page


def test_the_privacy_page_in_english(client, settings):
    settings.GROUPS_RETENTION_DAYS = 365
    page = client.get("/en/personvern/").content.decode()
    for text in [
        "What we store when you register interest in a group",
        "your explicit consent (GDPR article 6(1)(a) and article 9(2)(a))",
        "your registration is erased 365 days after our last contact",
        "Who can see it",
        "We answer within a month",
        "How to withdraw",
        "erases your registration at once",
        "(GDPR article 6(1)(f))",
    ]:
        assert text in page, text
