"""Render resolved reports into Markdown pages: pure functions, no I/O.

Templates live in ``build_tools/templates``. Every value a template prints is escaped for
Markdown unless it is already :class:`Md` (text this module produced from the model through
:func:`build_tools.inline.to_markdown`), so report text can never turn into markup, HTML or
template code by accident.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import jinja2

from . import inline
from .dates import format_date
from .model import (
    CaseExample,
    Finding,
    Heading,
    Label,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Recommendation,
    RecommendationGroup,
    Table,
)
from .parse import public_health_split
from .resolve import ResolvedReport

OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CQC_URL = "https://www.cqc.org.uk/"
GENERATED_KEY = "generated_by"


class Md(str):
    """Markdown that is already safe to print as is."""

    __slots__ = ()


def _finalize(value: object) -> object:
    if isinstance(value, Md):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if value is None:
        return ""
    return inline.escape(str(value), line_start=False)


def _yaml_string(value: str) -> Md:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return Md(json.dumps(value, ensure_ascii=False))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("build_tools", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml_string
    env.globals["raw"] = Md
    env.filters["date"] = lambda d: format_date(d) if d else ""
    env.filters["indent4"] = lambda text: Md(
        "\n".join(("    " + line) if line else line for line in str(text).split("\n"))
    )
    return env


_ENV = _environment()


@dataclass(frozen=True, slots=True)
class ReportView:
    """What the report template needs beyond the model: link targets and safe text."""

    resolved: ResolvedReport

    def inline(self, markup: str) -> Md:
        """Source markup → safe Markdown with citation links."""
        return Md(inline.to_markdown(markup, self._target))

    def _target(self, rec_id: str) -> str | None:
        anchor = self.resolved.rec_anchors.get(rec_id)
        return f"#{anchor}" if anchor else None

    def split_public_health(self, markup: str) -> tuple[str, str] | None:
        """(paragraph, note) when the text refers a matter to public health."""
        return public_health_split(markup)

    def evidence(self, rec: Recommendation) -> list[tuple[str, str]]:
        """(finding id, anchor) for each finding citing ``rec``."""
        anchors = self.resolved.finding_anchors
        return [(fid, anchors[fid]) for fid in self.resolved.cited_by.get(rec.id, ())]

    def is_first(self, rec: Recommendation) -> bool:
        """False for the second instance of a duplicated recommendation id."""
        return self.resolved.rec_anchors.get(rec.id) == rec.anchor

    def kind(self, block: object) -> str:
        """Template dispatch key for a block."""
        kinds: dict[type, str] = {
            Heading: "heading",
            Paragraph: "paragraph",
            Quote: "quote",
            ListItem: "item",
            Table: "table",
            Label: "label",
            Note: "note",
            Finding: "finding",
            CaseExample: "example",
            RecommendationGroup: "group",
        }
        return kinds[type(block)]

    def chunks(self, blocks: tuple[Any, ...]) -> list[tuple[str, list[Any]]]:
        """Group consecutive list items so each list renders as one Markdown list."""
        grouped: list[tuple[str, list[Any]]] = []
        for block in blocks:
            kind = self.kind(block)
            if kind == "item" and grouped and grouped[-1][0] == "list":
                grouped[-1][1].append(block)
            else:
                grouped.append(("list" if kind == "item" else kind, [block]))
        return grouped

    def table_rows(self, table: Table) -> list[list[str]]:
        """Rows padded to the widest row."""
        width = max(len(row) for row in table.rows)
        return [list(row) + [""] * (width - len(row)) for row in table.rows]

    @property
    def uncited(self) -> list[Recommendation]:
        """Recommendations that no finding cites."""
        return [
            rec
            for rec in self.resolved.report.recommendations
            if self.is_first(rec) and not self.resolved.cited_by.get(rec.id)
        ]

    @property
    def dangling(self) -> list[tuple[str, str]]:
        """(finding id or '', rec id) for every citation of a missing recommendation."""
        return [
            (citation.finding or "", rec_id)
            for citation in self.resolved.report.citations
            for rec_id in citation.recs
            if rec_id in self.resolved.dangling
        ]


def report_page_path(slug: str) -> str:
    """Path of a report page inside ``docs/``."""
    return f"reports/{slug}.md"


def render_report(resolved: ResolvedReport) -> str:
    """The Markdown page of one report."""
    view = ReportView(resolved)
    text = _ENV.get_template("report.md.j2").render(
        report=resolved.report,
        view=view,
        ogl_url=Md(OGL_URL),
        cqc_url=Md(CQC_URL),
        key=Md(GENERATED_KEY),
    )
    return tidy(text)


def tidy(markdown: str) -> str:
    """At most one blank line between blocks, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in markdown.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_site(reports: list[ResolvedReport]) -> dict[str, str]:
    """Every generated page, keyed by its path inside ``docs/``."""
    pages: dict[str, str] = {}
    for resolved in reports:
        pages[report_page_path(resolved.report.slug)] = render_report(resolved)
    totals = {
        "reports": len(reports),
        "findings": sum(len(r.report.findings) for r in reports),
        "recommendations": sum(len(r.report.recommendations) for r in reports),
    }
    by_date = sorted(
        reports,
        key=lambda r: (r.report.publication_date is None, r.report.publication_date, r.report.slug),
    )
    pages["reports/index.md"] = tidy(
        _ENV.get_template("reports_index.md.j2").render(
            reports=by_date, key=Md(GENERATED_KEY), totals=totals
        )
    )
    pages["index.md"] = tidy(
        _ENV.get_template("home.md.j2").render(
            reports=by_date, key=Md(GENERATED_KEY), totals=totals
        )
    )
    return pages
