"""Turn a CQC CLAS review PDF into a source report (``python -m build_tools import``).

CQC publishes each review only as a PDF. This module reads the PDF's text layer with PDFium
(through pypdfium2) glyph by glyph, with each glyph's position, size and font, and rebuilds
the text the way a careful person would transcribe it:

* lines from the glyphs' baselines, with raised, smaller glyphs (superscript ordinals such as
  "14th") folded into the line they belong to;
* running headers and "Page N of M" footers dropped: a page's first or last line that repeats
  (digits aside) across pages, a bare page number, or the report's own title in the margin;
* paragraphs rejoined across line and page breaks: a line that stops short of the right margin
  ends its paragraph; a wider gap, a bullet, a hanging number or a change of size starts one;
* words split at a line end rejoined: soft hyphens always, a hyphen typed in the text only when
  the report spells the word unhyphenated elsewhere ("safe-/guarding"), never in
  "multi-/agency";
* bold and italic kept as ``**``/``*`` where the fonts show them; headings (larger type) kept as
  plain lines; bullets as ``- `` (nested: `` - ``); tables and the cover's review details as
  tab-separated rows (``Label:<TAB>value``), the contents' dotted leaders as ``title<TAB>page``.

The result is the text format of ``source_reports/``. Refusals (no text layer, encrypted,
damaged, not a CLAS review, output exists) are diagnostics, never exceptions.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from pypdfium2 import raw

from . import diagnostics as diag
from .diagnostics import Diagnostic
from .parse import TITLE_RE

log = logging.getLogger(__name__)

# Characters CQC's PDFs (made with Word) and Chromium use for bullets; "o" and Symbol/Wingdings
# private-use bullets are Word's second and third levels.
BULLETS = frozenset(
    "\u2022\u25cf\u25aa\u25a0\u25e6\u2013\u2014-\u27a2\u2713\u00b7o\uf0b7\uf0a7\uf0d8"
)
# Hyphens a renderer inserts where it splits a word (soft hyphen, Unicode hyphen): the word
# was split, so the hyphen goes.
SOFT_HYPHENS = frozenset("\u00ad\u2010")
# Typographic ligatures some fonts map to one character; the text has the letters.
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?$")
_ORDINAL_TAIL = re.compile(r"^(?:st|nd|rd|th)$")
_PAGE_NUMBER = re.compile(
    r"^[-\u2013\u2014|\s]*(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?[-\u2013\u2014|\s]*$", re.IGNORECASE
)
_LEADER = re.compile(r"^(?P<title>.*?\S)\s*(?:\.\s*){3,}(?P<page>\d{1,3})$")
_SENTENCE_END = re.compile(r"[.!?:;)\]\"'\u201d\u2019]$")
# Bullets that are also ordinary characters: a line may start with them mid-paragraph.
_WEAK_BULLETS = frozenset("-\u2013\u2014o")
_GROUP_LINE = re.compile(r"^\d{1,2}\.\s+\D")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@dataclass(slots=True)
class Glyph:
    """One character of the text layer, in PDF points (y grows upwards)."""

    char: str
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    bold: bool
    italic: bool
    soft: bool = False
    raised: bool = False
    shape: bool = False  # a bullet drawn as a small shape, not a character of the text
    box: bool = False  # not a character: a drawn box (a shaded case example) around text
    rule: bool = False  # not a character: a drawn vertical line (a table's column border)
    cell: bool = False  # a space that a column border crosses: it separates two cells

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(slots=True)
class Line:
    """Glyphs sharing a baseline, left to right."""

    page: int
    glyphs: list[Glyph]
    baseline: float = field(init=False)
    height: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        main = [g for g in self.glyphs if not g.raised] or self.glyphs
        self.baseline = statistics.median(g.baseline for g in main)
        self.height = max(g.height for g in main)
        self.top = max(g.top for g in self.glyphs)
        self.bottom = min(g.bottom for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass(slots=True)
class Segment:
    """A stretch of a line between wide gaps: a table cell, a hanging number or the text."""

    glyphs: list[Glyph]

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs).strip()


@dataclass(slots=True)
class Row:
    """A visual line split into segments, with what opens it."""

    line: Line
    segments: list[Segment]
    marker: str = ""  # "bullet", "number" or ""
    label: str = ""  # the bullet character or the hanging number
    inline: bool = False  # a number written in the line ("1.1 Text"), not hanging in the margin
    body: list[Glyph] = field(default_factory=list)  # glyphs after the marker
    right: float = 0.0  # where lines around this one stop: the page's margin, or a box's
    boxed: bool = False  # inside a drawn box (a case example)

    @property
    def text_x(self) -> float:
        return self.body[0].x0 if self.body else self.line.x0


@dataclass(slots=True)
class Block:
    """A paragraph, heading, list item or table, as it will be written."""

    kind: str  # "paragraph", "heading", "bullet", "numbered", "table"
    rows: list[Row]
    level: int = 0
    cells: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class ImportResult:
    """The text of one imported PDF and what was found on the way."""

    text: str | None
    diagnostics: list[Diagnostic]
    pages: int = 0
    dropped: list[Line] = field(default_factory=list)


class Refused(Exception):
    """The PDF cannot be imported; ``code`` and ``message`` make the diagnostic."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- reading the text layer ---------------------------------------------------------------


def read_glyphs(path: Path) -> list[list[Glyph]]:
    """Every page's glyphs, through PDFium; raises :class:`Refused` for unreadable files."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if not head:
        raise Refused("pdf-unreadable", "the file is empty")
    if b"%PDF-" not in head:
        raise Refused("pdf-unreadable", "not a PDF (it does not start with %PDF-)")
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        text = str(error).lower()
        if "password" in text or "security" in text:
            raise Refused(
                "pdf-encrypted",
                "the PDF is encrypted and needs a password; save an unprotected copy "
                "(CQC's published PDFs are not protected)",
            ) from None
        reason = re.sub(r"^.*\(PDFium: (.*?)\)\.?$", r"\1", str(error)).lower()
        raise Refused(
            "pdf-unreadable", f"the PDF is damaged and cannot be opened ({reason})"
        ) from None
    try:
        pages: list[list[Glyph]] = []
        name = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        x, y = ctypes.c_double(), ctypes.c_double()
        box = raw.FS_RECTF()
        for number in range(len(document)):
            try:
                page = document[number]
            except pdfium.PdfiumError:
                raise Refused(
                    "pdf-unreadable", f"the PDF is damaged: page {number + 1} cannot be read"
                ) from None
            textpage = page.get_textpage()
            handle = textpage.raw
            glyphs: list[Glyph] = []
            fonts: dict[bytes, tuple[bool, bool]] = {}
            for index in range(textpage.count_chars()):
                code = raw.FPDFText_GetUnicode(handle, index)
                if raw.FPDFText_IsGenerated(handle, index) or code in (0, 0xFFFE, 0xFFFF):
                    continue
                # PDFium reports a hyphen that ends a line as U+0002; it is the text's own "-".
                char = "-" if code == 2 else chr(code)
                char = LIGATURES.get(char, char)
                if char in "\r\n":
                    continue
                raw.FPDFText_GetLooseCharBox(handle, index, box)
                raw.FPDFText_GetCharOrigin(handle, index, x, y)
                raw.FPDFText_GetFontInfo(handle, index, name, 256, flags)
                key = name.value + bytes([flags.value & 0x7F])
                style = fonts.get(key)
                if style is None:
                    lowered = name.value.decode("latin-1").lower()
                    weight = raw.FPDFText_GetFontWeight(handle, index)
                    style = (
                        weight >= 600 or any(w in lowered for w in ("bold", "black", "heavy")),
                        bool(flags.value & 64) or "italic" in lowered or "oblique" in lowered,
                    )
                    fonts[key] = style
                glyphs.append(
                    Glyph(
                        char=char,
                        x0=box.left,
                        x1=box.right,
                        bottom=box.bottom,
                        top=box.top,
                        baseline=y.value,
                        bold=style[0],
                        italic=style[1],
                        soft=char in SOFT_HYPHENS,
                    )
                )
            glyphs.extend(_bullet_shapes(page))
            pages.append(glyphs)
            textpage.close()
            page.close()
    finally:
        document.close()
    return pages


def _bullet_shapes(page: pdfium.PdfPage) -> list[Glyph]:
    """Drawn marks that matter to the text: small dots and squares (list markers a browser
    draws rather than types) and boxes (a shaded case example), as :class:`Glyph` marks."""
    shapes: list[Glyph] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        shape = drawn(left.value, bottom.value, right.value, top.value)
        if shape is not None:
            shapes.append(shape)
    return shapes


def drawn(left: float, bottom: float, right: float, top: float) -> Glyph | None:
    """A drawn path's mark: a bullet (a dot or square), a box (an inch wide or more), a
    vertical rule (a table's column border), or None."""
    width, height = right - left, top - bottom
    if 1.5 <= width <= 8 and 1.5 <= height <= 8 and abs(width - height) < 1.5:
        middle = (bottom + top) / 2
        return Glyph("\u2022", left, right, bottom, top, middle, False, False, shape=True)
    if width >= 72 and height >= 12:
        return Glyph("", left, right, bottom, top, bottom, False, False, box=True)
    if width <= 2 and height >= 8:
        return Glyph("", left, right, bottom, top, bottom, False, False, rule=True)
    return None


def has_images(path: Path) -> bool:
    """True when some page holds an image (a scan without a text layer has only images)."""
    return any(_page_has_images(path, number) for number in range(_page_count(path)))


def _page_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _page_has_images(path: Path, number: int) -> bool:
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number]
        return any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    finally:
        document.close()


# --- glyphs to lines ----------------------------------------------------------------------


def build_lines(page: int, glyphs: Sequence[Glyph]) -> list[Line]:
    """Group glyphs into lines, top to bottom; raised small glyphs join the line below them."""
    visible = [
        g for g in glyphs if g.char and not g.char.isspace() and g.height > 0 and not g.shape
    ]
    if not visible:
        return []
    shapes = [g for g in glyphs if g.shape and not g.box]
    ordered = sorted(visible, key=lambda g: (-round(g.baseline, 1), g.x0))
    # Glyphs of one size within a third of a line of each other share a line (cells of one
    # table row may sit a little apart); smaller glyphs start their own cluster, to be
    # recognised below as superscript or merged back.
    clusters: list[list[Glyph]] = []
    for glyph in ordered:
        for cluster in reversed(clusters[-4:]):
            reference = cluster[0]
            if abs(glyph.baseline - reference.baseline) <= 0.3 * reference.height and (
                abs(glyph.height - reference.height) <= 0.1 * reference.height
            ):
                cluster.append(glyph)
                break
        else:
            clusters.append([glyph])
    # A cluster of smaller glyphs sitting on the upper part of a bigger line is superscript:
    # it joins that line (it comes before it in the top-down order, being raised).
    stats = {id(cluster): _Cluster.of(cluster) for cluster in clusters}
    tallest = max(item.height for item in stats.values())
    kept = list(clusters)
    for cluster in clusters:
        if stats[id(cluster)].height >= 0.9 * tallest:
            continue  # nothing on the page is big enough to carry it as superscript
        host = _superscript_host(stats[id(cluster)], [stats[id(c)] for c in kept])
        if host is not None:
            for glyph in cluster:
                glyph.raised = True
            host.glyphs.extend(cluster)
            kept = [c for c in kept if c is not cluster]
    # Text of another size on the same baseline (a smaller word in a line) is the same line.
    lines_by_base: list[list[Glyph]] = []
    for cluster in kept:
        for other in lines_by_base:
            if abs(other[0].baseline - cluster[0].baseline) <= 0.15 * other[0].height:
                other.extend(cluster)
                break
        else:
            lines_by_base.append(cluster)
    lines_by_base.sort(key=lambda c: -max(g.baseline for g in c if not g.raised))
    for shape in shapes:
        _attach_marker(shape, lines_by_base)
    lines = [Line(page, sorted(cluster, key=lambda g: g.x0)) for cluster in lines_by_base]
    return [_with_spaces(line) for line in lines]


def _attach_marker(shape: Glyph, lines: list[list[Glyph]]) -> None:
    """Put a drawn bullet at the start of the line it stands in front of, as a "•"."""
    for line in lines:
        first = min(line, key=lambda g: g.x0)
        height = first.height
        if (
            first.bottom <= shape.baseline <= first.top
            and 0 < first.x0 - shape.x1 <= 3 * height
            and not any(g.x0 < shape.x0 for g in line)
        ):
            line.append(
                Glyph(
                    "\u2022",
                    shape.x0,
                    shape.x1,
                    first.bottom,
                    first.top,
                    first.baseline,
                    False,
                    False,
                )
            )
            return


@dataclass(slots=True)
class _Cluster:
    glyphs: list[Glyph]
    height: float
    baseline: float
    left: float
    right: float

    @classmethod
    def of(cls, glyphs: list[Glyph]) -> _Cluster:
        return cls(
            glyphs,
            max(g.height for g in glyphs),
            glyphs[0].baseline,
            min(g.x0 for g in glyphs),
            max(g.x1 for g in glyphs),
        )


def _superscript_host(cluster: _Cluster, clusters: list[_Cluster]) -> _Cluster | None:
    """The line a small raised cluster belongs to, when it is superscript."""
    for candidate in clusters:
        if candidate.glyphs is cluster.glyphs:
            continue
        big = candidate.height
        if (
            cluster.height < 0.9 * big
            and candidate.baseline < cluster.baseline < candidate.baseline + 0.6 * big
            and candidate.left - big <= cluster.right
            and cluster.left <= candidate.right + big
            and any(
                g.x0 - big <= cluster.right and cluster.left <= g.x1 + big for g in candidate.glyphs
            )
        ):
            return candidate
    return None


def _with_spaces(line: Line) -> Line:
    """Insert spaces where the gap between glyphs is wider than a letter's spacing."""
    out: list[Glyph] = []
    reach = 0.0  # where the last glyph, or an invisible soft hyphen after it, ends
    for index, glyph in enumerate(line.glyphs):
        if glyph.char == "\u00ad" and index < len(line.glyphs) - 1:
            # Only a soft hyphen that ends a line is printed; inside a line it is nothing.
            reach = max(reach, glyph.x1)
            continue
        if out:
            previous = out[-1]
            gap = glyph.x0 - max(previous.x1, reach)
            size = min(glyph.height, previous.height) if glyph.raised == previous.raised else 0
            size = size or max(glyph.height, previous.height)
            threshold = 0.08 * size if not (glyph.raised or previous.raised) else 0.12 * size
            if gap > threshold:
                both = previous.bold and glyph.bold, previous.italic and glyph.italic
                out.append(
                    Glyph(
                        " ",
                        previous.x1,
                        glyph.x0,
                        previous.bottom,
                        previous.top,
                        previous.baseline,
                        both[0],
                        both[1],
                    )
                )
        out.append(glyph)
        reach = glyph.x1
    return Line(line.page, out)


def _mark_cell_gaps(lines: list[Line], rules: list[Glyph]) -> None:
    """Mark the spaces that a table's drawn column border crosses: cells may sit closer than
    the gap that otherwise tells cells apart (Word's cell margins are under an em)."""
    if not rules:
        return
    for line in lines:
        crossing = [r for r in rules if r.bottom <= line.baseline <= r.top]
        for glyph in line.glyphs:
            if glyph.char == " " and any(
                glyph.x0 - 0.5 <= r.x0 and r.x1 <= glyph.x1 + 0.5 for r in crossing
            ):
                glyph.cell = True


def _segments(line: Line) -> list[Segment]:
    """Split a line where a gap is wider than about one and a quarter em (cells, margins), or
    where a column border crosses it."""
    segments: list[list[Glyph]] = [[]]
    for glyph in line.glyphs:
        current = segments[-1]
        if glyph.char == " " and (glyph.cell or glyph.x1 - glyph.x0 > 1.1 * line.height):
            segments.append([])
            continue
        current.append(glyph)
    return [Segment(glyphs) for glyphs in segments if "".join(g.char for g in glyphs).strip()]


# --- page furniture -----------------------------------------------------------------------


def drop_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], list[Line]]:
    """Remove running headers and footers; returns the pages and the lines removed.

    A header or footer is a page's first or last lines that repeat, digits aside, at the same
    height on many pages; a bare page number ("3", "Page 3 of 40") at a page's edge; or the
    report's title set smaller than the text at a page's edge.
    """
    counts: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        for line in _edge_lines(lines):
            counts[_furniture_key(line)] += 1
    repeated = max(2, (len(pages) + 1) // 3)
    dropped: list[Line] = []
    cleaned: list[list[Line]] = []
    for lines in pages:
        edges = {id(line) for line in _edge_lines(lines)}
        typical = _typical_height(lines)
        kept = []
        for line in lines:
            key = _furniture_key(line)
            if id(line) in edges and (
                counts[key] >= repeated
                or _PAGE_NUMBER.match(key[0])
                or (TITLE_RE.match(line.text) and line.height < 0.95 * typical)
            ):
                dropped.append(line)
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned, dropped


def _furniture_key(line: Line) -> tuple[str, int]:
    text = re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.text.strip().lower()))
    return text, round(line.baseline / 6)


def _edge_lines(lines: list[Line]) -> list[Line]:
    """The first two and last two lines of a page: where headers and footers sit."""
    if len(lines) <= 4:
        return list(lines)
    return [*lines[:2], *lines[-2:]]


def _typical_height(lines: Iterable[Line]) -> float:
    heights = Counter(round(line.height, 1) for line in lines)
    return heights.most_common(1)[0][0] if heights else 0.0


# --- lines to blocks ----------------------------------------------------------------------


def _row(line: Line, metrics: _Metrics) -> Row:
    segments = _segments(line)
    if _justified(line, segments, metrics):
        segments = [Segment(list(line.glyphs))]
    row = Row(line, segments)
    glyphs = list(line.glyphs)
    first = segments[0] if segments else None
    if first is None:
        return row
    head = first.text
    if len(segments) >= 2 and _NUMBER.match(head):
        row.marker, row.label = "number", head
        row.body = _after(glyphs, segments[1].glyphs[0])
        row.segments = segments[1:]
        return row
    if head[:1] in BULLETS and (len(head) == 1 or head[1] == " ") and _is_bullet(line, head):
        row.marker, row.label = "bullet", head[0]
        rest = list(glyphs[1:])
        while rest and rest[0].char == " ":
            rest = rest[1:]
        row.body = rest
        if len(head) == 1 and len(segments) >= 2:
            row.segments = segments[1:]
        return row
    if gap := _tab_after_number(line):
        # "1.10<tab>text": a number set apart by a gap like a tab's, too narrow for a cell
        # gap, hangs in the margin whatever the text after it starts with.
        row.marker, row.label = "number", head.split()[0]
        row.body = glyphs[glyphs.index(gap) + 1 :]
        return row
    # "1.2 Text" opens a numbered paragraph; "5.1 as at 2.12 above)" and "5.2. 14, 5.2. 15" are
    # references that a line break put first.
    match = re.match(r"^(\d{1,2}(?:\.\d{1,2}){1,2}\.?)\s+(?=[^a-z\d\s])", head)
    if match and len(segments) == 1:
        row.marker, row.label, row.inline = "number", match[1], True
        row.body = _after(glyphs, glyphs[len(match[0])])
        return row
    row.body = glyphs
    return row


def _tab_after_number(line: Line) -> Glyph | None:
    """The gap after a finding's number that opens the line, when it is much wider than the
    line's other spaces (a tab to a hanging indent), not an ordinary space."""
    words = line.text.split(" ", 1)
    if len(words) < 2 or "." not in words[0] or not _NUMBER.match(words[0]):
        return None
    spaces = [g for g in line.glyphs if g.char == " "]
    if len(spaces) < 3:
        return None
    gap, others = spaces[0], sorted(g.x1 - g.x0 for g in spaces[1:])
    wide = gap.x1 - gap.x0 > max(0.5 * line.height, 1.8 * others[len(others) // 2])
    return gap if wide else None


def _after(glyphs: list[Glyph], start: Glyph) -> list[Glyph]:
    return glyphs[glyphs.index(start) :]


def _is_bullet(line: Line, head: str) -> bool:
    """A dash or "o" opens a list item only when a gap follows it, like a bullet's tab."""
    if head[0] not in "-o\u2013\u2014":
        return True
    glyphs = line.glyphs
    return (
        len(glyphs) > 2
        and glyphs[1].char == " "
        and glyphs[1].x1 - glyphs[1].x0 > 0.3 * line.height
    )


@dataclass(slots=True)
class _Metrics:
    body_height: float
    right: float
    pitch: float
    justified: bool = False  # text set flush to both margins
    space: float = 0.25  # a word space, as a share of the line's height


def _metrics(lines: list[Line]) -> _Metrics:
    """The body text's line height, right margin and line spacing."""
    heights: Counter[float] = Counter()
    for line in lines:
        heights[round(line.height, 1)] += len(line.glyphs)
    body = heights.most_common(1)[0][0] if heights else 10.0
    body_lines = [line for line in lines if abs(line.height - body) < 0.5]
    rights = sorted(line.x1 for line in body_lines) or [0.0]
    # The right margin: where the longest lines stop, ignoring the odd line that overhangs.
    right = rights[int(0.98 * (len(rights) - 1))] if len(rights) >= 50 else rights[-1]
    pitches: Counter[float] = Counter()
    for above, below in itertools.pairwise(body_lines):
        gap = above.baseline - below.baseline
        if above.page == below.page and 0.9 * body < gap < 2.5 * body:
            pitches[round(gap, 1)] += 1
    # The usual distance between lines of a paragraph (ties: the closer spacing).
    pitch = min(pitches, key=lambda gap: (-pitches[gap], gap)) if pitches else 1.2 * body
    # Justified text: most lines end exactly at the margin (only a paragraph's last line
    # stops short), so there a line that stops short ends its paragraph.
    flush = sum(1 for line in body_lines if line.x1 >= right - 0.15 * body)
    justified = len(body_lines) >= 20 and flush >= 0.5 * len(body_lines)
    # Word spaces, measured on lines that were not stretched to the margin.
    ragged = [line for line in body_lines if not justified or line.x1 < right - 0.15 * body]
    spaces = [
        (g.x1 - g.x0) / line.height
        for line in ragged[:2000]
        for g in line.glyphs
        if g.char == " " and g.x1 - g.x0 < 1.1 * line.height
    ]
    space = statistics.median(spaces) if spaces else 0.25
    return _Metrics(body, right, pitch, justified, space)


def _local_margins(rows: list[Row], metrics: _Metrics, boxes: list[list[Glyph]]) -> None:
    """Set each row's right margin: the page's, or that of the box it sits in.

    Text in a drawn box (a shaded case example) stops short of the page margin: as far from
    the box's right side as its lines start from the box's left side.
    """
    inside = [
        _box_of(row, boxes[row.line.page] if row.line.page < len(boxes) else []) for row in rows
    ]
    starts: dict[int, float] = {}
    for row, box in zip(rows, inside, strict=True):
        if box is not None:
            starts[id(box)] = min(starts.get(id(box), row.line.x0), row.line.x0)
    for row, box in zip(rows, inside, strict=True):
        row.right = metrics.right
        row.boxed = box is not None
        if box is not None:
            row.right = min(metrics.right, box.x1 - (starts[id(box)] - box.x0))


def _box_of(row: Row, boxes: list[Glyph]) -> Glyph | None:
    """The smallest drawn box around a row, if any."""
    around = [
        box
        for box in boxes
        if box.x0 - 1 <= row.line.x0
        and row.line.x1 <= box.x1 + 1
        and box.bottom - 1 <= row.line.baseline <= box.top + 1
    ]
    return min(around, key=lambda box: (box.x1 - box.x0) * (box.top - box.bottom), default=None)


def _is_full(block: Block, below: Row, metrics: _Metrics) -> bool:
    """True when the block's last line ends only because ``below``'s first word would not fit.

    In justified text a line that runs on ends flush with the margin; only a paragraph's last
    line stops short. That rule holds where the document is justified, for paragraphs (lists
    are rarely justified even where text is) whose earlier lines all ended flush.
    """
    above = block.rows[-1]
    height = above.line.height
    right = above.right or metrics.right
    # A line that stopped short and yet ran on shows this block is not justified.
    justified = (
        metrics.justified
        and block.kind in ("paragraph", "numbered")
        and all(row.line.x1 >= (row.right or right) - 0.15 * height for row in block.rows[:-1])
    )
    if justified:
        return above.line.x1 >= right - 0.15 * height
    body = below.body or below.line.glyphs
    width = 0.0
    for glyph in body:
        if glyph.char == " ":
            break
        width = glyph.x1 - body[0].x0
    # The line is full if the next word, after a space, would have ended past the margin
    # (less a little for the renderer's rounding).
    return above.line.x1 + metrics.space * height + width > right - 0.15 * height


def build_blocks(rows: list[Row], metrics: _Metrics, vocabulary: frozenset[str]) -> list[Block]:
    blocks: list[Block] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if _is_table_row(row):
            end, cells = _table(rows, index, metrics, vocabulary)
            if len(cells) > 1 or cells[0][0].rstrip("*").endswith(":"):
                blocks.append(Block("table", rows[index:end], cells=cells))
                index = end
                continue
            # One line with wide gaps is justified text, not a table of one row.
            row.segments = [Segment(list(row.line.glyphs))]
        block = _start_block(row, metrics, blocks)
        index += 1
        while index < len(rows):
            following = rows[index]
            if following.marker == "bullet" and following.label in _WEAK_BULLETS:
                # "2013" / "– 2016 appropriately …": a dash that a line break put first, in
                # a paragraph that runs on, is the text's own dash, not a list item.
                plain = _unmarked(following)
                if _continues(block, plain, metrics):
                    following = plain
            if not _continues(block, following, metrics):
                break
            block.rows.append(following)
            index += 1
        blocks.append(block)
    return blocks


def _unmarked(row: Row) -> Row:
    return Row(row.line, row.segments, body=list(row.line.glyphs))


def _start_block(row: Row, metrics: _Metrics, blocks: list[Block]) -> Block:
    if row.line.height > 1.12 * metrics.body_height and row.marker != "bullet":
        # "5.1 Leadership and management" set large is a heading, number and all.
        return Block("heading", [_unmarked(row)])
    if row.marker == "bullet":
        return Block("bullet", [row], level=_bullet_level(row, blocks))
    if row.marker == "number":
        return Block("numbered", [row])
    return Block("paragraph", [row])


def _bullet_level(row: Row, blocks: list[Block]) -> int:
    for block in reversed(blocks):
        if block.kind != "bullet":
            break
        marker_x = block.rows[0].line.x0
        if row.line.x0 > marker_x + 0.8 * row.line.height:
            return min(block.level + 1, 1)
        if abs(row.line.x0 - marker_x) <= 0.8 * row.line.height:
            return block.level
    return 0


def _continues(block: Block, row: Row, metrics: _Metrics) -> bool:
    last = block.rows[-1]
    if block.kind == "table" or row.marker or _is_table_row(row):
        return False
    if _LEADER.match(last.line.text) or _LEADER.match(row.line.text):
        return False  # contents lines: "Early help ........ 8"
    height = last.line.height
    if abs(row.line.height - height) > 0.12 * height:
        return False
    if block.kind == "heading":
        # A heading runs on to a line close below it, or further down (looser spacing) only
        # when its line was full: two short lines with space between are two headings (the
        # cover's subtitle lines).
        gap = last.line.baseline - row.line.baseline
        close = gap < 1.25 * height or (gap < 1.6 * height and _is_full(block, row, metrics))
        return row.line.page == last.line.page and close
    if not _aligned_under(block, row) or row.boxed != last.boxed:
        return False  # a paragraph never runs into or out of a box
    if not _is_full(block, row, metrics):
        return False
    if row.line.page != last.line.page:
        return not _bold_heading(row, last)
    gap = last.line.baseline - row.line.baseline
    return gap <= 1.25 * metrics.pitch * height / metrics.body_height


def _bold_heading(row: Row, above: Row) -> bool:
    """A short line wholly in bold, or a numbered one: a heading set at the text's size, or a
    recommendation group's line.

    Used at page breaks, where no gap shows that a paragraph ended. A bold line that opens
    with a bracket ("(Recommendation 2.1)"), ends a sentence, or fills the line runs on.
    """
    text = row.line.text.strip()
    bold = all(g.bold and not g.italic for g in row.line.glyphs if not g.char.isspace())
    if bold and _GROUP_LINE.match(text) and text[text.index(".") + 1 :].strip()[:1].isupper():
        return True  # "4. South Staffordshire District Council … should:"
    return (
        bold
        and len(text.split()) <= 8
        and (text[:1].isupper() or text[:1].isdigit())
        and not re.search(r"[.,;:)\]]$", text)
        and row.line.x1 < (row.right or above.right) - 3 * row.line.height
    )


def _justified(line: Line, segments: list[Segment], metrics: _Metrics) -> bool:
    """A line of text justified to both margins, whose stretched spaces look like cell gaps.

    Justifying stretches every space of a line alike and ends it at the right margin; a table
    row has ordinary spaces inside its cells and wide gaps only between them.
    """
    spaces = [g.x1 - g.x0 for g in line.glyphs if g.char == " "]
    return (
        len(segments) >= 2
        and not any(g.cell for g in line.glyphs)
        and len(spaces) >= 2
        and max(spaces) <= 1.35 * min(spaces)
        and line.x1 >= metrics.right - 0.5 * line.height
    )


def _aligned_under(block: Block, row: Row) -> bool:
    """Whether ``row`` starts where the next line of ``block`` would.

    Lines after the first run on under the text (a hanging number or bullet), under the
    number or bullet itself (numbers written in the line), or, in a paragraph, at the margin
    its second line set (a first-line indent).
    """
    first = block.rows[0]
    tolerance = 0.8 * row.line.height
    if len(block.rows) > 1:
        starts = [block.rows[1].line.x0]
    elif block.kind in ("bullet", "numbered"):
        starts = [first.text_x, first.line.x0]
    else:
        starts = [first.line.x0]
    if any(abs(row.line.x0 - x) <= tolerance for x in starts):
        return True
    if len(block.rows) == 1 and first.marker and not first.inline:
        # A hanging indent narrower than the number ("1.10", "5.1.10"): the first line's text
        # was pushed on to the next tab stop, the lines below wrap back to the indent.
        return first.line.x0 + tolerance < row.line.x0 < first.text_x
    # A paragraph's first line may be indented: the second line starts further left.
    return block.kind == "paragraph" and len(block.rows) == 1 and row.line.x0 < first.line.x0


def _is_table_row(row: Row) -> bool:
    return len(row.segments) >= 2 and not row.marker


def _table(
    rows: list[Row], start: int, metrics: _Metrics, vocabulary: frozenset[str]
) -> tuple[int, list[list[str]]]:
    """Read a table from ``rows[start]``: returns where it ends and its cells."""
    members = [rows[start]]
    index = start + 1
    while index < len(rows):
        row, last = rows[index], members[-1]
        same_page = row.line.page == last.line.page
        gap = last.line.baseline - row.line.baseline if same_page else 0.0
        in_row = same_page and gap <= 1.25 * metrics.pitch
        if _is_table_row(row) or (
            in_row and not row.marker and row.line.height <= 1.1 * last.line.height
        ):
            if not _is_table_row(row) and not _aligned(row, members):
                break
            members.append(row)
            index += 1
            continue
        break
    columns = _columns(members)
    # Rows set apart by padding are told by the gaps; rows set line under line (a contents
    # list) by each line that fills more than one cell.
    gapped = any(
        above.line.baseline - below.line.baseline > 1.25 * metrics.pitch
        for above, below in itertools.pairwise(members)
        if above.line.page == below.line.page
    )
    grid: list[list[list[list[Glyph]]]] = []
    previous: Row | None = None
    for row in members:
        new_row = previous is None or row.line.page != previous.line.page
        if previous is not None and not new_row:
            if gapped:
                new_row = previous.line.baseline - row.line.baseline > 1.25 * metrics.pitch
            else:
                new_row = _is_table_row(row)
        if new_row:
            grid.append([[] for _ in columns])
        for segment in row.segments or [Segment(row.line.glyphs)]:
            column = min(range(len(columns)), key=lambda c: abs(columns[c] - segment.x0))
            grid[-1][column].append(_trim(segment.glyphs))
        previous = row
    cells = [[_join_cell(parts, vocabulary) for parts in line] for line in grid]
    return index, cells


def _aligned(row: Row, members: list[Row]) -> bool:
    starts = [segment.x0 for member in members for segment in member.segments]
    return any(abs(row.line.x0 - x) < 0.8 * row.line.height for x in starts)


def _columns(rows: list[Row]) -> list[float]:
    starts = sorted(segment.x0 for row in rows for segment in row.segments)
    columns: list[float] = []
    for x in starts:
        if not columns or x - columns[-1] > 2 * rows[0].line.height:
            columns.append(x)
    return columns


def _join_cell(parts: list[list[Glyph]], vocabulary: frozenset[str]) -> str:
    glyphs: list[Glyph] = []
    for part in parts:
        glyphs = _join(glyphs, part, vocabulary)
    # A cell set wholly in bold is a heading cell ("Date of review:"): the bold is the table's.
    whole = all(g.bold for g in glyphs if not g.char.isspace())
    return _styled(glyphs, plain=whole).replace("\t", " ")


# --- blocks to text -----------------------------------------------------------------------


def _styled(glyphs: Sequence[Glyph], plain: bool = False) -> str:
    """Text with ``**bold**`` and ``*italic*`` where the fonts change.

    Markers are opened and closed like tags, so an italic paragraph with one bold word reads
    ``*… to be **good**. For …*``; they sit against the words, never against a space.
    """
    text = "".join(g.char for g in glyphs)
    if plain or not any(g.bold or g.italic for g in glyphs if not g.char.isspace()):
        return text
    out: list[str] = []
    stack: list[str] = []
    pending = ""  # spaces waiting until the next word shows which markers close before them
    for glyph in glyphs:
        if glyph.char.isspace():
            pending += glyph.char
            continue
        wanted = [m for m, on in (("**", glyph.bold), ("*", glyph.italic)) if on]
        if wanted != [m for m in stack if m in wanted] or any(m not in wanted for m in stack):
            reopen: list[str] = []
            while stack and any(m not in wanted for m in stack):
                closing = stack.pop()
                out.append(closing)
                if closing in wanted:
                    reopen.append(closing)
            out.append(pending)
            pending = ""
            for marker in [
                *reversed(reopen),
                *(m for m in wanted if m not in stack and m not in reopen),
            ]:
                stack.append(marker)
                out.append(marker)
        out.append(pending + glyph.char)
        pending = ""
    out.extend(reversed(stack))
    out.append(pending)
    return "".join(out)


def _space(left: Glyph, right: Glyph) -> Glyph:
    return Glyph(
        " ",
        left.x1,
        right.x0,
        left.bottom,
        left.top,
        left.baseline,
        left.bold and right.bold,
        left.italic and right.italic,
    )


def _join(left: list[Glyph], right: list[Glyph], vocabulary: frozenset[str]) -> list[Glyph]:
    """Join two lines of one paragraph, repairing a word split at the line end."""
    if not left or not right:
        return [*left, *right]
    last = left[-1]
    if last.soft:
        return [*left[:-1], *right]
    if last.char == "-" and len(left) > 1 and left[-2].char.isalnum():
        head = "".join(g.char for g in left[:-1])
        tail = "".join(g.char for g in right)
        letters = re.search(r"[A-Za-z]+$", head)
        rest = re.match(r"[a-z]+", tail)
        if letters and rest and _split_word(letters[0], rest[0], vocabulary):
            return [*left[:-1], *right]
        return [*left, *right]  # "multi-" / "agency", "pan-" / "Dorset": the hyphen is real
    return [*left, _space(last, right[0]), *right]


def _trim(glyphs: list[Glyph]) -> list[Glyph]:
    start, end = 0, len(glyphs)
    while start < end and glyphs[start].char.isspace():
        start += 1
    while end > start and glyphs[end - 1].char.isspace():
        end -= 1
    return glyphs[start:end]


def block_text(block: Block, vocabulary: frozenset[str]) -> str:
    glyphs: list[Glyph] = []
    for row in block.rows:
        glyphs = _join(glyphs, _trim(row.body or row.line.glyphs), vocabulary)
    # Headings, and numbered lines wholly in bold ("1. Dorset CCG should:", "2. Children in
    # need"), which the site shows as headings, are written without the bold their type gives.
    whole = "".join(g.char for g in glyphs)
    if block.kind == "numbered":
        whole = f"{block.rows[0].label} {whole}"  # the number may hang in the margin
    plain = block.kind == "heading" or (
        all(g.bold for g in glyphs if not g.char.isspace()) and _GROUP_LINE.match(whole) is not None
    )
    text = _styled(glyphs, plain=plain)
    if block.kind == "bullet":
        return (" " * block.level) + "- " + text
    if block.kind == "numbered":
        return f"{block.rows[0].label} {text}"
    return text


# Prefixes that make hyphenated words ("pro-active", "under-utilised", "peri-natal"): a "-"
# after one of them at a line end is the author's, even where the report also closes it up.
_PREFIXES = frozenset(
    re.findall(
        r"\w+",
        "ante anti co counter cross de e ex extra inter intra mid multi non off on out over peri "
        "post pre pro re self semi sub super trans un under up well",
    )
)


def _split_word(head: str, tail: str, vocabulary: frozenset[str]) -> bool:
    """Whether "head-" at a line end and "tail" below are one word the renderer split.

    Only when the report spells the word whole elsewhere and never with the hyphen, the part
    below is not a word of its own ("under-" / "utilised") and the part above is not a prefix
    ("pro-" / "active"): otherwise the hyphen is the author's.
    """
    head, tail = head.lower(), tail.lower()
    return (
        head + tail in vocabulary
        and f"{head}-{tail}" not in vocabulary
        and tail not in vocabulary
        and head not in _PREFIXES
    )


def _hyphenating(rows: Sequence[Row], vocabulary: frozenset[str]) -> bool:
    """Whether the renderer split words at line ends with a plain "-" (as TeX and
    LibreOffice can): at least three line ends look like split words. Word does not split
    words unless told to, so in most PDFs a "-" ending a line is the author's own."""
    splits = 0
    for above, below in itertools.pairwise(rows):
        head = re.search(r"[A-Za-z]{2,}-$", above.line.text.rstrip())
        tail = re.match(r"[a-z]+", below.line.text.lstrip())
        if head and tail and _split_word(head[0][:-1], tail[0], vocabulary):
            splits += 1
            if splits >= 3:
                return True
    return False


def _vocabulary(rows: Iterable[Row]) -> frozenset[str]:
    """Every word the report spells whole, hyphenated words included ("multi-agency").

    Both halves of a word cut by a hyphen at a line end are left out, so that "child-" +
    "minder" can only become "childminder" if the report writes "childminder" somewhere else,
    and "minder" counts as a word only where it stands alone.
    """
    words: set[str] = set()
    cut = False  # the line above ended in "-"
    for row in rows:
        text = row.line.text.strip()
        for index, match in enumerate(_WORD.finditer(text)):
            if (match.end() == len(text) - 1 and text.endswith("-")) or (
                cut and index == 0 and match.start() == 0
            ):
                continue
            words.add(match[0].lower())
        cut = text.endswith("-")
    return frozenset(words)


def render(blocks: list[Block], vocabulary: frozenset[str]) -> str:
    out: list[str] = []
    previous = ""
    for block in blocks:
        if block.kind == "table":
            lines = [_table_line(cells) for cells in block.cells]
            if out:
                out.append("")
            out.extend(line for line in lines if line)
            previous = "table"
            continue
        text = block_text(block, vocabulary)
        if not text.strip():
            continue
        if not (block.kind == "bullet" and previous == "bullet") and out:
            out.append("")
        out.append(text)
        previous = block.kind
    return "\n".join(out) + "\n"


def _table_line(cells: list[str]) -> str:
    cells = [cell.strip() for cell in cells]
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) == 2 and (leader := _LEADER.match(f"{cells[0]} ... {cells[1]}")):
        return f"{leader['title']}\t{leader['page']}"
    return "\t".join(cells)


def _leaders(blocks: list[Block], vocabulary: frozenset[str]) -> list[Block]:
    """Contents lines written with dotted leaders become ``title<TAB>page`` table rows."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and len(block.rows) == 1:
            match = _LEADER.match(block_text(block, vocabulary))
            if match:
                cells = [match["title"], match["page"]]
                if out and out[-1].kind == "table" and _LEADER.match(out[-1].rows[-1].line.text):
                    out[-1].rows.append(block.rows[0])
                    out[-1].cells.append(cells)
                else:
                    out.append(Block("table", list(block.rows), cells=[cells]))
                continue
        out.append(block)
    return out


# --- the whole import ---------------------------------------------------------------------


#: Reads a PDF's glyphs page by page; :func:`read_glyphs` (PDFium) is the one used. Other
#: libraries can be plugged in to compare them (``build_tools.pdf_compare``).
GlyphReader = Callable[[Path], list[list[Glyph]]]


def pdf_to_text(path: Path, reader: GlyphReader | None = None) -> tuple[str, int, list[str]]:
    """The source text of one PDF, its page count and the header/footer lines removed."""
    text, pages, dropped, _ = _convert(path, reader)
    return text, pages, [line.text for line in dropped]


def _convert(
    path: Path, reader: GlyphReader | None = None
) -> tuple[str, int, list[Line], list[str]]:
    pages = (reader or read_glyphs)(path)
    counts = [sum(not g.char.isspace() and not g.shape for g in glyphs) for glyphs in pages]
    # A page with a handful of characters (a stamped page number) and a picture is a scan.
    pictured = [
        number
        for number, count in enumerate(counts)
        if count < 30 and reader is None and _page_has_images(path, number)
    ]
    if pictured and 2 * len(pictured) >= len(pages):
        raise Refused(
            "pdf-no-text",
            f"the PDF has no text layer: it is a scan ({len(pictured)} of its {len(pages)} pages "
            "are images); run OCR on it first (for example with ocrmypdf) and import the result",
        )
    if not any(counts):
        raise Refused("pdf-no-text", "the PDF holds no text")
    notes = [
        f"page {number + 1} is a picture without a text layer (a scanned page?): "
        + ("nothing was" if not counts[number] else f"only {counts[number]} characters were")
        + " imported from it; type its text into the imported file"
        for number in pictured
    ]
    blocks, vocabulary, dropped = layout(pages)
    if not blocks:
        raise Refused("pdf-no-text", "the PDF holds no text besides page headers and footers")
    return render(blocks, vocabulary), len(pages), dropped, notes


def layout(pages: list[list[Glyph]]) -> tuple[list[Block], frozenset[str], list[Line]]:
    """Pages of glyphs as blocks in reading order, the report's words, and the furniture."""
    lines = [build_lines(number, glyphs) for number, glyphs in enumerate(pages)]
    for page, glyphs in zip(lines, pages, strict=True):
        _mark_cell_gaps(page, [g for g in glyphs if g.rule])
    lines, dropped = drop_furniture(lines)
    flat = [line for page in lines for line in page]
    if not flat:
        return [], frozenset(), dropped
    metrics = _metrics(flat)
    rows = [_row(line, metrics) for line in flat]
    _local_margins(rows, metrics, [[g for g in glyphs if g.box] for glyphs in pages])
    # A "-" ending a line is part of the word (an empty vocabulary joins nothing) unless the
    # renderer splits words with plain hyphens: never in a PDF that marks the words it split
    # (soft hyphens at line ends), and only where many line ends look split.
    marked = any(line.glyphs[-1].soft for line in flat)
    vocabulary = frozenset() if marked else _vocabulary(rows)
    if vocabulary and not _hyphenating(rows, vocabulary):
        vocabulary = frozenset()
    return _leaders(build_blocks(rows, metrics, vocabulary), vocabulary), vocabulary, dropped


def import_pdf(
    path: Path, display: str | None = None, reader: GlyphReader | None = None
) -> ImportResult:
    """Import one PDF; never raises for bad content."""
    shown = display if display is not None else str(path)
    try:
        text, pages, dropped, notes = _convert(path, reader)
    except Refused as refusal:
        return ImportResult(None, [diag.make(shown, 0, refusal.code, refusal.message)])
    except OSError as error:
        reason = error.strerror or str(error)
        return ImportResult(
            None, [diag.make(shown, 0, "pdf-unreadable", f"cannot read file: {reason}")]
        )
    lines = text.splitlines()
    opening = [index for index, line in enumerate(lines[:40]) if line.strip()][:12]
    title = next((index for index in opening if TITLE_RE.match(lines[index])), None)
    headers = Counter(line.text.strip() for line in dropped if TITLE_RE.match(line.text.strip()))
    if title is None and headers:
        # The cover's title is a picture, but every page's running header names the review.
        lines = [headers.most_common(1)[0][0], "", *lines]
        text = "\n".join(lines) + "\n"
        opening, title = [0], 0
    if title is None:
        first = lines[opening[0]] if opening else ""
        found = first[:80] + ("…" if len(first) > 80 else "")
        message = (
            "not a CLAS review: its first page has no 'Review of health services for Children "
            f"Looked After and Safeguarding in …' title (it opens with {found!r})"
        )
        return ImportResult(None, [diag.make(shown, 0, "pdf-not-clas", message)], pages)
    if title != opening[0]:
        # Text above the title (a logo's words, "Care Quality Commission") follows it, as part
        # of the subtitle, so that the report still opens with its title.
        head = [line for line in lines[:title] if line.strip()]
        lines = [
            lines[title],
            "",
            *[item for line in head for item in (line, "")],
            *lines[title + 1 :],
        ]
        text = "\n".join(lines) + "\n"
    diagnostics = [diag.make(shown, 0, "pdf-page-no-text", note) for note in notes]
    diagnostics += [
        diag.make(shown, 0, "pdf-furniture", note) for note in furniture_notes(dropped, pages)
    ]
    return ImportResult(text, diagnostics, pages, dropped)


def furniture_notes(dropped: Sequence[Line], pages: int) -> list[str]:
    """One sentence for each running header or footer removed, so that it can be checked.

    Lines that differ only in their numbers ("Page 2 of 40", "Page 3 of 40"), which
    :func:`drop_furniture` counted as one, are one entry, with the pages they were on; entries
    come in the order they first appear.
    """
    if not dropped:
        return []
    groups: dict[str, list[Line]] = {}
    for line in dropped:
        groups.setdefault(_furniture_key(line)[0], []).append(line)
    notes = []
    for key, members in groups.items():
        first, last = members[0].text.strip(), members[-1].text.strip()
        shown = repr(first) if first == last else f"{first!r} to {last!r}"
        what = "page numbers" if _PAGE_NUMBER.match(key) else "running header or footer"
        on = sorted({line.page + 1 for line in members})
        if len(on) == pages:
            counted = f"all {pages} pages"
        elif len(on) == 1:
            counted = f"page {on[0]}"
        else:
            counted = f"{len(on)} of the {pages} pages ({_page_ranges(on)})"
        notes.append(f"removed the {what} {shown} from {counted}")
    return notes


def _page_ranges(pages: list[int]) -> str:
    """``[2, 3, 4, 7]`` as "pages 2–4, 7"; long lists are cut short after six ranges."""
    ranges: list[str] = []
    for _, run in itertools.groupby(enumerate(pages), key=lambda pair: pair[1] - pair[0]):
        numbers = [page for _, page in run]
        ranges.append(str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}\u2013{numbers[-1]}")
    shown = ", ".join(ranges[:6]) + (
        f" and {len(ranges) - 6} more ranges" if len(ranges) > 6 else ""
    )
    return f"pages {shown}"


@dataclass(frozen=True, slots=True)
class Imported:
    """What ``import`` did with one PDF."""

    pdf: Path
    target: Path | None
    diagnostics: list[Diagnostic]
    pages: int = 0
    dropped: int = 0


def import_files(
    pdfs: Sequence[Path], out: Path, force: bool = False, reader: GlyphReader | None = None
) -> Iterator[Imported]:
    """Import each PDF into ``out/<stem>.txt``; one refusal never stops the others."""
    for pdf in pdfs:
        target = out / f"{pdf.stem}.txt"
        if target.exists() and not force:
            yield Imported(
                pdf,
                None,
                [
                    diag.make(
                        str(pdf),
                        0,
                        "output-exists",
                        f"{target} already exists; remove it or import with --force to "
                        "overwrite it",
                    )
                ],
            )
            continue
        result = import_pdf(pdf, reader=reader)
        if result.text is None:
            yield Imported(pdf, None, result.diagnostics, result.pages)
            continue
        try:
            out.mkdir(parents=True, exist_ok=True)
            target.write_text(result.text, encoding="utf-8")
        except OSError as error:
            reason = f"cannot write {target}: {error.strerror or error}"
            yield Imported(pdf, None, [diag.make(str(pdf), 0, "output-unwritable", reason)])
            continue
        log.info(
            "%s: %d pages, %d header/footer lines removed", pdf, result.pages, len(result.dropped)
        )
        yield Imported(pdf, target, result.diagnostics, result.pages, len(result.dropped))
