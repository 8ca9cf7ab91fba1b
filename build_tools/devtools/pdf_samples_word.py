"""Print source reports as Word-made CQC PDFs, with reportlab: a third producer of test PDFs.

CQC's published reports were made by Microsoft Word; :mod:`build_tools.devtools.pdf_samples` prints
the test PDFs with Chromium. So that the importer is not fitted to one renderer, this module
lays the same reports out the way Word does, with reportlab's platypus, and writes PDFs whose
text layer is reportlab's own:

* A4, 25 mm margins, 11 pt Helvetica (the standard font that stands for Arial; not embedded),
  headings in bold at 14 pt and 12 pt, 8 pt after each paragraph, list items closed up;
* a cover page without header or footer (Word's "different first page"): a logo that is a
  picture, the title set large, the subtitle, and the review details as a two-column table;
  a contents page whose entries run to their page numbers along dotted leaders (typed dots,
  as Word draws a tab leader);
* a running header on every later page, left-aligned above a rule, and a footer that is a bare
  centred page number for some reports and "Page N of M" for others (chosen from the file's
  name, so always the same for one report);
* findings and recommendations numbered like Word's lists: the number, then the text at the
  next tab stop (a 10 mm hanging indent, or the next 12.7 mm default stop when the number is
  wider, so that only the first line's text starts further in); recommendation groups and
  numbered headings ("1. Early help") the same, in bold; bullets "•" (Symbol) at 6.35 mm
  with the text at 12.7 mm, the second level Word's "o" in Courier at 19 mm;
* raised ordinals ("14th"), words broken after their own hyphens at line ends (Word does not
  hyphenate otherwise, so there are no soft hyphens), tables with Word's 0.19 cm cell margins
  and a shaded bold header row, case examples on a shaded ground that breaks across pages;
  pages break wherever the text falls, and one list per report (the one
  :mod:`build_tools.devtools.pdf_samples` marks) is made to break inside an item.

What each source line is (heading, finding, group, bullet, table, case example) is decided by
:func:`build_tools.devtools.pdf_samples._body_html`, whose HTML this module reads back into
flowables, so the three producers agree on the report and differ only in how it is printed::

    python -m build_tools.devtools.pdf_samples_word source_reports/*.txt --out .cache/pdf-word
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBG,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _RLParagraph
from reportlab.platypus.paragraph import _SplitFragH, _SplitFragHY

from ..model import Report
from ..reading.parse import normalise_title
from ..reading.source import SourceText
from .pdf_samples import _CONTENTS_ENTRY, _body_html, read_report, report_parts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 25 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BODY_SIZE = 11.0
LEADING = 13.5  # Word's "multiple 1.08" spacing of 11 pt Arial
AFTER = 8.0  # Word's 8 pt after each paragraph
HANGING = 10 * mm  # findings' and recommendations' text, after the number
TAB_STOP = 12.7 * mm  # Word's default tab stops, every half inch
BOX_FILL = colors.Color(0.91, 0.93, 0.96)
RULE = colors.Color(0.55, 0.55, 0.55)

_BODY = ParagraphStyle(
    "Normal",
    fontName="Helvetica",
    fontSize=BODY_SIZE,
    leading=LEADING,
    spaceAfter=AFTER,
    embeddedHyphenation=1,  # Word breaks "multi-agency" after its hyphen at a line end
    allowWidows=1,
    allowOrphans=1,
)
_HEADING_1 = ParagraphStyle(
    "Heading 1",
    parent=_BODY,
    fontName="Helvetica-Bold",
    fontSize=14,
    leading=17,
    spaceBefore=12,
    spaceAfter=6,
    keepWithNext=1,
)
_HEADING_2 = ParagraphStyle(
    "Heading 2", parent=_HEADING_1, fontSize=12, leading=14.5, spaceBefore=10, spaceAfter=4
)
_TITLE = ParagraphStyle(
    "Title", parent=_BODY, fontName="Helvetica-Bold", fontSize=26, leading=31, spaceAfter=14
)
_SUBTITLE = ParagraphStyle("Subtitle", parent=_BODY, fontSize=16, leading=20, spaceAfter=6)
_CELL = ParagraphStyle("Table text", parent=_BODY, spaceAfter=0)
_CELL_BOLD = ParagraphStyle("Table heading", parent=_CELL, fontName="Helvetica-Bold")
_HEADER = ParagraphStyle("Header", fontName="Helvetica", fontSize=9)
# Bullets: (bullet position, text position, bullet character, bullet font) per level.
_BULLET_LEVELS = (
    (6.35 * mm, 12.7 * mm, "\u2022", "Symbol"),
    (19.05 * mm, 25.4 * mm, "o", "Courier"),
)


def footer_style(stem: str) -> str:
    """``"page"`` ("Page N of M") or ``"bare"`` ("N"): fixed per report, mixed across reports."""
    return "page" if zlib.crc32(stem.encode("utf-8")) % 2 else "bare"


class Paragraph(_RLParagraph):  # type: ignore[misc]
    """reportlab's paragraph, keeping a word's own hyphen when its lines are laid out again.

    reportlab 5.1 breaks "multi-agency" after its hyphen at a line end (as Word does) and
    keeps the two pieces in the paragraph's fragments; when the paragraph is laid out again
    (it did not fit at the foot of a page, or it was split across pages), the pieces are
    joined back with the hyphen dropped ("multiagency"): reportlab takes the word's hyphen
    for one it added. Giving the head piece its own copy of the style keeps the pieces apart,
    so the hyphen stays.
    """

    def breakLines(self, widths: Any) -> Any:
        lines = super().breakLines(widths)
        for frag in self.frags:
            if (
                isinstance(frag, _SplitFragH)
                and not isinstance(frag, _SplitFragHY)
                and isinstance(frag[-1], tuple)
                and frag[-1][1].endswith("-")
            ):
                style, text = frag[-1]
                frag[-1] = (style.clone(), text)
        return lines


# --- inline markup ----------------------------------------------------------------------

_INLINE_TAGS = {"strong": "b", "b": "b", "em": "i", "i": "i", "sup": "super"}


def _numbered_style(number: str, base: ParagraphStyle, hanging: float) -> ParagraphStyle:
    """A hanging number followed by a tab: the text goes to the hanging indent, or to the next
    default tab stop when the number reaches past it (as "5.1.16" does), as Word sets it."""
    width = stringWidth(number, base.fontName, base.fontSize)
    stop = hanging
    while stop < width + 0.25 * base.fontSize:
        stop = (int(stop / TAB_STOP) + 1) * TAB_STOP
    return ParagraphStyle(
        f"{base.name} {number}",
        parent=base,
        leftIndent=hanging,
        firstLineIndent=stop - hanging,
        bulletIndent=0,
        bulletFontName=base.fontName,
        bulletFontSize=base.fontSize,
    )


_NUMBERED_BODY = ParagraphStyle("List Number", parent=_BODY)
_GROUP = ParagraphStyle(
    "List Number Bold", parent=_BODY, fontName="Helvetica-Bold", spaceBefore=4, keepWithNext=1
)
_GROUP_NUMBER = re.compile(r"^(?P<number>\d{1,2}\.)\s+(?P<text>\S.*)$", re.DOTALL)
# "1. Early help", "5.1 Leadership and management": Word's numbered headings, number and tab.
_HEADING_NUMBER = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})?\.?)\s+(?P<text>\S.*)$", re.DOTALL)


def _bullet_style(level: int, last: bool) -> ParagraphStyle:
    bullet, text, _, font = _BULLET_LEVELS[min(level, 1)]
    return ParagraphStyle(
        f"List Bullet {level + 1}{' last' if last else ''}",
        parent=_BODY,
        leftIndent=text,
        bulletIndent=bullet,
        bulletFontName=font,
        bulletFontSize=BODY_SIZE,
        spaceAfter=AFTER if last else 0,  # Word's contextual spacing: none between items
    )


# --- the body: _body_html's HTML read back into flowables ---------------------------------


@dataclass
class _Item:
    level: int
    markup: str
    split: bool = False  # the page is to break below this item's first line


@dataclass
class _Collector:
    """Where inline text goes while an element is open."""

    tag: str
    kind: str = ""
    parts: list[str] = field(default_factory=list)
    number: list[str] = field(default_factory=list)
    in_number: bool = False
    split: bool = False

    def add(self, text: str) -> None:
        (self.number if self.in_number else self.parts).append(text)

    @property
    def markup(self) -> str:
        return "".join(self.parts).strip()


class _Flowables(HTMLParser):
    """Turn :func:`.pdf_samples._body_html`'s elements into Word-like flowables."""

    def __init__(self, width: float, hanging: float) -> None:
        super().__init__(convert_charrefs=True)
        self.width = width
        self.hanging = hanging
        self.containers: list[list[Any]] = [[]]
        self.divs: list[str] = []
        self.text: _Collector | None = None
        self.depth = 0  # open <ul> elements
        self.items: list[_Item] = []
        self.rows: list[list[str]] | None = None
        self.cell: _Collector | None = None

    @property
    def story(self) -> list[Any]:
        return self.containers[0]

    def _add(self, flowable: Any) -> None:
        self.containers[-1].append(flowable)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        target = self.cell or self.text
        if tag in _INLINE_TAGS and target is not None:
            target.add(f"<{_INLINE_TAGS[tag]}>")
        elif tag == "span" and self.text is not None and attributes.get("class") == "n":
            self.text.in_number = True
        elif tag in ("h2", "h3", "p"):
            self.text = _Collector(tag, attributes.get("class") or "")
        elif tag == "ul":
            self._end_item()
            self.depth += 1
        elif tag == "li":
            self._end_item()
            split = attributes.get("id") == "clas-split"
            self.text = _Collector("li", str(self.depth - 1), split=split)
        elif tag == "table":
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag == "td":
            self.cell = _Collector("td")
        elif tag == "div":
            kind = "box" if attributes.get("class") == "box" else "other"
            self.divs.append(kind)
            if kind == "box":
                self.containers.append([])

    def handle_endtag(self, tag: str) -> None:
        target = self.cell or self.text
        if tag in _INLINE_TAGS and target is not None:
            target.add(f"</{_INLINE_TAGS[tag]}>")
        elif tag == "span" and self.text is not None:
            self.text.in_number = False
        elif tag in ("h2", "h3", "p") and self.text is not None:
            self._block(self.text)
            self.text = None
        elif tag == "li":
            self._end_item()
        elif tag == "ul":
            self._end_item()
            self.depth -= 1
            if not self.depth:
                self._list()
        elif tag == "td" and self.cell is not None and self.rows is not None:
            self.rows[-1].append(self.cell.markup)
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self._add(_data_table(self.rows, self._width()))
            self.rows = None
        elif tag == "div" and self.divs and self.divs.pop() == "box":
            inner = self.containers.pop()
            if inner:
                self.containers[-1].extend(_box(inner))

    def handle_data(self, data: str) -> None:
        target = self.cell or self.text
        if target is not None:
            # Word does not hyphenate on its own: the soft hyphens Chromium breaks at go.
            target.add(escape(data.replace("\u00ad", "").replace("\n", " ")))

    def _width(self) -> float:
        return self.width - (len(self.containers) - 1) * 2 * _BOX_PADDING

    def _end_item(self) -> None:
        if self.text is not None and self.text.tag == "li":
            if self.text.markup:
                self.items.append(_Item(int(self.text.kind), self.text.markup, self.text.split))
            self.text = None

    def _list(self) -> None:
        paragraphs = []
        for index, item in enumerate(self.items):
            _, _, bullet, _ = _BULLET_LEVELS[min(item.level, 1)]
            last = index == len(self.items) - 1
            style = _bullet_style(item.level, last)
            paragraphs.append(Paragraph(item.markup, style, bulletText=bullet))
        split = next((i for i, item in enumerate(self.items) if item.split), None)
        if split is not None:
            self._add(_BreakInside(paragraphs[:split]))
        for paragraph in paragraphs:
            self._add(paragraph)
        self.items = []

    def _block(self, text: _Collector) -> None:
        markup = text.markup
        if not markup and not text.number:
            return
        if text.tag in ("h2", "h3"):
            style = _HEADING_1 if text.tag == "h2" else _HEADING_2
            if match := _HEADING_NUMBER.match(markup):
                numbered = _numbered_style(match["number"], style, self.hanging)
                self._add(Paragraph(match["text"], numbered, bulletText=match["number"]))
            else:
                self._add(Paragraph(markup, style))
        elif text.kind == "numbered":
            number = "".join(text.number).strip()
            style = _numbered_style(number, _NUMBERED_BODY, self.hanging)
            self._add(Paragraph(markup, style, bulletText=number))
        elif text.kind == "group" and (match := _GROUP_NUMBER.match(markup)):
            style = _numbered_style(match["number"], _GROUP, self.hanging)
            self._add(Paragraph(match["text"], style, bulletText=match["number"]))
        elif text.kind == "group":
            self._add(Paragraph(markup, _GROUP))
        else:
            self._add(Paragraph(markup, _BODY))


class _BreakInside(Flowable):  # type: ignore[misc]
    """Blank space before a list, so that the page breaks inside the list item after
    ``before``: below its first line (:mod:`build_tools.devtools.pdf_samples` marks one list per
    report so, to test that the importer joins a list item across a page break)."""

    def __init__(self, before: list[Any]) -> None:
        super().__init__()
        self.before = before

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        above = sum(
            p.wrap(available_width, PAGE_HEIGHT)[1] + p.getSpaceAfter() for p in self.before
        )
        space = available_height - above - 1.5 * LEADING
        # Too little room left on this page: go to the next one and measure again there.
        return available_width, space if space >= 0 else available_height + 1

    def draw(self) -> None:
        pass


_BOX_PADDING = 6.0


def _box(inner: list[Any]) -> list[Any]:
    """A case example: its paragraphs on a shaded ground, as Word shades paragraphs (a filled
    rectangle behind each), inset from the ground's edges; it breaks across pages."""
    boxed: list[Any] = [
        FrameBG(color=BOX_FILL, start=True),
        Spacer(1, _BOX_PADDING),
    ]
    for flowable in inner:
        if isinstance(flowable, Paragraph):
            style = flowable.style
            flowable.style = ParagraphStyle(
                f"{style.name} boxed",
                parent=style,
                leftIndent=style.leftIndent + _BOX_PADDING,
                rightIndent=style.rightIndent + _BOX_PADDING,
                bulletIndent=style.bulletIndent + _BOX_PADDING,
            )
        else:
            flowable.hAlign = "CENTER"
        boxed.append(flowable)
    boxed.append(FrameBG(start=False))  # the last paragraph's space after pads the foot
    return boxed


def _data_table(rows: list[list[str]], width: float) -> Table:
    """A table of the report's: ruled cells, the header row shaded and bold, as Word sets it."""
    columns = max(len(row) for row in rows)
    lengths = [
        max((len(re.sub(r"<[^>]+>", "", row[c])) for row in rows if c < len(row)), default=1)
        for c in range(columns)
    ]
    weights = [max(8, length) for length in lengths]
    widths = [width * weight / sum(weights) for weight in weights]
    data = [
        [
            Paragraph(row[c] if c < len(row) else "", _CELL_BOLD if r == 0 else _CELL)
            for c in range(columns)
        ]
        for r, row in enumerate(rows)
    ]
    table = Table(
        data, colWidths=widths, repeatRows=0, hAlign="LEFT", spaceBefore=2, spaceAfter=AFTER
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5.4),  # Word's 0.19 cm cell margins
                ("RIGHTPADDING", (0, 0), (-1, -1), 5.4),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


# --- cover and contents -----------------------------------------------------------------

_COVER_ORDINAL = re.compile(r"\b(\d{1,2}) ?(st|nd|rd|th)\b")


class _Leader(Flowable):  # type: ignore[misc]
    """A contents entry: the title, a dotted leader of typed dots, the page number."""

    def __init__(self, title: str, page: str, indent: float) -> None:
        super().__init__()
        self.title, self.page, self.indent = title, page, indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, LEADING + 4

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont("Helvetica", BODY_SIZE)
        baseline = 4 + (LEADING - BODY_SIZE) / 2
        canvas.drawString(self.indent, baseline, self.title)
        end = self.indent + stringWidth(self.title, "Helvetica", BODY_SIZE)
        page_width = stringWidth(self.page, "Helvetica", BODY_SIZE)
        canvas.drawRightString(self.width, baseline, self.page)
        dot = stringWidth(". ", "Helvetica", BODY_SIZE)
        count = int((self.width - page_width - end - 6) / dot)
        if count > 0:
            dots = ". " * count
            canvas.drawRightString(self.width - page_width - 3, baseline, dots.rstrip())


def _cover(report: Report, cover_texts: list[str]) -> list[Any]:
    story: list[Any] = [Spacer(1, 45 * mm), Paragraph(escape(report.title), _TITLE)]
    story.extend(Paragraph(escape(line), _SUBTITLE) for line in report.subtitle)
    story.append(Spacer(1, 12 * mm))
    rows = []
    for row in report.cover:
        value = _COVER_ORDINAL.sub(r"\1<super>\2</super>", escape(row.value))
        rows.append([Paragraph(escape(f"{row.label}:"), _CELL_BOLD), Paragraph(value, _CELL)])
    if rows:
        table = Table(rows, colWidths=[0.38 * TEXT_WIDTH, 0.62 * TEXT_WIDTH], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5.4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5.4),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story.append(table)
    entries = [m for text in cover_texts if (m := _CONTENTS_ENTRY.match(text))]
    if entries:
        levels = {normalise_title(h.title): h.level for h in report.sections}
        story.extend([PageBreak(), Paragraph("Contents", _HEADING_1)])
        for entry in entries:
            sub = levels.get(normalise_title(entry["title"])) == 3
            story.append(_Leader(entry["title"], entry["page"], 5 * mm if sub else 0))
    return story


# --- pages ------------------------------------------------------------------------------


class _WordCanvas(Canvas):  # type: ignore[misc]
    """Draws every page's footer once the page count is known ("Page N of M")."""

    def __init__(self, *args: Any, footer: str = "bare", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for number, state in enumerate(self._saved, start=1):
            self.__dict__.update(state)
            if number > 1:  # the cover has neither header nor footer
                text = f"Page {number} of {total}" if self._footer == "page" else str(number)
                self.setFont("Helvetica", 9)
                self.drawCentredString(PAGE_WIDTH / 2, 12.5 * mm, text)
            super().showPage()
        super().save()


@functools.cache
def _logo() -> Any:
    """The cover's logo: a picture (Word embeds CQC's logo as an image), no text layer."""
    picture = Image.new("RGB", (360, 120), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((4, 4, 116, 116), radius=18, fill=(58, 42, 115))
    draw.text((30, 48), "CQC", fill=(255, 255, 255))
    for row, word in enumerate(("Care", "Quality", "Commission")):
        draw.text((132, 22 + 28 * row), word, fill=(58, 42, 115))
    return ImageReader(picture)


def _cover_page(canvas: Any, _doc: Any) -> None:
    canvas.drawImage(_logo(), MARGIN, PAGE_HEIGHT - MARGIN - 20 * mm, 60 * mm, 20 * mm)


def _header(text: str) -> Any:
    def draw(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(_HEADER.fontName, _HEADER.fontSize)
        canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
        canvas.drawString(MARGIN, PAGE_HEIGHT - 15 * mm, text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, PAGE_HEIGHT - 16.8 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 16.8 * mm)
        canvas.restoreState()

    return draw


def report_story(source: SourceText, hanging: float = HANGING) -> tuple[list[Any], str]:
    """The report's flowables, cover first, and its running header's text; ``hanging`` is
    where numbered paragraphs' text starts (points from the margin)."""
    report, cover, body, header = report_parts(source)
    flowables = _Flowables(TEXT_WIDTH, hanging)
    flowables.feed("\n".join(_body_html(report, body)))
    flowables.close()
    story = [
        NextPageTemplate("body"),
        *_cover(report, [line.text for line in cover]),
        PageBreak(),
        *flowables.story,
    ]
    return story, header


def write_pdf(source: SourceText, target: Path, footer: str, hanging: float = HANGING) -> None:
    """Lay ``source`` out as Word would and write the PDF to ``target``."""
    story, header = report_story(source, hanging)
    frame = Frame(MARGIN, MARGIN, TEXT_WIDTH, PAGE_HEIGHT - 2 * MARGIN, 0, 0, 0, 0, id="text")
    document = BaseDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=header,
        author="Care Quality Commission",
        creator="build_tools.devtools.pdf_samples_word (laid out as Word lays CQC's reports out)",
        invariant=1,
        pageTemplates=[
            PageTemplate("cover", [frame], onPage=_cover_page),
            PageTemplate("body", [frame], onPage=_header(header)),
        ],
    )
    document.build(story, canvasmaker=functools.partial(_WordCanvas, footer=footer))


def make_word_pdfs(sources: Iterable[Path], out: Path, hanging: float = HANGING) -> list[Path]:
    """Print each source report to ``out/<stem>.pdf`` in the Word style; the paths written.

    ``hanging`` (points) is the hanging indent of numbered paragraphs: 10 mm by default; a
    number that reaches past it pushes its line's text to the next 12.7 mm tab stop.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for path in sources:
        target = out / f"{path.stem}.pdf"
        write_pdf(read_report(path), target, footer_style(path.stem), hanging)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.devtools.pdf_samples_word")
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path(".cache/pdf-word"))
    parser.add_argument(
        "--hanging", type=float, default=HANGING / mm, help="numbered paragraphs' indent, mm"
    )
    args = parser.parse_args(argv)
    for path in make_word_pdfs(args.sources, args.out, args.hanging * mm):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
