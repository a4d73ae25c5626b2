"""Numbered references for a page: each source gets one number, in order of first citation."""

from dataclasses import dataclass, field


@dataclass
class NumberedReferences:
    sources: list = field(default_factory=list)
    numbers: dict = field(default_factory=dict)

    def cite(self, source):
        if source.pk not in self.numbers:
            self.sources.append(source)
            self.numbers[source.pk] = len(self.sources)
        return self.numbers[source.pk]


def number_references(principles):
    """Give every finding of the (prefetched) principles a ``ref_number``; return the list.

    The list is in citation order, so reference [1] is the first source the reader meets.
    Works on prefetched findings only: it runs no queries of its own.
    """
    references = NumberedReferences()
    for principle in principles:
        for finding in principle.findings.all():
            finding.ref_number = references.cite(finding.source)
    for number, source in enumerate(references.sources, start=1):
        source.ref_number = number
    return references.sources
