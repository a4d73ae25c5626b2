"""The evidence behind the centre's way of working: principles, the sources, and what each found.

Content is written in Norwegian bokmål and English side by side (``*_nb`` / ``*_en`` fields),
because staff edit it as text, not as translation catalogues. The ``title``/``summary``/``body``
properties pick the active language and fall back to Norwegian when the English is empty.
"""

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def active_language_is_english():
    return (get_language() or "nb").lower().startswith("en")


class BilingualMixin:
    """Read ``<name>_en`` in English and ``<name>_nb`` otherwise, falling back to Norwegian."""

    def localised(self, name):
        norwegian = getattr(self, f"{name}_nb")
        if active_language_is_english():
            return getattr(self, f"{name}_en") or norwegian
        return norwegian


class Certainty(models.TextChoices):
    HIGH = "high", _("High")
    MODERATE = "moderate", _("Moderate")
    LOW = "low", _("Low")
    EXPERT_OPINION = "expert_opinion", _("Expert opinion")


# What each level means, in words a reader can use. Shown next to every finding and explained once
# at the top of the research page.
CERTAINTY_EXPLANATIONS = {
    Certainty.HIGH: _(
        "Several good studies point the same way. New research is unlikely to change the "
        "conclusion much."
    ),
    Certainty.MODERATE: _(
        "One good trial or a few studies with some weaknesses. The finding is probably right, "
        "but new research could change it."
    ),
    Certainty.LOW: _(
        "Few, old or weak studies, or studies of something only partly like our groups. Read it "
        "as a pointer, not as proof."
    ),
    Certainty.EXPERT_OPINION: _(
        "A recommendation or a reasoned view from experts or a public body, not a result measured "
        "in a study."
    ),
}


class SourceKind(models.TextChoices):
    META_ANALYSIS = "meta_analysis", _("Meta-analysis")
    SYSTEMATIC_REVIEW = "systematic_review", _("Systematic review")
    TRIAL = "trial", _("Randomised trial")
    STUDY = "study", _("Other study")
    REVIEW = "review", _("Review article")
    GUIDELINE = "guideline", _("National guideline")
    REPORT = "report", _("Report")
    TALK = "talk", _("Talk")


class PrincipleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_findings_and_sources(self):
        """Principles with their findings and each finding's source: two queries in all."""
        findings = Finding.objects.select_related("source").order_by("order", "pk")
        return self.prefetch_related(Prefetch("findings", queryset=findings))

    def with_finding_count(self):
        return self.annotate(finding_count=Count("findings"))


class Principle(BilingualMixin, models.Model):
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the page address, e.g. frivillighet."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    title_nb = models.CharField(_("title (Norwegian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_nb = models.TextField(
        _("short summary (Norwegian)"), help_text=_("One or two sentences.")
    )
    summary_en = models.TextField(
        _("short summary (English)"), help_text=_("One or two sentences.")
    )
    body_nb = models.TextField(
        _("body (Norwegian)"), help_text=_("Plain text. A blank line starts a new paragraph.")
    )
    body_en = models.TextField(
        _("body (English)"), help_text=_("Plain text. A blank line starts a new paragraph.")
    )

    objects = PrincipleQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self):
        return self.title_nb

    def get_absolute_url(self):
        return reverse("research:principle", kwargs={"slug": self.slug})

    @property
    def anchor(self):
        return f"prinsipp-{self.slug}"

    @property
    def title(self):
        return self.localised("title")

    @property
    def summary(self):
        return self.localised("summary")

    @property
    def body(self):
        return self.localised("body")


class Source(BilingualMixin, models.Model):
    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("A short unique name, e.g. timko-2006."),
    )
    authors = models.CharField(_("authors"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    container = models.CharField(
        _("journal or publisher"),
        max_length=300,
        help_text=_("The journal, or for a book or report its publisher."),
    )
    volume_pages = models.CharField(
        _("volume and pages"),
        max_length=100,
        blank=True,
        help_text=_("For example 34(13), 1897–1916."),
    )
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, help_text=_("Only the DOI, e.g. 10.1111/add.12471.")
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    doi_checked = models.BooleanField(
        _("DOI checked"),
        default=True,
        help_text=_(
            "Untick when the DOI could not be checked against the publisher. Readers then see "
            "that it is unchecked."
        ),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=SourceKind.choices)
    note_nb = models.CharField(
        _("note on the reference (Norwegian)"),
        max_length=300,
        blank=True,
        help_text=_("For example that page numbers are not checked."),
    )
    note_en = models.CharField(_("note on the reference (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["authors", "year"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            # A reader must always be able to look a source up.
            models.CheckConstraint(
                condition=~Q(doi="") | ~Q(url=""),
                name="research_source_has_doi_or_url",
                violation_error_message=_("Give a DOI or a web address, so readers can find it."),
            ),
        ]

    def __str__(self):
        return f"{self.short_citation}: {self.title}"

    @property
    def short_citation(self):
        """ "Kelly et al. (2020)", "Kownacki & Shadish (1999)" or "Helsedirektoratet (2016)"."""
        first = self.authors.split(",")[0].strip()
        if "et al" in self.authors or ("&" in self.authors and self.authors.count(".,") >= 2):
            names = f"{first} et al."
        elif "&" in self.authors:
            names = f"{first} & {self.authors.split('&', 1)[1].split(',')[0].strip()}"
        else:
            names = first
        return f"{names} ({self.year})"

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self):
        """Where a reader can find the source: the DOI resolver first, else the web address."""
        return self.doi_url or self.url

    @property
    def note(self):
        return self.localised("note")


class Finding(BilingualMixin, models.Model):
    principle = models.ForeignKey(
        Principle, on_delete=models.CASCADE, related_name="findings", verbose_name=_("principle")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="findings", verbose_name=_("source")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    summary_nb = models.TextField(
        _("what it found (Norwegian)"), help_text=_("In plain words, no stronger than the source.")
    )
    summary_en = models.TextField(
        _("what it found (English)"), help_text=_("In plain words, no stronger than the source.")
    )
    certainty = models.CharField(_("certainty"), max_length=20, choices=Certainty.choices)
    caveat_nb = models.TextField(
        _("limits (Norwegian)"),
        blank=True,
        help_text=_("Why the certainty is what it is, and what the finding does not show."),
    )
    caveat_en = models.TextField(_("limits (English)"), blank=True)

    class Meta:
        ordering = ["principle", "order", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return f"{self.principle.title_nb} – {self.source.short_citation}"

    @property
    def summary(self):
        return self.localised("summary")

    @property
    def caveat(self):
        return self.localised("caveat")

    @property
    def certainty_explanation(self):
        return CERTAINTY_EXPLANATIONS.get(self.certainty, "")
