import pytest
from django.utils import translation

from research.models import Certainty, Principle, Source
from research.references import number_references
from tests.factories import FindingFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_content_follows_the_active_language_and_falls_back_to_norwegian(make_principle):
    principle = make_principle("p")
    with translation.override("en"):
        assert principle.title == "Title p"
    with translation.override("nb"):
        assert principle.title == "Tittel p"
    principle.title_en = ""
    with translation.override("en"):
        assert principle.title == "Tittel p"


def test_finding_shows_certainty_in_words(make_principle):
    finding = make_principle("p").findings.get()
    with translation.override("nb"):
        assert finding.get_certainty_display() == "Moderat"
        assert "probably" not in str(finding.certainty_explanation)
    with translation.override("en"):
        assert finding.get_certainty_display() == "Moderate"
        assert "probably right" in str(finding.certainty_explanation)
    with translation.override("en"):
        assert Certainty.EXPERT_OPINION.label == "Expert opinion"


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("Humphreys, K.", "Humphreys (1999)"),
        ("Kownacki, R. J., & Shadish, W. R.", "Kownacki & Shadish (1999)"),
        ("Kelly, J. F., Humphreys, K., & Ferri, M.", "Kelly et al. (1999)"),
        ("Walsh, D. C., Hingson, R. W., et al.", "Walsh et al. (1999)"),
        ("Helsedirektoratet", "Helsedirektoratet (1999)"),
    ],
)
def test_short_citation(authors, expected):
    assert Source(authors=authors, year=1999).short_citation == expected


def test_link_prefers_the_doi():
    assert Source(doi="10.1/x", url="https://example.org").link == "https://doi.org/10.1/x"
    assert Source(url="https://example.org").link == "https://example.org"


def test_references_are_numbered_in_citation_order_and_reused(make_principle, source):
    first = make_principle("a", findings=2, order=1)
    second = make_principle("b", findings=1, order=2)
    other = SourceFactory(
        key="other",
        authors="Other, A.",
        year=2001,
        title="T",
        container="C",
        volume_pages="",
        doi="",
        url="https://x.no",
        kind="report",
    )
    FindingFactory(
        principle=second, source=other, order=9, summary_nb="n", summary_en="e", certainty="low"
    )
    principles = list(
        Principle.objects.filter(pk__in=[first.pk, second.pk]).with_findings_and_sources()
    )
    references = number_references(principles)
    assert [s.pk for s in references] == [source.pk, other.pk]
    assert [f.ref_number for p in principles for f in p.findings.all()] == [1, 1, 1, 2]
    assert [s.ref_number for s in references] == [1, 2]
