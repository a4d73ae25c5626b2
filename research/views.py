from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from research.models import CERTAINTY_EXPLANATIONS, Certainty, Principle
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
    """One A4 page a professional can print and give to a patient."""

    template_name = "research/handout.html"
