"""The classify stage: every resolved report with what it names and what it is about.

A :class:`Catalogue` is what the renderer reads: reports in publication order, each with its
resolved organisations and theme assignments, plus the site-wide results (the registry, the
taxonomy, similar recommendations across reports and the clusters that recur), so site-wide
pages can be rendered without going back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..model import Finding, Recommendation
from ..reading.inline import plain_text
from ..reading.resolve import ResolvedReport
from .organisations import Registry, ReportOrganisations, classify_organisations
from .similarity import THRESHOLD, Item, clusters, similar_pairs
from .themes import Assignment, Override, Taxonomy, apply_overrides, classify_text


def item_text(item: Finding | Recommendation) -> str:
    """Plain text of a finding or recommendation, its continuation paragraphs included."""
    parts = [plain_text(part) for part in (item.text, *(extra.text for extra in item.continuation))]
    return "\n\n".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class CatalogueReport:
    """One report with everything resolved about it."""

    resolved: ResolvedReport
    """The report and its citations."""
    organisations: ReportOrganisations
    """Its addressees, cover lists and mentions, resolved against the registry."""
    themes: dict[str, tuple[Assignment, ...]] = field(default_factory=dict)
    """Anchor of a recommendation or finding → its themes, with evidence."""


@dataclass(frozen=True, slots=True)
class Similar:
    """A similar recommendation in another report."""

    report: str
    """Report slug."""
    anchor: str
    """Anchor of the recommendation."""
    score: float
    """Cosine similarity."""


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything the site shows."""

    reports: tuple[CatalogueReport, ...]
    """Reports in the order the resolve stage gave (publication date, then slug)."""
    registry: Registry
    """The organisations registry."""
    taxonomy: Taxonomy = field(default_factory=lambda: Taxonomy(""))
    """The themes taxonomy."""
    similar: dict[tuple[str, str], tuple[Similar, ...]] = field(default_factory=dict)
    """(report slug, rec anchor) → similar recommendations in other reports, best first."""
    recurring: tuple[tuple[tuple[str, str], ...], ...] = ()
    """Clusters of similar recommendations spanning at least three reports."""
    threshold: float = THRESHOLD
    """The similarity threshold used."""


def _themes(
    resolved: ResolvedReport, taxonomy: Taxonomy, overrides: tuple[Override, ...]
) -> dict[str, tuple[Assignment, ...]]:
    report = resolved.report
    assigned: dict[str, tuple[Assignment, ...]] = {}
    items: list[Finding | Recommendation] = [*report.findings, *report.recommendations]
    for item in items:
        themes = classify_text(item_text(item), taxonomy)
        assigned[item.anchor] = apply_overrides(f"{report.slug}#{item.anchor}", themes, overrides)
    return assigned


def classify(
    reports: list[ResolvedReport],
    registry: Registry,
    taxonomy: Taxonomy | None = None,
    overrides: tuple[Override, ...] = (),
) -> tuple[Catalogue, list[Diagnostic]]:
    """Resolve organisations and themes for every report, then compare recommendations."""
    taxonomy = taxonomy or Taxonomy("")
    found: list[Diagnostic] = []
    entries: list[CatalogueReport] = []
    for resolved in reports:
        organisations, problems = classify_organisations(resolved, registry)
        found.extend(problems)
        entries.append(
            CatalogueReport(resolved, organisations, _themes(resolved, taxonomy, overrides))
        )
    known = {
        f"{entry.resolved.report.slug}#{anchor}" for entry in entries for anchor in entry.themes
    }
    for override in overrides:
        if override.item not in known:
            found.append(
                diag.make(
                    taxonomy.path.replace("themes.yml", "theme_overrides.yml"),
                    override.line,
                    "override-unmatched",
                    f"override for {override.item} matches no recommendation or finding",
                )
            )
    items = [
        Item(entry.resolved.report.slug, rec.anchor, item_text(rec))
        for entry in entries
        for rec in entry.resolved.report.recommendations
    ]
    pairs = similar_pairs(items)
    similar: dict[tuple[str, str], list[Similar]] = {}
    for pair in pairs:
        a, b = items[pair.first], items[pair.second]
        similar.setdefault((a.report, a.anchor), []).append(Similar(b.report, b.anchor, pair.score))
        similar.setdefault((b.report, b.anchor), []).append(Similar(a.report, a.anchor, pair.score))
    recurring = tuple(
        tuple((items[i].report, items[i].anchor) for i in members)
        for members in clusters(items, pairs)
    )
    catalogue = Catalogue(
        reports=tuple(entries),
        registry=registry,
        taxonomy=taxonomy,
        similar={
            key: tuple(sorted(value, key=lambda s: (-s.score, s.report, s.anchor)))
            for key, value in similar.items()
        },
        recurring=recurring,
    )
    return catalogue, found
