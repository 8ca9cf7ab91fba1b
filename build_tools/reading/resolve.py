"""Resolve citations once every report is parsed: link findings and recommendations both ways.

Like a cross-reference that stays pending until all documents are read, a citation is only
checked here: a cited id that no recommendation carries is a ``dangling-citation`` warning (the
page keeps the words but makes no link), and a recommendation that no finding cites is an
``uncited-recommendation`` warning. Reports that would share a published address are refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..model import Report


@dataclass(frozen=True, slots=True)
class ResolvedReport:
    """A report with its citations checked and linked both ways."""

    report: Report
    """The parsed report."""
    cited_by: dict[str, tuple[str, ...]]
    """Recommendation id → ids of the findings that cite it, in source order, no repeats."""
    rec_anchors: dict[str, str]
    """Recommendation id → anchor of its first instance (targets of citation links)."""
    finding_anchors: dict[str, str]
    """Finding id → anchor of its first instance (targets of evidence back-links)."""
    dangling: frozenset[str]
    """Cited ids that match no recommendation."""


def resolve_report(report: Report) -> tuple[ResolvedReport, list[Diagnostic]]:
    """Check one report's citations against its own recommendations."""
    found: list[Diagnostic] = []
    rec_anchors: dict[str, str] = {}
    for rec in report.recommendations:
        rec_anchors.setdefault(rec.id, rec.anchor)
    finding_anchors: dict[str, str] = {}
    for finding in report.findings:
        finding_anchors.setdefault(finding.id, finding.anchor)
    cited_by: dict[str, list[str]] = {rec_id: [] for rec_id in rec_anchors}
    dangling: set[str] = set()
    for citation in report.citations:
        for rec_id in citation.recs:
            if rec_id not in rec_anchors:
                dangling.add(rec_id)
                where = f"finding {citation.finding}" if citation.finding else "the text"
                ids = {"rec": rec_id}
                if citation.finding:
                    ids["finding"] = citation.finding
                found.append(
                    diag.make(
                        report.source,
                        citation.line,
                        "dangling-citation",
                        f"{where} cites recommendation {rec_id}, which does not exist in this "
                        "report",
                        **ids,
                    )
                )
                continue
            if citation.finding and citation.finding not in cited_by[rec_id]:
                cited_by[rec_id].append(citation.finding)
    for rec in report.recommendations:
        if rec.anchor == rec_anchors[rec.id] and not cited_by[rec.id]:
            found.append(
                diag.make(
                    report.source,
                    rec.line,
                    "uncited-recommendation",
                    f"recommendation {rec.id} is not cited by any finding",
                    rec=rec.id,
                )
            )
    resolved = ResolvedReport(
        report=report,
        cited_by={key: tuple(value) for key, value in cited_by.items()},
        rec_anchors=rec_anchors,
        finding_anchors=finding_anchors,
        dangling=frozenset(dangling),
    )
    return resolved, found


def resolve_reports(reports: list[Report]) -> tuple[list[ResolvedReport], list[Diagnostic]]:
    """Resolve every report; refuse a report whose address another report already took."""
    found: list[Diagnostic] = []
    taken: dict[str, str] = {}
    resolved: list[ResolvedReport] = []
    for report in sorted(reports, key=lambda item: item.source):
        if report.slug in taken:
            found.append(
                diag.make(
                    report.source,
                    0,
                    "duplicate-slug",
                    f"report would be published at /reports/{report.slug}/, which "
                    f"{taken[report.slug]} already uses; this report is skipped",
                )
            )
            continue
        taken[report.slug] = report.source
        one, problems = resolve_report(report)
        resolved.append(one)
        found.extend(problems)
    resolved.sort(key=lambda item: (item.report.publication_date is None, item.report.slug))
    return resolved, found
