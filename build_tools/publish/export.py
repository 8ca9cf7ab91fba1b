"""Machine-readable views of the model: the ``parse --json`` object (see DESIGN.md)."""

from __future__ import annotations

from ..classify.catalogue import CatalogueReport, item_text
from ..classify.organisations import Addressee
from ..diagnostics import Diagnostic


def _addressee_json(item: Addressee) -> dict[str, object]:
    data: dict[str, object] = {"written": item.written, "name": item.name, "id": item.id}
    if item.organisation is not None:
        data["kind"] = item.organisation.kind
    if item.collective is not None:
        data["collective"] = True
        data["members"] = [org.id for org in item.members]
    return data


def report_json(entry: CatalogueReport, diagnostics: list[Diagnostic]) -> dict[str, object]:
    """The JSON object printed by ``python -m build_tools parse PATH --json``."""
    resolved = entry.resolved
    report = resolved.report
    named = entry.organisations

    def iso(value: object) -> str | None:
        return value.isoformat() if value is not None else None  # type: ignore[attr-defined]

    return {
        "source": report.source,
        "slug": report.slug,
        "title": report.title,
        "area": report.area,
        "publication_date": iso(report.publication_date),
        "review_start": iso(report.review_start),
        "review_end": iso(report.review_end),
        "inspectors": list(report.inspectors),
        "providers": [item.name for item in named.providers],
        "provider_ids": [item.id for item in named.providers],
        "ccgs": [item.name for item in named.ccgs],
        "ccg_ids": [item.id for item in named.ccgs],
        "nhs_england_area": report.nhs_england_area,
        "cqc_region": report.cqc_region,
        "subtitle": list(report.subtitle),
        "cover": [
            {"label": row.label, "value": row.value, "line": row.line} for row in report.cover
        ],
        "sections": [
            {
                "title": heading.title,
                "line": heading.line,
                "anchor": heading.anchor,
                "level": heading.level,
                "number": heading.number,
            }
            for heading in report.sections
        ],
        "findings": [
            {
                "id": finding.id,
                "line": finding.line,
                "anchor": finding.anchor,
                "section": finding.section,
                "text": item_text(finding),
                "cites": list(finding.cites),
            }
            for finding in report.findings
        ],
        "recommendation_groups": [
            {
                "number": group.number,
                "line": group.line,
                "anchor": group.anchor,
                "addressees_raw": group.addressees_raw,
                "organisations": [item.name for item in addressees],
                "organisation_ids": [item.id for item in addressees],
                "addressees": [_addressee_json(item) for item in addressees],
            }
            for group, addressees in zip(report.groups, named.groups, strict=True)
        ],
        "recommendations": [
            {
                "id": rec.id,
                "group": rec.group,
                "line": rec.line,
                "anchor": rec.anchor,
                "text": item_text(rec),
                "cited_by": list(resolved.cited_by.get(rec.id, ()))
                if resolved.rec_anchors.get(rec.id) == rec.anchor
                else [],
            }
            for rec in report.recommendations
        ],
        "citations": [
            {"finding": citation.finding, "recs": list(citation.recs), "line": citation.line}
            for citation in report.citations
        ],
        "public_health_notes": [
            {"finding": note.finding, "line": note.line} for note in report.public_health_notes
        ],
        "case_examples": [
            {
                "label": example.label,
                "line": example.line,
                "after_finding": example.after_finding,
                "anchor": example.anchor,
                "section": example.section,
            }
            for example in report.case_examples
        ],
        "diagnostics": [item.to_json() for item in diagnostics],
    }
