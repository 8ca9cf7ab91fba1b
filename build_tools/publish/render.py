"""Render resolved reports into Markdown pages: pure functions, no I/O.

Templates live in ``build_tools/publish/templates``. Every value a template prints is escaped
for Markdown unless it is already :class:`Md` (text this module produced from the model through
:func:`build_tools.reading.inline.to_markdown`), so report text can never turn into markup, HTML
or template code by accident.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

import jinja2

from ..classify.catalogue import Catalogue, CatalogueReport, item_text
from ..classify.organisations import KINDS, Addressee, Organisation
from ..classify.themes import Assignment, Theme
from ..model import (
    CaseExample,
    CoverRow,
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
from ..reading import inline
from ..reading.dates import format_date
from ..reading.inline import plain_text
from ..reading.parse import public_health_split
from ..reading.resolve import ResolvedReport
from .downloads import (
    FINDING_COLUMNS,
    RECOMMENDATION_COLUMNS,
    finding_rows,
    recommendation_rows,
    render_downloads,
)

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


def _html_text(value: str) -> str:
    """``value`` escaped for HTML text and double-quoted attributes (apostrophes kept)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def _yaml_string(value: str) -> Md:
    """A front-matter value: a YAML double-quoted scalar (JSON strings are valid YAML) of the
    text escaped for HTML, as MkDocs' themes print ``title`` and ``description`` into pages
    (and into attributes) without escaping them."""
    return Md(json.dumps(_html_text(value), ensure_ascii=False))


def _attribute(value: object) -> Md:
    """Text for an HTML attribute's value in double quotes."""
    return Md(_html_text(str(value)))


def _line_start(value: object) -> Md:
    """Text printed at the start of a line of Markdown (where ``#``, ``-`` and ``1.`` mean
    something)."""
    return Md(inline.escape(str(value), line_start=True))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("build_tools.publish", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml_string
    env.filters["attr"] = _attribute
    env.filters["line_start"] = _line_start
    env.globals["raw"] = Md
    env.filters["date"] = lambda d: format_date(d) if d else ""
    return env


_ENV = _environment()


def provider_link(org_id: str, prefix: str) -> str:
    """Relative link from a page in ``docs/<folder>/`` to an organisation's page."""
    return f"{prefix}providers/{org_id}.md"


def _addressee_md(item: Addressee, prefix: str, canonical: bool = False) -> Md:
    """An addressee as written (or by its canonical name), linked to its organisation's page."""
    if item.organisation is not None:
        label = item.organisation.name if canonical else item.written
        return Md(f"[{inline.escape(label, False)}]({provider_link(item.organisation.id, prefix)})")
    if item.collective is not None:
        members = ", ".join(
            f"[{inline.escape(org.name, False)}]({provider_link(org.id, prefix)})"
            for org in item.members
        )
        said = f" (in this report: {members})" if members else ""
        return Md(f"{inline.escape(item.written, False)}{said}")
    return Md(
        f'{inline.escape(item.written, False)} <span class="clas-flag" '
        'title="This name is not in the organisations registry">(not in the organisations '
        "list)</span>"
    )


def _names_md(text: str, items: tuple[Addressee, ...], prefix: str) -> Md:
    """``text`` with every resolved name in it linked, every other character kept."""
    out: list[str] = []
    position = 0
    for item in sorted(items, key=lambda a: a.start):
        if (
            item.start < position
            or text[item.start : item.start + len(item.written)] != item.written
        ):
            continue
        out.append(inline.escape(text[position : item.start], not out))
        out.append(_addressee_md(item, prefix))
        position = item.start + len(item.written)
    out.append(inline.escape(text[position:], not out))
    return Md("".join(out))


@dataclass(frozen=True, slots=True)
class ReportView:
    """What the report template needs beyond the model: link targets and safe text."""

    entry: CatalogueReport
    catalogue: Catalogue
    redirected: dict[str, list[str]]

    def aliases(self, anchor: str) -> Md:
        """Empty anchors for old addresses that now point at ``anchor``."""
        address = f"reports/{self.resolved.report.slug}/#{anchor}"
        return Md(
            "".join(
                f'<span id="{old}" class="clas-alias"></span>'
                for old in self.redirected.get(address, [])
            )
        )

    def themes(self, rec: Recommendation) -> list[tuple[Theme, Assignment]]:
        """The recommendation's themes with the evidence for each."""
        found: list[tuple[Theme, Assignment]] = []
        for assignment in self.entry.themes.get(rec.anchor, ()):
            theme = self.catalogue.taxonomy.get(assignment.theme)
            if theme is not None:
                found.append((theme, assignment))
        return found

    def similar(self, rec: Recommendation) -> list[tuple[str, str, float]]:
        """(label, link, score) of similar recommendations in other reports."""
        key = (self.resolved.report.slug, rec.anchor)
        out: list[tuple[str, str, float]] = []
        # Look up only the few reports that hold similar items: building full tables per
        # recommendation made rendering grow with the square of the corpus (benchmark).
        for item in self.catalogue.similar.get(key, ())[:5]:
            other = next(
                e.resolved for e in self.catalogue.reports if e.resolved.report.slug == item.report
            )
            rec_id = next(r.id for r in other.report.recommendations if r.anchor == item.anchor)
            year = f" {other.report.year}" if other.report.year else ""
            label = f"{other.report.area}{year} recommendation {rec_id}"
            out.append((label, f"{item.report}.md#{item.anchor}", item.score))
        return out

    @property
    def resolved(self) -> ResolvedReport:
        """The report with its citations resolved."""
        return self.entry.resolved

    def inline(self, markup: str) -> Md:
        """Source markup → safe Markdown with citation links."""
        return Md(inline.to_markdown(markup, self._target))

    def _target(self, rec_id: str) -> str | None:
        anchor = self.resolved.rec_anchors.get(rec_id)
        return f"#{anchor}" if anchor else None

    def addressees(self, group: RecommendationGroup) -> Md:
        """The group's addressees, each linked to its organisation's page."""
        items = self._group_addressees(group)
        return Md("; ".join(_addressee_md(item, "../") for item in items))

    def _group_addressees(self, group: RecommendationGroup) -> tuple[Addressee, ...]:
        for candidate, items in zip(
            self.resolved.report.groups, self.entry.organisations.groups, strict=True
        ):
            if candidate is group:
                return items
        return ()

    def cover_value(self, row: CoverRow) -> Md:
        """A cover row's value; provider and CCG names link to their pages."""
        label = row.label.lower()
        if label.startswith("provider"):
            return _names_md(plain_text(row.value), self.entry.organisations.providers, "../")
        if label.startswith("ccg"):
            return _names_md(plain_text(row.value), self.entry.organisations.ccgs, "../")
        return self.inline(row.value)

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


def render_report(
    entry: CatalogueReport, catalogue: Catalogue, aliases: dict[str, list[str]] | None = None
) -> str:
    """The Markdown page of one report; ``aliases`` keeps redirected anchors working."""
    view = ReportView(entry, catalogue, aliases or {})
    text = _ENV.get_template("report.md.j2").render(
        report=entry.resolved.report,
        view=view,
        ogl_url=Md(OGL_URL),
        cqc_url=Md(CQC_URL),
        key=Md(GENERATED_KEY),
    )
    return tidy(text)


def render_template(name: str, **context: object) -> str:
    """Render one page template (text escaped as everywhere, see ``_finalize``), tidied."""
    return tidy(_ENV.get_template(name).render(key=Md(GENERATED_KEY), **context))


def tidy(markdown: str) -> str:
    """At most one blank line between blocks, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in markdown.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_site(
    catalogue: Catalogue, site_url: str = "", aliases: dict[str, list[str]] | None = None
) -> dict[str, str]:
    """Every generated file, keyed by its path inside ``docs/``.

    ``site_url`` (the published address, if known) makes the downloads' permalinks absolute.
    """
    pages: dict[str, str] = {}
    entries = list(catalogue.reports)
    for entry in entries:
        pages[report_page_path(entry.resolved.report.slug)] = render_report(
            entry, catalogue, aliases or {}
        )
    pages.update(render_providers(catalogue))
    pages.update(render_themes(catalogue))
    pages["recurring.md"] = render_recurring(catalogue)
    pages.update(render_downloads(catalogue, site_url))
    pages["downloads/index.md"] = tidy(
        _ENV.get_template("downloads.md.j2").render(
            recommendations=len(recommendation_rows(catalogue)),
            findings=len(finding_rows(catalogue)),
            rec_columns=RECOMMENDATION_COLUMNS,
            finding_columns=FINDING_COLUMNS,
            key=Md(GENERATED_KEY),
        )
    )
    pages["good-practice.md"] = render_good_practice(catalogue)
    reports = [entry.resolved for entry in entries]
    totals = {
        "reports": len(reports),
        "findings": sum(len(r.report.findings) for r in reports),
        "recommendations": sum(len(r.report.recommendations) for r in reports),
        "organisations": len(catalogue.registry.organisations),
        "themes": len(catalogue.taxonomy.themes),
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


# -- organisation pages ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProviderRecommendation:
    """A recommendation as shown on an organisation's page."""

    entry: CatalogueReport
    """The report it comes from."""
    rec: Recommendation
    """The recommendation."""
    addressees: tuple[Addressee, ...]
    """Every addressee of its group."""
    via: Addressee | None
    """The collective through which the organisation is addressed, if not by name."""

    def link(self, anchor: str) -> str:
        """Link from ``docs/providers/`` to an anchor on the report page."""
        return f"../{report_page_path(self.entry.resolved.report.slug)}#{anchor}"

    def text(self) -> Md:
        """The recommendation's words."""
        resolved = self.entry.resolved

        def target(rec_id: str) -> str | None:
            anchor = resolved.rec_anchors.get(rec_id)
            return self.link(anchor) if anchor else None

        parts = [self.rec.text, *(extra.text for extra in self.rec.continuation)]
        return Md(" ".join(inline.to_markdown(part, target) for part in parts))

    def others(self, org: Organisation) -> Md:
        """Co-addressees of a joint recommendation."""
        return Md(
            "; ".join(
                _addressee_md(item, "../", canonical=True)
                for item in self.addressees
                if item.organisation is not org and org not in item.members
            )
        )

    def evidence(self) -> list[tuple[str, str]]:
        """(finding id, link) for each finding that cites it."""
        resolved = self.entry.resolved
        if resolved.rec_anchors.get(self.rec.id) != self.rec.anchor:
            return []
        return [
            (fid, self.link(resolved.finding_anchors[fid]))
            for fid in resolved.cited_by.get(self.rec.id, ())
        ]


@dataclass(frozen=True, slots=True)
class ProviderView:
    """Everything an organisation's page shows."""

    org: Organisation
    """The organisation."""
    recommendations: tuple[tuple[CatalogueReport, tuple[ProviderRecommendation, ...]], ...]
    """Recommendations addressed to it, by report."""
    reviewed: tuple[tuple[CatalogueReport, str, str], ...]
    """(report, "provider services" or "CCGs", name as written) where the cover names it."""
    mentions: tuple[tuple[CatalogueReport, tuple[tuple[str, str], ...]], ...]
    """Findings that name it, by report, as (finding id, link)."""

    @property
    def count(self) -> int:
        """Number of recommendations addressed to it."""
        return sum(len(items) for _, items in self.recommendations)

    @property
    def joint(self) -> int:
        """Number of those shared with other organisations."""
        return sum(
            1
            for _, items in self.recommendations
            for item in items
            if len(item.addressees) > 1 or item.via is not None
        )


def provider_views(catalogue: Catalogue) -> list[ProviderView]:
    """One view per organisation of the registry, in id order."""
    views: list[ProviderView] = []
    for org in catalogue.registry.organisations:
        recommendations: list[tuple[CatalogueReport, tuple[ProviderRecommendation, ...]]] = []
        reviewed: list[tuple[CatalogueReport, str, str]] = []
        mentions: list[tuple[CatalogueReport, tuple[tuple[str, str], ...]]] = []
        for entry in catalogue.reports:
            report = entry.resolved.report
            found: list[ProviderRecommendation] = []
            for group, addressees in zip(report.groups, entry.organisations.groups, strict=True):
                via = next((a for a in addressees if a.organisation is org), None)
                collective = next((a for a in addressees if org in a.members), None)
                if via is None and collective is None:
                    continue
                for rec in group.recommendations:
                    found.append(
                        ProviderRecommendation(
                            entry, rec, addressees, collective if via is None else None
                        )
                    )
            if found:
                recommendations.append((entry, tuple(found)))
            for label, items in (
                ("provider services", entry.organisations.providers),
                ("CCGs", entry.organisations.ccgs),
            ):
                reviewed.extend(
                    (entry, label, item.written) for item in items if item.organisation is org
                )
            anchors = entry.organisations.mentions.get(org.id, ())
            if anchors:
                by_anchor = {f.anchor: f.id for f in report.findings}
                mentions.append(
                    (
                        entry,
                        tuple(
                            (by_anchor[anchor], f"../{report_page_path(report.slug)}#{anchor}")
                            for anchor in anchors
                        ),
                    )
                )
        views.append(ProviderView(org, tuple(recommendations), tuple(reviewed), tuple(mentions)))
    return views


def render_providers(catalogue: Catalogue) -> dict[str, str]:
    """Organisation pages and their index."""
    pages: dict[str, str] = {}
    views = provider_views(catalogue)
    for view in views:
        pages[f"providers/{view.org.id}.md"] = tidy(
            _ENV.get_template("provider.md.j2").render(view=view, key=Md(GENERATED_KEY))
        )
    by_kind = [
        (label, sorted((v for v in views if v.org.kind == kind), key=lambda v: v.org.name.lower()))
        for kind, label in KINDS.items()
    ]
    pages["providers/index.md"] = tidy(
        _ENV.get_template("providers_index.md.j2").render(
            by_kind=[(label, items) for label, items in by_kind if items],
            total=len(views),
            key=Md(GENERATED_KEY),
        )
    )
    return pages


# -- theme pages, recurring recommendations, good practice ------------------------------------


def _marked(text: str, assignment: Assignment) -> Md:
    """Plain ``text`` with the assignment's evidence highlighted."""
    if assignment.override or assignment.start < 0:
        return Md(inline.escape(text, False))
    return Md(
        inline.escape(text[: assignment.start], False)
        + "<mark>"
        + inline.escape(text[assignment.start : assignment.end], False)
        + "</mark>"
        + inline.escape(text[assignment.end :], False)
    )


def _sentence(text: str, assignment: Assignment) -> Md:
    """The sentence of ``text`` holding the evidence, highlighted."""
    if assignment.override or assignment.start < 0:
        return Md(inline.escape(text[:200] + ("…" if len(text) > 200 else ""), False))
    start = (
        max(text.rfind(". ", 0, assignment.start) + 2, 0) if ". " in text[: assignment.start] else 0
    )
    stop = text.find(". ", assignment.end)
    stop = len(text) if stop == -1 else stop + 1
    shifted = Assignment(
        assignment.theme, assignment.evidence, assignment.start - start, assignment.end - start
    )
    return _marked(text[start:stop], shifted)


@dataclass(frozen=True, slots=True)
class ThemedItem:
    """A recommendation or finding shown on a theme page."""

    entry: CatalogueReport
    """Its report."""
    item: Recommendation | Finding
    """The item."""
    assignment: Assignment
    """Why it has the theme."""

    @property
    def link(self) -> str:
        """Link from ``docs/themes/`` to the item on its report page."""
        return f"../{report_page_path(self.entry.resolved.report.slug)}#{self.item.anchor}"

    def text(self) -> Md:
        """The whole text, evidence highlighted."""
        return _marked(item_text(self.item), self.assignment)

    def sentence(self) -> Md:
        """The sentence holding the evidence."""
        return _sentence(item_text(self.item), self.assignment)

    def addressees(self) -> Md:
        """Addressees of a recommendation (canonical names, linked)."""
        report = self.entry.resolved.report
        for group, items in zip(report.groups, self.entry.organisations.groups, strict=True):
            if self.item in group.recommendations:
                return Md("; ".join(_addressee_md(a, "../", canonical=True) for a in items))
        return Md("")


@dataclass(frozen=True, slots=True)
class ThemeView:
    """Everything a theme page shows."""

    theme: Theme
    """The theme."""
    facet: str
    """Label of its facet."""
    recommendations: tuple[tuple[CatalogueReport, tuple[ThemedItem, ...]], ...]
    """Recommendations with the theme, by report."""
    findings: tuple[tuple[CatalogueReport, tuple[ThemedItem, ...]], ...]
    """Findings with the theme, by report."""

    def count(self, slug: str | None = None) -> int:
        """Recommendations with the theme (in one report, or in all)."""
        return sum(
            len(items)
            for entry, items in self.recommendations
            if slug is None or entry.resolved.report.slug == slug
        )

    @property
    def finding_count(self) -> int:
        """Findings with the theme."""
        return sum(len(items) for _, items in self.findings)


def theme_views(catalogue: Catalogue) -> list[ThemeView]:
    """One view per theme, in taxonomy order."""
    facets = {facet.id: facet.label for facet in catalogue.taxonomy.facets}
    views: list[ThemeView] = []
    for theme in catalogue.taxonomy.themes:
        recs: list[tuple[CatalogueReport, tuple[ThemedItem, ...]]] = []
        findings: list[tuple[CatalogueReport, tuple[ThemedItem, ...]]] = []
        for entry in catalogue.reports:
            report = entry.resolved.report
            for bucket, items in ((recs, report.recommendations), (findings, report.findings)):
                themed = tuple(
                    ThemedItem(entry, item, assignment)
                    for item in items
                    for assignment in entry.themes.get(item.anchor, ())
                    if assignment.theme == theme.id
                )
                if themed:
                    bucket.append((entry, themed))
        views.append(
            ThemeView(theme, facets.get(theme.facet, theme.facet), tuple(recs), tuple(findings))
        )
    return views


def render_themes(catalogue: Catalogue) -> dict[str, str]:
    """Theme pages, the themes index with its matrix, and the unclassified list."""
    pages: dict[str, str] = {}
    views = theme_views(catalogue)
    for view in views:
        pages[f"themes/{view.theme.id}.md"] = tidy(
            _ENV.get_template("theme.md.j2").render(
                view=view, version=catalogue.taxonomy.version, key=Md(GENERATED_KEY)
            )
        )
    unclassified = [
        (
            entry,
            tuple(
                rec
                for rec in entry.resolved.report.recommendations
                if not entry.themes.get(rec.anchor)
            ),
        )
        for entry in catalogue.reports
    ]
    unclassified = [(entry, recs) for entry, recs in unclassified if recs]
    pages["themes/unclassified.md"] = tidy(
        _ENV.get_template("unclassified.md.j2").render(
            reports=unclassified,
            total=sum(len(recs) for _, recs in unclassified),
            key=Md(GENERATED_KEY),
            view=_plain_view,
        )
    )
    by_facet = [
        (facet.label, [view for view in views if view.theme.facet == facet.id])
        for facet in catalogue.taxonomy.facets
    ]
    pages["themes/index.md"] = tidy(
        _ENV.get_template("themes_index.md.j2").render(
            views=views,
            by_facet=[(label, items) for label, items in by_facet if items],
            reports=catalogue.reports,
            version=catalogue.taxonomy.version,
            unclassified=sum(len(recs) for _, recs in unclassified),
            key=Md(GENERATED_KEY),
        )
    )
    return pages


def _plain_view(item: Recommendation | Finding) -> Md:
    return Md(inline.escape(item_text(item), False))


def render_recurring(catalogue: Catalogue) -> str:
    """The recurring recommendations page."""
    lookup = {
        (entry.resolved.report.slug, rec.anchor): (entry, rec)
        for entry in catalogue.reports
        for rec in entry.resolved.report.recommendations
    }
    clusters = [[lookup[key] for key in cluster] for cluster in catalogue.recurring]
    return tidy(
        _ENV.get_template("recurring.md.j2").render(
            clusters=clusters,
            threshold=catalogue.threshold,
            pairs=sum(len(items) for items in catalogue.similar.values()) // 2,
            key=Md(GENERATED_KEY),
            view=_plain_view,
        )
    )


def render_good_practice(catalogue: Catalogue) -> str:
    """Every case example and good-practice example, linked to its place."""
    return tidy(
        _ENV.get_template("good_practice.md.j2").render(
            reports=[(entry, entry.resolved.report.case_examples) for entry in catalogue.reports],
            total=sum(len(entry.resolved.report.case_examples) for entry in catalogue.reports),
            excerpt=_example_excerpt,
            key=Md(GENERATED_KEY),
        )
    )


def _example_excerpt(example: CaseExample) -> Md:
    texts = [block.text for block in example.body if isinstance(block, Paragraph)]
    text = plain_text(texts[0]) if texts else ""
    if len(text) > 220:
        text = text[:220].rsplit(" ", 1)[0] + " …"
    return Md(inline.escape(text, False))
