"""The public research pages and the page for professionals, in both languages."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from research.models import Finding, Principle
from tests.research.helpers import OLD_CLAIM

pytestmark = pytest.mark.django_db

PAGES = [
    "/forskning/",
    "/forskning/frivillighet/",
    "/forskning/motiver-ikke-henvis/",
    "/for-fagfolk/",
    "/for-fagfolk/brosjyre/",
]


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def research_catalogue_entries():
    """(English msgid, Norwegian msgstr) for every catalogue entry used by the research app."""
    po = (Path(settings.BASE_DIR) / "locale/nb/LC_MESSAGES/django.po").read_text()
    entries = []
    for block in po.split("\n\n"):
        if "research" not in "".join(re.findall(r"^#: .*$", block, flags=re.M)):
            continue
        if "#, fuzzy" in block:
            continue
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgid ", 1)[1].split("msgstr", 1)[0]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr ", 1)[1]))
        entries.append((msgid, msgstr))
    return entries


def test_url_names():
    assert reverse("research:index") == "/forskning/"
    assert reverse("research:professionals") == "/for-fagfolk/"
    assert reverse("research:principle", kwargs={"slug": "frivillighet"}) == (
        "/forskning/frivillighet/"
    )
    with translation.override("en"):
        assert reverse("research:index") == "/en/forskning/"


@pytest.mark.parametrize("path", PAGES + ["/en" + p for p in PAGES])
def test_pages_are_public_with_one_h1_and_landmarks(client, path):
    html = html_of(client, path)
    assert html.count("<h1") == 1
    assert 'id="main"' in html


@pytest.mark.parametrize("path", PAGES + ["/en" + p for p in PAGES])
def test_the_old_recovery_figure_is_on_no_page(client, path):
    assert not OLD_CLAIM.search(visible_text(html_of(client, path)))


def test_index_shows_every_finding_with_a_reference_that_resolves(client):
    html = html_of(client, "/forskning/")
    findings = Finding.objects.select_related("source")
    for finding in findings:
        assert finding.summary_nb in html
    numbers = set(re.findall(r'href="#ref-(\d+)"', html))
    assert numbers == {str(n) for n in range(1, len({f.source_id for f in findings}) + 1)}
    references = re.search(r'<ol class="reference-list">(.*?)</ol>', html, flags=re.S).group(1)
    items = re.findall(r'<li id="ref-(\d+)">(.*?)</li>', references, flags=re.S)
    assert {number for number, _ in items} == numbers
    for _number, item in items:
        assert 'href="https://' in item


def test_index_has_an_anchor_per_principle_and_a_table_of_contents(client):
    html = html_of(client, "/forskning/")
    for principle in Principle.objects.all():
        assert f'<section id="{principle.anchor}"' in html
        assert f'href="#{principle.anchor}"' in html
        assert f'href="{principle.get_absolute_url()}"' in html
    assert 'id="kilder"' in html and 'id="sikkerhet"' in html


def test_certainty_is_shown_in_words_in_both_languages(client):
    html = html_of(client, "/forskning/")
    assert "Sikkerhet: Moderat" in html and "Sikkerhet: Ekspertvurdering" in html
    assert "Ett godt forsøk eller noen få studier" in html  # what the level means
    html = html_of(client, "/en/forskning/")
    assert "Certainty: Moderate" in html and "Certainty: Expert opinion" in html


def test_unchecked_doi_is_shown_but_marked(client):
    html = html_of(client, "/forskning/")
    assert "https://doi.org/10.3109/10826089909039431" in html
    assert "DOI ikke kontrollert hos utgiveren" in html


def test_the_page_says_what_research_shows_about_method_and_relationship(client):
    text = visible_text(html_of(client, "/forskning/"))
    assert "Vi har ikke funnet noen kilde for det tallet" in text
    assert "valget mellom etablerte metoder forklarer lite" in text
    text = visible_text(html_of(client, "/en/forskning/"))
    assert "We have not found any source for that figure" in text
    assert "working relationship between client and therapist" in text


def test_principle_page_shows_body_findings_and_its_own_references(client):
    principle = Principle.objects.get(slug="motiver-ikke-henvis")
    html = html_of(client, principle.get_absolute_url())
    assert "Motiver – ikke henvis</h1>" in html
    assert "ikke vist at en henvisning i seg selv tar" in html
    assert 'href="#ref-1"' in html and 'id="ref-1"' in html
    assert html.count('<li id="ref-') == principle.findings.values("source").distinct().count()
    assert "Timko et al. (2006)" in html


def test_unknown_and_unpublished_principles_are_not_found(client, make_principle):
    assert client.get("/forskning/finnes-ikke/").status_code == 404
    hidden = make_principle("skjult", is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Tittel skjult" not in html_of(client, "/forskning/")


def test_english_pages_are_in_english(client):
    entries = research_catalogue_entries()
    assert len(entries) > 50
    for path in PAGES:
        html = html_of(client, "/en" + path)
        text = visible_text(html)
        assert '<html lang="en">' in html
        for msgid, msgstr in entries:
            if msgstr and msgstr != msgid and len(msgstr) > 8:
                assert msgstr not in text, (path, msgstr)
    text = visible_text(html_of(client, "/en/forskning/"))
    for principle in Principle.objects.all():
        assert principle.title_en in text
        assert principle.title_nb not in text
    assert "What the research says" in text


def test_norwegian_pages_are_translated(client):
    text = visible_text(html_of(client, "/for-fagfolk/"))
    assert "Informer og motiver – ikke henvis" in text
    assert "Inform and motivate" not in text


def test_professionals_page_explains_how_to_motivate_and_what_to_expect(client):
    text = visible_text(html_of(client, "/en/for-fagfolk/"))
    assert "Only handing over a list" in text
    assert "have not shown that a referral in itself takes away motivation" in text
    assert "five to eight adults" in text
    assert 'href="/en/for-fagfolk/brosjyre/"' in html_of(client, "/en/for-fagfolk/")
    for principle in Principle.objects.all():
        assert principle.title_en in text


def test_handout_has_contact_details_and_crisis_numbers(client, settings):
    html = html_of(client, "/for-fagfolk/brosjyre/")
    assert settings.CENTRE_PHONE in html and settings.CENTRE_EMAIL in html
    assert "113" in html and "116 123" in html


@pytest.mark.parametrize(
    "path", ["/forskning/", "/forskning/frivillighet/", "/for-fagfolk/brosjyre/"]
)
def test_printing_works_without_javascript(client, path):
    html = html_of(client, path)
    assert 'href="/static/research/print.css" media="print"' in html
    assert '<script src="/static/research/print.js"' in html
    # The button is hidden until the script shows it; without JS the browser menu prints.
    assert re.search(r'<button type="button" class="[^"]*js-print"[^>]* hidden>', html)
    assert " style=" not in html and "<script>" not in html


def test_index_costs_a_fixed_number_of_queries(client, django_assert_num_queries, make_principle):
    with django_assert_num_queries(2):
        client.get("/forskning/")
    for number in range(5):
        make_principle(f"ekstra-{number}", findings=4)
    with django_assert_num_queries(2):
        client.get("/en/forskning/")


def test_principle_page_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, make_principle
):
    make_principle("stor", findings=8)
    with django_assert_num_queries(3):
        client.get("/forskning/stor/")


def test_professionals_and_handout_queries(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/for-fagfolk/")
    with django_assert_num_queries(0):
        client.get("/for-fagfolk/brosjyre/")


def test_main_navigation_links_the_research_pages(client):
    html = html_of(client, "/")
    assert 'href="/forskning/"' in html and 'href="/for-fagfolk/"' in html
