"""The downloads: every recommendation and finding as CSV and JSON, for spreadsheets and code.

Columns follow DESIGN.md. The CSV files are UTF-8 with a byte order mark, because Excel opens
a CSV without one in the legacy Windows code page and garbles names such as "Barnardo’s";
rows end in CRLF as RFC 4180 asks. Text columns are plain text (no Markdown).
"""

from __future__ import annotations

import csv
import io
import json

from ..classify.catalogue import Catalogue, CatalogueReport, item_text

RECOMMENDATION_COLUMNS = (
    "report",
    "area",
    "publication_date",
    "group",
    "id",
    "text",
    "addressees",
    "themes",
    "cited_by",
    "permalink",
)
FINDING_COLUMNS = (
    "report",
    "area",
    "publication_date",
    "section",
    "id",
    "text",
    "cites",
    "themes",
    "permalink",
)


def permalink(site_url: str, slug: str, anchor: str) -> str:
    """Absolute when the site's address is known, else relative to the site's root."""
    relative = f"reports/{slug}/#{anchor}"
    return f"{site_url.rstrip('/')}/{relative}" if site_url else relative


def _common(entry: CatalogueReport) -> dict[str, object]:
    report = entry.resolved.report
    return {
        "report": report.slug,
        "area": report.area,
        "publication_date": report.publication_date.isoformat() if report.publication_date else "",
    }


def recommendation_rows(catalogue: Catalogue, site_url: str = "") -> list[dict[str, object]]:
    """One row per recommendation, lists as lists."""
    rows: list[dict[str, object]] = []
    for entry in catalogue.reports:
        resolved = entry.resolved
        report = resolved.report
        for group, addressees in zip(report.groups, entry.organisations.groups, strict=True):
            # A collective ("Staffordshire CCGs") stands for its members, named one by one
            # so that a spreadsheet filter on one CCG finds it.
            names: list[str] = []
            for item in addressees:
                names.extend([org.name for org in item.members] or [item.name])
            for rec in group.recommendations:
                first = resolved.rec_anchors.get(rec.id) == rec.anchor
                rows.append(
                    {
                        **_common(entry),
                        "group": group.number,
                        "id": rec.id,
                        "text": item_text(rec),
                        "addressees": list(dict.fromkeys(names)),
                        "themes": [a.theme for a in entry.themes.get(rec.anchor, ())],
                        "cited_by": list(resolved.cited_by.get(rec.id, ())) if first else [],
                        "permalink": permalink(site_url, report.slug, rec.anchor),
                    }
                )
    return rows


def finding_rows(catalogue: Catalogue, site_url: str = "") -> list[dict[str, object]]:
    """One row per finding, lists as lists."""
    rows: list[dict[str, object]] = []
    for entry in catalogue.reports:
        report = entry.resolved.report
        for finding in report.findings:
            rows.append(
                {
                    **_common(entry),
                    "section": finding.section,
                    "id": finding.id,
                    "text": item_text(finding),
                    "cites": list(finding.cites),
                    "themes": [a.theme for a in entry.themes.get(finding.anchor, ())],
                    "permalink": permalink(site_url, report.slug, finding.anchor),
                }
            )
    return rows


# A spreadsheet reads a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell: lists joined with "; ", and text that a spreadsheet would run as a formula
    (``=HYPERLINK(…)``) given a leading apostrophe, which spreadsheets show as text."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, object]], columns: tuple[str, ...]) -> str:
    """CSV text with a byte order mark; see :func:`_cell` for lists and formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return "\ufeff" + buffer.getvalue()


def to_json(rows: list[dict[str, object]]) -> str:
    """Pretty, stable JSON."""
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def render_downloads(catalogue: Catalogue, site_url: str = "") -> dict[str, str]:
    """The download files, keyed by their path inside ``docs/``."""
    recs = recommendation_rows(catalogue, site_url)
    findings = finding_rows(catalogue, site_url)
    return {
        "downloads/recommendations.csv": to_csv(recs, RECOMMENDATION_COLUMNS),
        "downloads/recommendations.json": to_json(recs),
        "downloads/findings.csv": to_csv(findings, FINDING_COLUMNS),
        "downloads/findings.json": to_json(findings),
    }
