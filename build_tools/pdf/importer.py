"""The whole import: a PDF's path to its source text and diagnostics.

:func:`import_files` (``python -m build_tools import``) and :func:`import_pdf` are the entry
points; :func:`check_files` (``import --check``) says what an import would give, with the
running lines removed (:class:`~.furniture.RunningLine`) and the paragraphs joined across page
breaks (:class:`~.paragraphs.PageJoin`), and writes nothing. Refusals (no text layer,
encrypted, damaged, not a CLAS review, output exists) are diagnostics, never exceptions.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..model import Report
from ..reading.parse import TITLE_RE, parse_report
from ..reading.source import decode
from .furniture import RunningLine, drop_furniture, furniture_notes, running_lines
from .glyphs import Glyph, Refused, page_has_images, read_glyphs
from .lines import Line, build_lines, mark_cell_gaps
from .paragraphs import Block, PageJoin, build_blocks, local_margins, make_row, measure, page_joins
from .writing import collect_vocabulary, hyphenating, leaders, render

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ImportResult:
    """The text of one imported PDF and what was found on the way."""

    text: str | None
    diagnostics: list[Diagnostic]
    pages: int = 0
    dropped: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    """The paragraphs, headings, list items and tables the text was written from."""

    @property
    def running(self) -> list[RunningLine]:
        """The running headers, footers and page numbers removed, with their pages."""
        return running_lines(self.dropped)

    @property
    def joins(self) -> list[PageJoin]:
        """Where text was run on across a page break, as one block."""
        return page_joins(self.blocks)


#: Reads a PDF's glyphs page by page; :func:`read_glyphs` (PDFium) is the one used. Other
#: libraries can be plugged in to compare them (``build_tools.devtools.pdf_bench``).
GlyphReader = Callable[[Path], list[list[Glyph]]]


def pdf_to_text(path: Path, reader: GlyphReader | None = None) -> tuple[str, int, list[str]]:
    """The source text of one PDF, its page count and the header/footer lines removed."""
    converted = _convert(path, reader)
    return converted.text, converted.pages, [line.text for line in converted.dropped]


@dataclass(frozen=True, slots=True)
class _Converted:
    text: str
    pages: int
    dropped: list[Line]
    notes: list[str]
    blocks: list[Block]


def _convert(path: Path, reader: GlyphReader | None = None) -> _Converted:
    pages = (reader or read_glyphs)(path)
    counts = [sum(not g.char.isspace() and not g.shape for g in glyphs) for glyphs in pages]
    # A page with a handful of characters (a stamped page number) and a picture is a scan.
    pictured = [
        number
        for number, count in enumerate(counts)
        if count < 30 and reader is None and page_has_images(path, number)
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
    return _Converted(render(blocks, vocabulary), len(pages), dropped, notes, blocks)


def layout(pages: list[list[Glyph]]) -> tuple[list[Block], frozenset[str], list[Line]]:
    """Pages of glyphs as blocks in reading order, the report's words, and the furniture."""
    lines = [build_lines(number, glyphs) for number, glyphs in enumerate(pages)]
    for page, glyphs in zip(lines, pages, strict=True):
        mark_cell_gaps(page, [g for g in glyphs if g.rule])
    lines, dropped = drop_furniture(lines)
    flat = [line for page in lines for line in page]
    if not flat:
        return [], frozenset(), dropped
    metrics = measure(flat)
    rows = [make_row(line, metrics) for line in flat]
    local_margins(rows, metrics, [[g for g in glyphs if g.box] for glyphs in pages])
    # A "-" ending a line is part of the word (an empty vocabulary joins nothing) unless the
    # renderer splits words with plain hyphens: never in a PDF that marks the words it split
    # (soft hyphens at line ends), and only where many line ends look split.
    marked = any(line.glyphs[-1].soft for line in flat)
    vocabulary = frozenset() if marked else collect_vocabulary(rows)
    if vocabulary and not hyphenating(rows, vocabulary):
        vocabulary = frozenset()
    return leaders(build_blocks(rows, metrics, vocabulary), vocabulary), vocabulary, dropped


def import_pdf(
    path: Path, display: str | None = None, reader: GlyphReader | None = None
) -> ImportResult:
    """Import one PDF; never raises for bad content."""
    shown = display if display is not None else str(path)
    try:
        converted = _convert(path, reader)
    except Refused as refusal:
        return ImportResult(None, [diag.make(shown, 0, refusal.code, refusal.message)])
    except OSError as error:
        reason = error.strerror or str(error)
        return ImportResult(
            None, [diag.make(shown, 0, "pdf-unreadable", f"cannot read file: {reason}")]
        )
    text, pages, dropped, notes = (
        converted.text,
        converted.pages,
        converted.dropped,
        converted.notes,
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
    return ImportResult(text, diagnostics, pages, dropped, converted.blocks)


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


@dataclass(frozen=True, slots=True)
class Check:
    """What importing one PDF would give (``import --check``), to read before anything is
    written."""

    pdf: Path
    target: Path
    """The file the import would write."""
    result: ImportResult
    report: Report | None
    """The would-be text parsed as the build will parse it; None when it does not parse."""
    parsing: list[Diagnostic]
    """What reading and parsing the would-be text found (at its lines)."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The import's diagnostics, then the parse's."""
        return [*self.result.diagnostics, *self.parsing]

    @property
    def lines(self) -> int:
        """Lines of the text it would write."""
        return len(self.result.text.splitlines()) if self.result.text is not None else 0


def check_files(
    pdfs: Sequence[Path], out: Path, reader: GlyphReader | None = None
) -> Iterator[Check]:
    """Import each PDF as :func:`import_files` would into ``out``, without writing anything,
    and parse the text it would write."""
    for pdf in pdfs:
        target = out / f"{pdf.stem}.txt"
        result = import_pdf(pdf, reader=reader)
        found: list[Diagnostic] = []
        report = None
        if result.text is not None:
            source, more = decode(str(target), result.text.encode("utf-8"))
            found += more
            if source is not None:
                report, parsed = parse_report(source)
                found += parsed
        yield Check(pdf, target, result, report, found)
