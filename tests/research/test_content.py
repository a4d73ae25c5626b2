"""The content the centre ships (data migration): complete, sourced and honest."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from research.models import Certainty, Finding, Principle, Source
from tests.research.helpers import OLD_CLAIM, SHIPPED_SLUGS

pytestmark = pytest.mark.django_db

# The centre's older, unsourced claim must not come back, in any spelling.


def test_a_fresh_database_has_the_shipped_principles():
    assert list(Principle.objects.published().values_list("slug", flat=True)) == SHIPPED_SLUGS


def test_every_principle_has_a_finding_and_every_finding_a_findable_source():
    for principle in Principle.objects.with_finding_count():
        assert principle.finding_count >= 1, principle.slug
    for finding in Finding.objects.select_related("source"):
        assert finding.source.doi or finding.source.url, finding.source.key
        assert finding.source.link.startswith("https://")


def test_no_source_is_without_a_finding():
    assert not Source.objects.filter(findings__isnull=True).exists()


def test_both_languages_are_complete():
    for principle in Principle.objects.all():
        for field in ("title", "summary", "body"):
            assert getattr(principle, f"{field}_nb").strip(), (principle.slug, field)
            assert getattr(principle, f"{field}_en").strip(), (principle.slug, field)
    for finding in Finding.objects.all():
        assert finding.summary_nb.strip() and finding.summary_en.strip()
        assert bool(finding.caveat_nb.strip()) == bool(finding.caveat_en.strip())
    for source in Source.objects.all():
        assert bool(source.note_nb) == bool(source.note_en), source.key


def test_every_certainty_level_is_used_and_valid():
    used = set(Finding.objects.values_list("certainty", flat=True))
    assert used <= set(Certainty.values)
    assert used == set(Certainty.values)


def test_the_old_share_of_recovery_figure_is_not_in_the_content():
    texts = []
    for principle in Principle.objects.all():
        texts += [principle.summary_nb, principle.summary_en, principle.body_nb, principle.body_en]
    for finding in Finding.objects.all():
        texts += [finding.summary_nb, finding.summary_en, finding.caveat_nb, finding.caveat_en]
    for text in texts:
        assert not OLD_CLAIM.search(text), text


def test_motivate_dont_refer_is_stated_as_the_evidence_supports_it():
    principle = Principle.objects.get(slug="motiver-ikke-henvis")
    # What the trials compare ...
    assert "møteliste" in principle.body_nb and "meeting list" in principle.body_en
    # ... and what they do not show.
    assert "ikke vist at en henvisning i seg selv" in principle.body_nb
    assert "has not shown that a referral in itself" in principle.body_en
    for text in (principle.body_en, principle.summary_en):
        assert "referral removes motivation" not in text.lower()


def test_unchecked_dois_are_marked_as_such():
    assert set(Source.objects.filter(doi_checked=False).values_list("key", flat=True)) == {
        "kownacki-1999",
        "walsh-1991",
        "wampold-1997",
    }


def test_the_database_refuses_a_source_without_doi_or_url():
    source = Source(
        key="nowhere", authors="X, Y.", year=2000, title="T", container="C", kind="report"
    )
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "Oppgi en DOI eller en nettadresse" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        source.save()
    assert not Source.objects.filter(key="nowhere").exists()
