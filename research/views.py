from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from research.models import CERTAINTY_EXPLANATIONS, Certainty, Principle
from research.qr import qr_svg
from research.references import number_references


def certainty_levels():
    return [
        {"value": value, "label": label, "explanation": CERTAINTY_EXPLANATIONS[value]}
        for value, label in Certainty.choices
    ]


class ResearchIndexView(TemplateView):
    """Every principle with its findings, numbered references and the citation list at the end."""

    template_name = "research/index.html"

    def get_context_data(self, **kwargs):
        principles = list(Principle.objects.published().with_findings_and_sources())
        return super().get_context_data(
            principles=principles,
            references=number_references(principles),
            certainty_levels=certainty_levels(),
            **kwargs,
        )


class PrincipleDetailView(TemplateView):
    """One principle in depth, with its own numbered references."""

    template_name = "research/principle.html"

    def get_context_data(self, **kwargs):
        principles = list(Principle.objects.published().only("slug", "title_nb", "title_en"))
        principle = get_object_or_404(
            Principle.objects.published().with_findings_and_sources(), slug=self.kwargs["slug"]
        )
        return super().get_context_data(
            principle=principle,
            other_principles=[p for p in principles if p.pk != principle.pk],
            references=number_references([principle]),
            certainty_levels=certainty_levels(),
            **kwargs,
        )


class ProfessionalsView(TemplateView):
    """For health and welfare staff: how to inform and motivate, and what to tell a patient."""

    template_name = "research/professionals.html"

    def get_context_data(self, **kwargs):
        principles = Principle.objects.published().only("slug", "title_nb", "title_en")
        return super().get_context_data(principles=principles, **kwargs)


class HandoutView(TemplateView):
    """One A4 page a professional can print and give to a patient: with the centre's web
    address and a QR code that opens the sign-up, in the handout's language."""

    template_name = "research/handout.html"

    def get_context_data(self, **kwargs):
        # A URL name, not an import: research stays apart from the groups app.
        signup_url = settings.SITE_URL + reverse("groups:signup")
        return super().get_context_data(
            site_address=settings.SITE_URL.split("://", 1)[-1],
            signup_url=signup_url,
            signup_qr=mark_safe(qr_svg(signup_url)),  # noqa: S308 (segno's own SVG, no input)
            **kwargs,
        )
