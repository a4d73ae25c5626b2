"""The research pages come from the page cache and show an edit on the next request, whether
it is a saved finding or the admin's publish action (one UPDATE, no model signal)."""

import pytest
from django.urls import reverse

from research.models import Finding, Principle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def principle(make_principle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_principle("likemenn", findings=1)


@pytest.mark.parametrize(
    "url",
    [
        reverse("research:index"),
        "/en" + reverse("research:index"),
        reverse("research:professionals"),
        reverse("research:principle", kwargs={"slug": "likemenn"}),
    ],
)
def test_research_pages_are_cached(client, principle, url):
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("through", ["the test client", "the page front"])
def test_an_edited_finding_shows_at_once(
    client, wsgi_client, principle, django_capture_on_commit_callbacks, through
):
    url = reverse("research:index")
    if through == "the page front":
        # As gunicorn serves the page: answered before Django (linkcentre/pagefront.py).
        asker = wsgi_client
        wsgi_client.until_front(url)
    else:
        asker = client
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        finding = Finding.objects.get(principle=principle)
        finding.summary_nb = "Et nytt og bedre funn"
        finding.save()
    response = asker.get(url)
    assert response["X-Page-Cache"] == "miss"  # made again by Django
    assert "Et nytt og bedre funn" in response.content.decode()


def test_hiding_a_principle_in_the_admin_shows_at_once(
    client, superuser, principle, django_capture_on_commit_callbacks
):
    url = reverse("research:index")
    assert "Tittel likemenn" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    staff = type(client)()
    staff.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("admin:research_principle_changelist"),
            {"action": "unpublish", "_selected_action": [principle.pk]},
        )
    assert response.status_code == 302
    assert not Principle.objects.get(pk=principle.pk).is_published
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Tittel likemenn" not in response.content.decode()
