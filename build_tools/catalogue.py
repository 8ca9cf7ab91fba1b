"""The classify stage's result: every resolved report with what it names and is about.

A :class:`Catalogue` is what the renderer reads: reports in publication order, each with its
resolved organisations, plus the registry, so that site-wide pages (providers, themes) can be
rendered without going back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic
from .organisations import Registry, ReportOrganisations, classify_organisations
from .resolve import ResolvedReport


@dataclass(frozen=True, slots=True)
class CatalogueReport:
    """One report with everything resolved about it."""

    resolved: ResolvedReport
    """The report and its citations."""
    organisations: ReportOrganisations
    """Its addressees, cover lists and mentions, resolved against the registry."""


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything the site shows."""

    reports: tuple[CatalogueReport, ...]
    """Reports in the order the resolve stage gave (publication date, then slug)."""
    registry: Registry
    """The organisations registry."""


def classify(
    reports: list[ResolvedReport], registry: Registry
) -> tuple[Catalogue, list[Diagnostic]]:
    """Resolve organisations for every report."""
    found: list[Diagnostic] = []
    entries: list[CatalogueReport] = []
    for resolved in reports:
        organisations, problems = classify_organisations(resolved, registry)
        found.extend(problems)
        entries.append(CatalogueReport(resolved, organisations))
    return Catalogue(tuple(entries), registry), found
