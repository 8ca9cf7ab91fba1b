"""Whole-site tests: the built HTML keeps every anchor, link and word DESIGN.md promises.

The ``built_site`` fixture (tests/conftest.py) builds the seed reports once; these tests read
its HTML with the standard library's ``html.parser`` and hold it against the model the build
returned. Only the strict-build, determinism and ``check`` tests build further copies.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools.build import build
from build_tools.model import Report
from build_tools.publish.write import is_generated
from build_tools.reading.resolve import ResolvedReport
from build_tools.reading.text import id_anchor
from tests.conftest import ROOT, SEED_REPORTS, BuiltSite, copy_project, mkdocs_build

pytestmark = pytest.mark.site

#: Elements that never have an end tag.
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
#: Elements whose content a reader never sees.
HIDDEN_TAGS = frozenset({"script", "style", "template"})
#: Elements that start a new line of text, so words on either side never run together.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hr", "html", "label", "li", "main", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
        "ul",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: A letter/digit run: the unit of "every word of the source appears on the page".
WORD = re.compile(r"[^\W_]+")


# --------------------------------------------------------------------------- HTML reading


@dataclass(eq=False)
class Element:
    """One element of a parsed HTML page."""

    tag: str
    """Lower-case tag name (``#document`` for the root)."""
    attrs: dict[str, str]
    """Attributes; a bare attribute has the value ``""``."""
    parent: Element | None
    """The enclosing element (None for the root)."""
    children: list[Element | str] = field(default_factory=list)
    """Child elements and text (entities already decoded), in order."""
    index: int = 0
    """Position in document (pre-)order."""

    @property
    def id(self) -> str:
        """The ``id`` attribute, or ``""``."""
        return self.attrs.get("id", "")

    @property
    def classes(self) -> frozenset[str]:
        """The ``class`` attribute as a set."""
        return frozenset(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def ancestors(self) -> Iterator[Element]:
        """Enclosing elements, nearest first."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def text(self, split_inline: bool = False) -> str:
        """Visible text; ``split_inline`` also separates words at inline element boundaries."""
        parts: list[str] = []
        self._collect(parts, split_inline)
        return "".join(parts)

    def words(self) -> str:
        """Visible text with whitespace collapsed."""
        return " ".join(self.text().split())

    def _collect(self, parts: list[str], split_inline: bool) -> None:
        if self.tag in HIDDEN_TAGS:
            return
        separate = split_inline or self.tag in BLOCK_TAGS
        if separate:
            parts.append(" ")
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                child._collect(parts, split_inline)
        if separate:
            parts.append(" ")


class _TreeBuilder(HTMLParser):
    """Builds an :class:`Element` tree; tolerant of unclosed and stray end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs}, self._stack[-1])
        self._stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self._stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


@dataclass
class Page:
    """A parsed HTML page with its elements in document order."""

    path: Path
    """The HTML file."""
    root: Element
    """The document."""
    elements: list[Element]
    """Every element in document order (``element.index`` is its position here)."""

    @classmethod
    def read(cls, path: Path) -> Page:
        """Parse ``path``."""
        builder = _TreeBuilder()
        builder.feed(path.read_text(encoding="utf-8"))
        builder.close()
        elements = list(builder.root.iter())
        for index, element in enumerate(elements):
            element.index = index
        return cls(path, builder.root, elements)

    @property
    def html(self) -> str:
        """The page source."""
        return self.path.read_text(encoding="utf-8")

    @property
    def article(self) -> Element:
        """The page content: Material's ``<article class="md-content__inner">``."""
        for element in self.elements:
            if element.tag == "article" or "md-content" in element.classes:
                return element
        raise AssertionError(f"{self.path}: no <article> or .md-content element")

    def ids(self) -> list[str]:
        """Every ``id`` on the page, in document order (repeats kept)."""
        return [element.id for element in self.elements if element.id]

    def by_id(self, anchor: str) -> Element:
        """The single element carrying ``id=anchor``."""
        found = [element for element in self.elements if element.id == anchor]
        assert len(found) == 1, f"{self.path}: {len(found)} elements with id={anchor!r}"
        return found[0]

    def finding_region(self, anchor: str) -> list[Element]:
        """The finding's paragraph and everything after it up to the next finding or heading."""
        start = self.by_id(anchor).index
        region = [self.elements[start]]
        for element in self.elements[start + 1 :]:
            if element.id.startswith("finding-") or element.tag in HEADING_TAGS:
                break
            region.append(element)
        return region

    def evidence_paragraph(self, rec_anchor: str) -> Element | None:
        """The first paragraph starting "Evidence" after a recommendation heading, if any."""
        start = self.by_id(rec_anchor).index
        for element in self.elements[start + 1 :]:
            if element.tag in HEADING_TAGS:
                return None
            if element.tag == "p" and element.words().startswith("Evidence"):
                return element
        return None


def links(elements: list[Element]) -> list[str]:
    """``href`` of every link among ``elements`` except the headings' "¶" permalinks."""
    return [
        element.attrs["href"]
        for element in elements
        if element.tag == "a" and "href" in element.attrs and "headerlink" not in element.classes
    ]


class Site:
    """The built site, its model and its parsed pages (each parsed once)."""

    def __init__(self, built: BuiltSite) -> None:
        self.built = built
        self._pages: dict[Path, Page] = {}

    def resolved(self, source: Path) -> ResolvedReport:
        """The resolved report built from the seed file ``source``."""
        wanted = f"source_reports/{source.name}"
        for resolved in self.built.result.reports:
            if resolved.report.source == wanted:
                return resolved
        found = [item.report.source for item in self.built.result.reports]
        raise AssertionError(f"{wanted} was not built; built: {found}")

    def by_slug(self, slug: str) -> ResolvedReport:
        """The resolved report published at ``/reports/<slug>/``."""
        for resolved in self.built.result.reports:
            if resolved.report.slug == slug:
                return resolved
        found = [item.report.slug for item in self.built.result.reports]
        raise AssertionError(f"no report {slug}; built: {found}")

    def page(self, path: Path) -> Page:
        """The parsed HTML page at ``path``."""
        if path not in self._pages:
            self._pages[path] = Page.read(path)
        return self._pages[path]

    def report_page(self, slug: str) -> Page:
        """The parsed page ``/reports/<slug>/``."""
        return self.page(self.built.site / "reports" / slug / "index.html")

    def html_pages(self) -> list[Page]:
        """Every HTML page of the site except the theme's assets."""
        site = self.built.site
        return [
            self.page(path)
            for path in sorted(site.rglob("*.html"))
            if path.relative_to(site).parts[0] not in ("assets", "search")
        ]


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Site:
    """The session's built site with a page cache for this module."""
    return Site(built_site)


def _report_id(path: Path) -> str:
    return path.stem


by_report = pytest.mark.parametrize("source", SEED_REPORTS, ids=_report_id)


# --------------------------------------------------------------------------- 1. anchors


@by_report
def test_every_finding_recommendation_and_example_has_one_anchor(site: Site, source: Path) -> None:
    """Each model anchor is the ``id`` of exactly one element of the report page."""
    resolved = site.resolved(source)
    report = resolved.report
    page = site.report_page(report.slug)
    counts = Counter(page.ids())
    for kind, anchors in (
        ("finding", [finding.anchor for finding in report.findings]),
        ("recommendation", [rec.anchor for rec in report.recommendations]),
        ("case example", [example.anchor for example in report.case_examples]),
    ):
        wrong = {anchor: counts[anchor] for anchor in anchors if counts[anchor] != 1}
        assert not wrong, f"{report.slug}: {kind} anchors not present exactly once: {wrong}"


@by_report
def test_anchors_appear_in_source_order(site: Site, source: Path) -> None:
    """Findings, recommendations and examples come on the page in the order of the source."""
    report = site.resolved(source).report
    page = site.report_page(report.slug)
    items = sorted(
        [(finding.line, finding.anchor) for finding in report.findings]
        + [(rec.line, rec.anchor) for rec in report.recommendations]
        + [(example.line, example.anchor) for example in report.case_examples]
    )
    position = {anchor: index for index, anchor in reversed(list(enumerate(page.ids())))}
    missing = [anchor for _, anchor in items if anchor not in position]
    assert not missing, f"{report.slug}: anchors missing from the page: {missing}"
    swapped = [
        f"{first} (line {first_line}) comes after {second} (line {second_line})"
        for (first_line, first), (second_line, second) in itertools.pairwise(items)
        if position[first] > position[second]
    ]
    assert not swapped, f"{report.slug}: out of source order:\n" + "\n".join(swapped)


@by_report
def test_anchor_counts_match_the_model(site: Site, source: Path) -> None:
    """As many ``id="finding-…"``/``id="rec-…"``/``id="example-…"`` as the model has items."""
    report = site.resolved(source).report
    html = site.report_page(report.slug).html
    for prefix, expected in (
        ("finding", len(report.findings)),
        ("rec", len(report.recommendations)),
        ("example", len(report.case_examples)),
    ):
        found = re.findall(rf'\bid="({prefix}-[^"]*)"', html)
        assert len(found) == expected, (
            f'{report.slug}: {len(found)} id="{prefix}-…" on the page, {expected} in the model; '
            f"extra or missing: {sorted(set(found) ^ set(_model_anchors(report, prefix)))}"
        )


def _model_anchors(report: Report, prefix: str) -> list[str]:
    if prefix == "finding":
        return [finding.anchor for finding in report.findings]
    if prefix == "rec":
        return [rec.anchor for rec in report.recommendations]
    return [example.anchor for example in report.case_examples]


@by_report
def test_case_examples_are_numbered_in_source_order(site: Site, source: Path) -> None:
    """``example-1``, ``example-2``… in source order, each after the finding it illustrates."""
    resolved = site.resolved(source)
    report = resolved.report
    examples = report.case_examples
    assert [example.anchor for example in examples] == [
        f"example-{number}" for number in range(1, len(examples) + 1)
    ]
    assert [example.line for example in examples] == sorted(example.line for example in examples)
    page = site.report_page(report.slug)
    for example in examples:
        element = page.by_id(example.anchor)
        assert example.label.split()[0] in element.words(), (
            f"{report.slug}: #{example.anchor} does not show its label {example.label!r}"
        )
        if example.after_finding:
            finding = page.by_id(resolved.finding_anchors[example.after_finding])
            assert finding.index < element.index, (
                f"{report.slug}: #{example.anchor} comes before finding {example.after_finding}"
            )


# --------------------------------------------------------------------------- 2. citation links


def test_every_internal_link_has_a_target(site: Site) -> None:
    """Every link inside the site reaches a page, and its ``#fragment`` an id on that page."""
    broken: list[str] = []
    checked = 0
    for page in site.html_pages():
        where = page.path.relative_to(site.built.site).as_posix()
        for href in links(page.elements):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("/"):
                continue
            if parts.path:
                target = (page.path.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{where}: {href} (no such page)")
                    continue
                if target.suffix != ".html":
                    continue
                target_page = site.page(target)
            else:
                target_page = page
            if not parts.fragment:
                continue
            checked += 1
            if unquote(parts.fragment) not in set(target_page.ids()):
                broken.append(f"{where}: {href}")
    assert checked > 1000, f"only {checked} fragment links found; is the site built?"
    assert not broken, "links to missing anchors:\n" + "\n".join(broken)


@by_report
def test_citations_link_to_their_recommendation(site: Site, source: Path) -> None:
    """Each citation of an existing recommendation is a link inside the citing finding."""
    resolved = site.resolved(source)
    report = resolved.report
    page = site.report_page(report.slug)
    article_links = set(links(list(page.article.iter())))
    missing: list[str] = []
    for citation in report.citations:
        for rec_id in citation.recs:
            if rec_id in resolved.dangling:
                continue
            href = f"#{resolved.rec_anchors[rec_id]}"
            if citation.finding is None:
                if href not in article_links:
                    missing.append(f"line {citation.line}: no link to {href} anywhere")
                continue
            region = page.finding_region(resolved.finding_anchors[citation.finding])
            if href not in links(region):
                missing.append(
                    f"line {citation.line}: finding {citation.finding} cites {rec_id} but its "
                    f"paragraphs link only to {links(region)[1:]}"
                )
    assert report.citations, f"{report.slug}: the model has no citations at all"
    assert not missing, f"{report.slug}:\n" + "\n".join(missing)


@by_report
def test_dangling_citations_are_flagged_not_linked(site: Site, source: Path) -> None:
    """A citation of a missing recommendation keeps its words, is flagged and is no link."""
    resolved = site.resolved(source)
    report = resolved.report
    page = site.report_page(report.slug)
    html = page.html
    problems: list[str] = []
    for rec_id in sorted(resolved.dangling):
        anchor = id_anchor("rec", rec_id)
        if f"#{anchor}" in html:
            problems.append(f"a link points at the missing #{anchor}")
    for citation in report.citations:
        for rec_id in citation.recs:
            if rec_id not in resolved.dangling:
                continue
            if citation.finding is None:
                region = list(page.article.iter())
            else:
                region = page.finding_region(resolved.finding_anchors[citation.finding])
            flags = [
                element
                for element in region
                if "clas-dangling" in element.classes and rec_id in element.words()
            ]
            if not flags:
                problems.append(
                    f"line {citation.line}: no .clas-dangling element mentioning {rec_id} "
                    f"after finding {citation.finding}"
                )
            for flag in flags:
                inside_link = any(outer.tag == "a" for outer in flag.ancestors())
                if inside_link or links(list(flag.iter())):
                    problems.append(f"line {citation.line}: the flag for {rec_id} is a link")
                if f"Recommendation {rec_id}" not in flag.words():
                    problems.append(
                        f"line {citation.line}: the flag lost the words 'Recommendation "
                        f"{rec_id}': {flag.words()!r}"
                    )
    assert not problems, f"{report.slug}:\n" + "\n".join(problems)


def test_leicester_dangling_citation_of_4_7(site: Site) -> None:
    """The seed defect: Leicester City finding 3.10 cites recommendation 4.7, which is missing."""
    resolved = site.by_slug("leicester-city-2016")
    assert "4.7" in resolved.dangling
    assert "4.7" not in resolved.rec_anchors
    page = site.report_page("leicester-city-2016")
    region = page.finding_region(resolved.finding_anchors["3.10"])
    flags = [element for element in region if "clas-dangling" in element.classes]
    assert flags, "finding 3.10 shows no .clas-dangling flag"
    assert "Recommendation 4.7" in flags[0].words()
    assert "#rec-4-7" not in links(page.elements)
    assert 'id="rec-4-7"' not in page.html


@by_report
def test_recommendations_list_their_evidence(site: Site, source: Path) -> None:
    """Each recommendation is followed by "Evidence:" linking exactly to ``cited_by``."""
    resolved = site.resolved(source)
    report = resolved.report
    page = site.report_page(report.slug)
    problems: list[str] = []
    for rec in report.recommendations:
        paragraph = page.evidence_paragraph(rec.anchor)
        if paragraph is None:
            problems.append(f"{rec.id}: no Evidence paragraph after the heading")
            continue
        cited_by = resolved.cited_by[rec.id]
        expected = [f"#{resolved.finding_anchors[finding]}" for finding in cited_by]
        found = links(list(paragraph.iter()))
        if found != expected:
            problems.append(f"{rec.id}: Evidence links {found}, expected {expected}")
        flagged = "clas-uncited" in {name for inner in paragraph.iter() for name in inner.classes}
        if not cited_by and not flagged:
            problems.append(f"{rec.id}: cited by no finding but not flagged .clas-uncited")
        if cited_by and flagged:
            problems.append(f"{rec.id}: cited by {cited_by} but flagged .clas-uncited")
    assert not problems, f"{report.slug}:\n" + "\n".join(problems)


def test_seed_uncited_recommendations_are_flagged(site: Site) -> None:
    """The seeds' uncited recommendations (Staffordshire 1.7, 3.1; Leicester 4.6) are flagged."""
    for slug, rec_ids in (
        ("staffordshire-2016", ("1.7", "3.1")),
        ("leicester-city-2016", ("4.6",)),
    ):
        resolved = site.by_slug(slug)
        page = site.report_page(slug)
        for rec_id in rec_ids:
            assert resolved.cited_by[rec_id] == ()
            paragraph = page.evidence_paragraph(resolved.rec_anchors[rec_id])
            assert paragraph is not None, f"{slug} {rec_id}: no Evidence paragraph"
            assert "clas-uncited" in paragraph.classes, f"{slug} {rec_id}: {paragraph.attrs}"


@by_report
def test_evidence_paragraph_carries_its_class(site: Site, source: Path) -> None:
    """The Evidence paragraph itself, not one of its links, has class ``clas-evidence``."""
    resolved = site.resolved(source)
    page = site.report_page(resolved.report.slug)
    wrong: list[str] = []
    for rec in resolved.report.recommendations:
        paragraph = page.evidence_paragraph(rec.anchor)
        assert paragraph is not None, f"{rec.id}: no Evidence paragraph"
        inner = [
            f"<{element.tag} class={sorted(element.classes)}>"
            for element in paragraph.iter()
            if element is not paragraph and "clas-evidence" in element.classes
        ]
        if "clas-evidence" not in paragraph.classes or inner:
            wrong.append(f"{rec.id}: <p class={sorted(paragraph.classes)}> with {inner}")
    assert not wrong, f"{resolved.report.slug}:\n" + "\n".join(wrong)


# --------------------------------------------------------------------------- 3. no lost words

_CONTENTS_ROW = re.compile(r"\t\s*\d+\s*$")
_DATE_ROW = re.compile(r"^(\s*date of [^\t]*)\t.*$", re.IGNORECASE)


def source_lines_to_check(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the source minus the Contents block and the cover dates' values."""
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    kept: list[tuple[int, str]] = []
    contents_at = next(
        (index for index, line in enumerate(lines) if line.strip() == "Contents"), None
    )
    in_contents = False
    for index, line in enumerate(lines):
        if index == contents_at:
            in_contents = True
            continue  # the Contents heading goes with the block it introduces
        if in_contents:
            if not line.strip() or _CONTENTS_ROW.search(line):
                continue
            in_contents = False
        if contents_at is None or index < contents_at:
            # Cover dates are shown tidied ("20 th July 2016" → "20 July 2016"): keep the label.
            kept.append((index + 1, _DATE_ROW.sub(r"\1", line)))
        else:
            kept.append((index + 1, line))
    return kept


def words(text: str) -> list[str]:
    """Case-insensitive letter/digit runs."""
    return WORD.findall(text.casefold())


@by_report
def test_every_source_word_is_on_the_page(site: Site, source: Path) -> None:
    """Every word of the source appears on the report page at least as often."""
    report = site.resolved(source).report
    lines = source_lines_to_check(source)
    wanted = Counter(word for _, line in lines for word in words(line))
    shown = Counter(words(site.report_page(report.slug).article.text(split_inline=True)))
    short = {word: wanted[word] - shown[word] for word in wanted if shown[word] < wanted[word]}
    if short:
        report_lines: list[str] = []
        for word, missing in sorted(short.items()):
            where = [f"  {number}: {text[:140]}" for number, text in lines if word in words(text)]
            report_lines.append(
                f"{word!r}: {missing} of {wanted[word]} missing; in source lines:\n"
                + "\n".join(where[:5])
            )
        pytest.fail(f"{report.slug}: words lost on the page:\n" + "\n".join(report_lines))
    assert sum(wanted.values()) > 5000, "the source looked suspiciously short"


def test_word_check_ignores_only_contents_and_cover_dates() -> None:
    """The word check drops the Contents rows and the cover dates' values, nothing else."""
    kept = dict(source_lines_to_check(SEED_REPORTS[0]))
    text = "\n".join(kept.values())
    assert "Date of publication:" in text
    assert "20 th July" not in text
    assert "Summary of the review\t3" not in text
    assert "Summary of the review" in text
    assert "Next steps" in text
    assert len(kept) > 500


# --------------------------------------------------------------------------- 4. no leaking markup

LEAKS = [
    pytest.param("**", id="bold-markers"),
    pytest.param("{:", id="attr-list"),
    pytest.param("&#", id="char-ref"),
    pytest.param("&amp;#", id="double-escaped-char-ref"),
    pytest.param("<strong>", id="strong-tag"),
    pytest.param("<em>", id="em-tag"),
    pytest.param("<span", id="span-tag"),
    pytest.param("[Recommendation", id="link-syntax"),
]


@pytest.mark.parametrize("leak", LEAKS)
def test_no_markup_leaks_into_visible_text(site: Site, leak: str) -> None:
    """No page shows Markdown, attribute lists, character references or tags as text."""
    seen: list[str] = []
    pages = site.html_pages()
    for page in pages:
        text = " ".join(page.root.text().split())
        for match in re.finditer(re.escape(leak), text):
            where = page.path.relative_to(site.built.site).as_posix()
            seen.append(f"{where}: …{text[max(0, match.start() - 60) : match.end() + 40]}…")
    assert len(pages) >= 7
    assert not seen, f"{len(seen)} times {leak!r} on the pages:\n" + "\n".join(seen[:20])


# --------------------------------------------------------------------------- 5. strict build


def test_broken_anchor_fails_the_strict_build(tmp_path: Path) -> None:
    """``mkdocs build --strict`` refuses a page linking to an anchor that does not exist."""
    root = copy_project(tmp_path / "project")
    result = build(root)
    page = root / "docs" / "reports" / f"{result.reports[0].report.slug}.md"
    with page.open("a", encoding="utf-8") as out:
        out.write("\n[bad](#rec-99-99)\n")
    completed = mkdocs_build(root)
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, f"the strict build passed:\n{output}"
    assert "rec-99-99" in output, output


# --------------------------------------------------------------------------- 6. determinism, check


def _env(hash_seed: str = "0") -> dict[str, str]:
    """Environment for running ``python -m build_tools`` from a project copy."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return dict(os.environ, PYTHONPATH=path, PYTHONHASHSEED=hash_seed)


def run_build_tools(
    root: Path, *args: str, hash_seed: str = "0"
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m build_tools <args> --root <root>`` with the copy as working folder."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args, "--root", str(root)],
        cwd=root,
        env=_env(hash_seed),
        capture_output=True,
        text=True,
        check=False,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def tree_differences(first: Path, second: Path, ignore: frozenset[str] = frozenset()) -> list[str]:
    """Relative paths present in only one tree or with different bytes."""
    one, two = tree(first), tree(second)
    differences: list[str] = []
    for name in sorted(set(one) | set(two)):
        if name in ignore:
            continue
        if name not in two:
            differences.append(f"only in the first build: {name}")
        elif name not in one:
            differences.append(f"only in the second build: {name}")
        elif one[name] != two[name]:
            differences.append(f"differs: {name}")
    return differences


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Fresh copies built in separate processes give identical ``docs/`` and ``site/``."""
    roots: list[Path] = []
    for number, seed in enumerate(("1", "4242")):
        root = copy_project(tmp_path / f"copy{number}")
        if number == 0:  # one copy starts without any generated page
            for page in (root / "docs").rglob("*.md"):
                if is_generated(page):
                    page.unlink()
        built = run_build_tools(root, "build", hash_seed=seed)
        assert built.returncode == 0, built.stderr
        completed = mkdocs_build(root)
        assert completed.returncode == 0, completed.stderr
        roots.append(root)
    first, second = roots
    fresh = [path for path in (first / "docs").rglob("*.md") if is_generated(path)]
    assert len(fresh) > len(SEED_REPORTS), f"the fresh build wrote only {fresh}"
    docs = tree_differences(first / "docs", second / "docs")
    assert not docs, "docs/ differs between two builds:\n" + "\n".join(docs)
    site_diff = tree_differences(
        first / "site", second / "site", frozenset({"sitemap.xml", "sitemap.xml.gz"})
    )
    assert not site_diff, "site/ differs between two builds:\n" + "\n".join(site_diff)


def test_check_reports_stale_docs(tmp_path: Path) -> None:
    """``check`` exits 0 right after a build and 1 once a source report changes."""
    root = copy_project(tmp_path / "project")
    result = build(root)
    leicester = next(r for r in result.reports if r.report.slug == "leicester-city-2016")
    checked = run_build_tools(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    before = tree(root / "docs")
    source = root / leicester.report.source
    text = source.read_text(encoding="utf-8")
    assert "place of safety" in text
    source.write_text(text.replace("place of safety", "place of refuge", 1), encoding="utf-8")
    checked = run_build_tools(root, "check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "docs/reports/leicester-city-2016.md" in checked.stderr, checked.stderr
    assert tree(root / "docs") == before, "check changed docs/"


HAND_WRITTEN = {
    "notes.md": "# Notes\n\nHand-written notes about the reports.\n",
    # The marker in the body, not in the front matter, does not hand the page over.
    "notes-with-front-matter.md": (
        "---\ntitle: Notes\n---\n\n# Notes\n\ngenerated_by: build_tools\n"
    ),
    "notes-other-tool.md": "---\ngenerated_by: another_tool\n---\n\n# Notes\n",
}


def test_hand_written_pages_survive_builds(tmp_path: Path) -> None:
    """A page in the generated folder without the generator's front matter is never touched."""
    root = copy_project(tmp_path / "project")
    reports = root / "docs" / "reports"
    for name, text in HAND_WRITTEN.items():
        (reports / name).write_text(text, encoding="utf-8")
    first = build(root)
    assert first.written is not None
    # A changed report rewrites its page; a removed report has its page removed.
    source = root / first.reports[0].report.source
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    gone = first.reports[-1].report
    (root / gone.source).unlink()
    second = build(root)
    assert second.written is not None
    assert f"reports/{gone.slug}.md" in second.written.removed
    assert f"reports/{first.reports[0].report.slug}.md" in second.written.written
    for name, text in HAND_WRITTEN.items():
        path = reports / name
        assert path.is_file(), f"docs/reports/{name} was deleted"
        assert path.read_text(encoding="utf-8") == text, f"docs/reports/{name} was overwritten"
        for outcome in (first.written, second.written):
            touched = outcome.written + outcome.removed
            assert f"reports/{name}" not in touched


def test_hand_written_file_in_the_way_is_left_alone(tmp_path: Path) -> None:
    """A hand-written file where a report page would go is kept and reported."""
    root = copy_project(tmp_path / "project")
    target = root / "docs" / "reports" / "medway-2016.md"
    text = "# Medway\n\nMy own page.\n"
    target.write_text(text, encoding="utf-8")
    result = build(root)
    assert target.read_text(encoding="utf-8") == text
    assert any(item.code == "hand-written-file" for item in result.diagnostics), [
        item.format() for item in result.diagnostics
    ]


def test_editing_one_report_rewrites_only_what_depends_on_it(tmp_path: Path) -> None:
    """After one word of one finding changes, ``build`` rewrites that report's page and the
    findings downloads, names each file it wrote, and leaves every other page alone."""
    root = copy_project(tmp_path / "project")
    first = run_build_tools(root, "build")
    assert first.returncode == 0, first.stderr
    source = (
        root
        / "source_reports"
        / next(
            path.name
            for path in SEED_REPORTS
            if "Leicester" in path.read_text(encoding="utf-8")[:300]
        )
    )
    text = source.read_text(encoding="utf-8")
    assert "place of safety" in text
    source.write_text(text.replace("place of safety", "place of refuge", 1), encoding="utf-8")
    second = run_build_tools(root, "build")
    assert second.returncode == 0, second.stderr
    written = sorted(
        line.removeprefix("wrote ")
        for line in second.stdout.splitlines()
        if line.startswith("wrote ")
    )
    assert "docs/reports/leicester-city-2016.md" in written, written
    assert {"docs/downloads/findings.csv", "docs/downloads/findings.json"} <= set(written)
    others = [path for path in written if path.startswith("docs/reports/")]
    assert others == ["docs/reports/leicester-city-2016.md"], written
    assert not [path for path in written if path.startswith("docs/providers/")], written
    assert len(written) <= 6, written
    summary = second.stdout.splitlines()[-1]
    assert summary.startswith(f"5 reports: {len(written)} pages written, "), summary
