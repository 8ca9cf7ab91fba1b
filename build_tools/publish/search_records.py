"""What search finds: one record per finding, recommendation, example and section of a report.

Readers search with words they remember from one recommendation or finding, and the address
they copy from the result goes into training materials. So the search index holds items, not
pages: each record is the text of one item as the report page shows it, with the item's own
address (``reports/<slug>/#rec-1-3``), a title that names its report ("Peterborough 2016 ·
Recommendation 1.3") and its number, so that ranking can put an item that holds the typed
words together, in order, above everything that holds them apart.

Records are read from the HTML MkDocs has just built, so the index holds exactly the words a
reader sees. On a report page an item runs from the element carrying its anchor (``rec-…``,
``finding-…``, ``example-…``, or a heading's id) to the next such element; the per-item lists
of addressees, themes, evidence and similar recommendations, and the ``¶`` and number links,
are left out (:data:`SKIPPED_CLASSES`). Any other page contributes one record: its title and
first paragraph (``summary``) or its whole text (``full``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose text is not an item's words: links to the anchor, and the lists the site adds
#: under each recommendation (its addressees, themes, evidence, similar recommendations).
SKIPPED_CLASSES = frozenset(
    {
        "headerlink",
        "clas-permalink",
        "clas-rec-number",
        "clas-rec-to",
        "clas-rec-themes",
        "clas-evidence",
        "clas-rec-similar",
        "clas-checks",
        "admonition-title",
    }
)
_ITEM_ID = re.compile(r"^(?:rec|finding)-(?P<number>\d+(?:-\d+)*)$|^example-\d+$")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col"})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One search result: an item of a report, a section of one, or a whole other page."""

    url: str
    """Site-relative address, with the item's anchor: ``reports/peterborough-2016/#rec-1-3``."""
    title: str
    """What the result is called: ``Peterborough 2016 · Recommendation 1.3``."""
    kind: str
    """Recommendation, Finding, the example's own label, Section, Report, Organisation, …"""
    number: str
    """``1.3`` for a recommendation or finding; empty otherwise."""
    text: str
    """The item's words as the page shows them, with single spaces."""


@dataclass(slots=True)
class _Run:
    """The text under one anchor while the page is read."""

    anchor: str
    label: str = ""
    """An example's own label ("Good Practice Example"), which is not part of its words."""
    parts: list[str] = field(default_factory=list)


class _Article(HTMLParser):
    """Splits a page's ``<article>`` into runs of text, each under the anchor that opens it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skip_depth = 0  # inside a skipped element when > 0
        self.stack: list[tuple[str, bool]] = []  # open elements: tag, whether it skips
        self.runs = [_Run("")]
        self.in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
            return
        if not self.depth or tag in _VOID:
            return
        classes = set((values.get("class") or "").split())
        skipped = bool(classes & SKIPPED_CLASSES)
        self.stack.append((tag, skipped))
        if "admonition-title" in classes and self.runs[-1].anchor.startswith("example-"):
            self.in_label = True
        if skipped:
            self.skip_depth += 1
        anchor = values.get("id") or ""
        if anchor and (_ITEM_ID.match(anchor) or tag in _HEADINGS):
            self.runs.append(_Run(anchor))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
            return
        if not self.depth or tag in _VOID or not self.stack:
            return
        # Close up to the matching element (HTML from Markdown is well formed).
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip_depth -= 1
                self.in_label = False
            if open_tag == tag:
                break
        if tag in _HEADINGS or tag in {"p", "li", "td", "th", "div", "blockquote"}:
            self.runs[-1].parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if self.in_label:
            self.runs[-1].label = _SPACE.sub(" ", data).strip()
        elif not self.skip_depth:
            self.runs[-1].parts.append(data)


def _tidy(parts: list[str]) -> str:
    """The text of a run, a line per paragraph, spaces collapsed."""
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def page_records(output: str, scope: str, title: str, url: str, kind: str) -> list[SearchRecord]:
    """The search records of one built page (``scope`` is its front matter ``search_index``).

    ``title`` is the page's short title ("Peterborough (2016)"), ``url`` its site-relative
    address and ``kind`` what a result on it is called when it is not an item ("Report",
    "Organisation", "Theme", or empty).
    """
    if scope not in ("full", "summary"):
        return []
    parser = _Article()
    parser.feed(output)
    parser.close()
    runs = [(run.anchor, run.label, _tidy(run.parts)) for run in parser.runs]
    if scope == "summary" or not any(_ITEM_ID.match(anchor) for anchor, _, _ in runs):
        return [_whole_page(runs, scope, title, url, kind)]
    name = report_label(title)
    records = []
    for anchor, label, text in runs:
        if not text:
            continue
        match = _ITEM_ID.match(anchor)
        number = (match["number"] or "").replace("-", ".") if match else ""
        if anchor.startswith("rec-"):
            item_kind = "Recommendation"
        elif anchor.startswith("finding-"):
            item_kind = "Finding"
        elif anchor.startswith("example-"):
            item_kind = label or "Example"
        else:
            item_kind = "Section"
        if item_kind == "Section":
            heading = text.split("\n", 1)[0]  # a section's text starts with its heading
            item_title = f"{name} · {heading}" if heading != name else name
        else:
            item_title = f"{name} · {item_kind} {number}".rstrip()
        address = f"{url}#{anchor}" if anchor else url
        records.append(SearchRecord(address, item_title, item_kind, number, " ".join(text.split())))
    return records


def _whole_page(
    runs: list[tuple[str, str, str]], scope: str, title: str, url: str, kind: str
) -> SearchRecord:
    """A page that is not a report: its title and first paragraph, or all of it."""
    lines = [line for _, _, text in runs for line in text.split("\n") if line]
    if scope == "summary":
        lines = lines[:2]
    return SearchRecord(url, title, kind or "Page", "", " ".join(" ".join(lines).split()))


def report_label(title: str) -> str:
    """``Peterborough (2016)`` → ``Peterborough 2016``: how results name a report."""
    return _SPACE.sub(" ", html.unescape(title).replace("(", "").replace(")", "")).strip()
