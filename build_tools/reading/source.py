"""Read a source report into normalised lines that keep their original line numbers.

Reports arrive typed or converted by different people: with or without a UTF-8 byte order
mark, with CRLF or LF endings, with no-break spaces and runs of stray spaces. All of that is
normalised here, once, so the parser sees one shape of text; nothing else is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from .text import BLOCK_START, LIST_ITEM

#: Reports are ~100–200 KB; anything over 2 MB is not a CLAS report and is refused. The limit
#: also bounds the time a file of pathological markup takes (a 2 MB line-up of unclosed ``[``
#: takes the inline Markdown parser some 30 seconds).
MAX_BYTES = 2 * 1024 * 1024
#: Reports have ~500–700 lines. A file of tens of thousands of lines (blank ones, or one
#: finding id repeated) is not a report, and the parser's work per block is bounded by it.
MAX_LINES = 20_000
#: The longest paragraph in a report is ~2,000 characters. A longer line than this is read as
#: it is, with a warning: it usually means some line breaks were lost in conversion. Only the
#: file's size bounds a line (``MAX_BYTES``); reading stays linear in it (``make bench``).
MAX_LINE_CHARS = 20_000
#: A file of fewer lines than this holding more than ``MAX_LINE_CHARS`` characters lost its
#: line breaks (a report has hundreds of paragraphs): there is nothing to read it by.
MIN_LINES = 10

#: Text wrapped at a fixed width (pdftotext, e-mail, some converters) is joined back into its
#: paragraphs. Nobody wraps wider than this; a report's paragraphs are longer.
WRAP_MAX_WIDTH = 250
#: A wrapped report has hundreds of lines filled to near its width; fewer means it is not one.
WRAP_MIN_FULL_LINES = 40

# Files that are not text at all, recognised by their first bytes; the usual mistake is
# dropping the PDF itself (or a Word file) into source_reports/ instead of its text.
_SIGNATURES = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word .docx file)"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc file"),
    (b"{\\rtf", "an RTF file"),
)
# Notepad's "Unicode" is UTF-16 with a byte order mark; its NUL bytes would otherwise read as
# "binary".
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Spaces of every width (no-break, figure, narrow, em, ideographic …): one space inside a line,
# an indent before it.
_SPACE_CHARS = " \u00a0\u2007\u202f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Invisible characters that carry no meaning here and are dropped without a warning.
_INVISIBLE = re.compile(r"[\u200b\ufeff]")
# Lines are counted as editors count them (LF, CRLF or CR), so that ``path:line`` opens the
# right line. pdftotext starts every page with a form feed and Word exports soft line breaks
# as vertical tabs or U+2028: they become spaces inside the line.
_NEWLINES = re.compile(r"\r\n|\r|\n")
_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a report after normalisation."""

    number: int
    """1-based line number in the original file."""
    text: str
    """The line with spaces normalised and leading/trailing whitespace removed."""
    indent: int
    """Number of leading spaces before normalisation (nested bullets are indented)."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """A whole report as normalised lines."""

    path: str
    """The path used in diagnostics."""
    lines: tuple[SourceLine, ...]
    """Every line of the file, blank ones included, in order."""


def normalise_line(raw: str) -> str:
    """Collapse spaces (NBSP included) inside each tab-separated cell and trim the line."""
    cells = [_SPACES.sub(" ", cell).strip() for cell in raw.split("\t")]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return "\t".join(cells).strip(" ")


def decode(path: str, data: bytes) -> tuple[SourceText | None, list[Diagnostic]]:
    """Decode bytes into a :class:`SourceText`, or explain why that is impossible."""
    found: list[Diagnostic] = []
    if len(data) > MAX_BYTES:
        found.append(
            diag.make(
                path,
                0,
                "file-too-large",
                f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes "
                "(a CLAS report is about 150 KB) — split or check the file",
            )
        )
        return None, found
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            found.append(
                diag.make(
                    path,
                    0,
                    "unreadable",
                    f"file is {kind}, not text; save the report as UTF-8 text",
                )
            )
            return None, found
    if data.startswith(_UTF16_BOMS):
        found.append(
            diag.make(
                path,
                0,
                "encoding",
                "file is UTF-16 text (it starts with a UTF-16 byte order mark); "
                "save the report as UTF-8",
            )
        )
        return None, found
    if b"\x00" in data[:4096]:
        found.append(
            diag.make(path, 0, "unreadable", "file looks binary (it contains NUL bytes), not text")
        )
        return None, found
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = len(re.findall(rb"\r\n|\r|\n", data[: error.start])) + 1
        found.append(
            diag.make(
                path,
                line,
                "encoding",
                f"byte 0x{data[error.start]:02x} at offset {error.start} is not valid UTF-8; "
                "save the report as UTF-8 (it may be Windows-1252 or Latin-1)",
            )
        )
        return None, found
    written_lines = _NEWLINES.split(text)
    count = len(written_lines) - (written_lines[-1] == "")
    if count > MAX_LINES:
        found.append(
            diag.make(
                path,
                0,
                "file-too-large",
                f"file has {count:,} lines; the limit is {MAX_LINES:,} lines "
                "(a CLAS report has about 700) — check the file",
            )
        )
        return None, found
    filled = sum(1 for written in written_lines if written.strip())
    if filled < MIN_LINES and len(text) > MAX_LINE_CHARS:
        found.append(
            diag.make(
                path,
                1,
                "line-breaks-lost",
                f"file has {len(text):,} characters on {filled} line{'s' * (filled != 1)}; a "
                "report has hundreds of paragraphs — were the file's line breaks lost?",
            )
        )
        return None, found
    for number, written in enumerate(written_lines, start=1):
        if len(written) > MAX_LINE_CHARS:
            found.append(
                diag.make(
                    path,
                    number,
                    "line-too-long",
                    f"line is {len(written):,} characters long, over {MAX_LINE_CHARS:,} (a "
                    "paragraph of a CLAS report is at most about 2,000); read as it is — were "
                    "some line breaks lost?",
                )
            )
    lines: list[SourceLine] = []
    for number, written in enumerate(written_lines, start=1):
        raw = _INVISIBLE.sub("", written)
        if _BREAKS.search(raw):
            raw = _BREAKS.sub(" ", raw.lstrip("\x0b\x0c\x85\u2028\u2029"))
        if _CONTROL.search(raw):
            removed = ", ".join(f"U+{ord(char):04X}" for char in sorted(set(_CONTROL.findall(raw))))
            found.append(
                diag.make(
                    path, number, "control-characters", f"control characters {removed} removed"
                )
            )
            raw = _CONTROL.sub("", raw)
        stripped = raw.lstrip(_SPACE_CHARS)
        if stripped.startswith("\t") and "\t" not in stripped.lstrip(_SPACE_CHARS + "\t"):
            # Tabs before a line that has no other tab indent it (a list item or a numbered
            # paragraph, as some converters write them); tabs between cells make a table row.
            stripped = stripped.lstrip(_SPACE_CHARS + "\t")
        indent = len(raw) - len(stripped)
        # Still as written (no-break spaces kept), so that wrapped lines can be measured.
        lines.append(SourceLine(number, stripped.rstrip(" "), indent))
    width = wrap_width(lines)
    joined = 0
    if width is not None:
        joined = len(lines)
        lines = unwrap(lines, width)
        joined -= len(lines)
    lines = [SourceLine(line.number, normalise_line(line.text), line.indent) for line in lines]
    while lines and not lines[-1].text:
        lines.pop()
    if not any(line.text for line in lines):
        found.append(diag.make(path, 0, "empty-report", "file holds no text"))
        return None, found
    if width is not None:
        found.append(
            diag.make(
                path,
                0,
                "wrapped-lines",
                f"lines are wrapped at {width} characters; {joined:,} lines were "
                "joined back into their paragraphs",
            )
        )
    return SourceText(path, tuple(lines)), found


def wrap_width(lines: list[SourceLine]) -> int | None:
    """The width the text was wrapped at, or None when it is not wrapped.

    Wrapped text has few lines longer than the width and many filled to near it (every line
    of a paragraph but its last); a report that is not wrapped has paragraphs of hundreds of
    characters on one line. Lines with tabs (cover rows, tables) are not wrapped.
    """
    lengths = sorted(
        line.indent + len(line.text) for line in lines if line.text and "\t" not in line.text
    )
    if not lengths:
        return None
    # The width most lines reach and only a few pass (a word longer than the width, a URL).
    width = lengths[int(len(lengths) * 0.98)]
    if width > WRAP_MAX_WIDTH:
        return None
    full = sum(1 for length in lengths if length >= 0.7 * width)
    return width if full >= WRAP_MIN_FULL_LINES and full * 3 >= len(lengths) else None


_DASH = re.compile(r"^[-\u2013\u2014]\s")
_SENTENCE_END = re.compile(r"[.!?:;)\]\"'\u2019\u201d*_]$")


def _continues(block: SourceLine, previous: SourceLine, line: SourceLine, width: int) -> bool:
    """Whether ``line`` is ``previous`` wrapped: the next word would not have fitted on
    ``previous`` (a physical line; ``block`` is what was joined so far), and ``line`` does not
    start a block of its own or hold table cells.

    A line that starts like a numbered paragraph or a list item ("1.3 The …", "- The …")
    starts a block; "1.3 and 1.4" (a number going on in lower case) does not, nor a dash the
    wrapper put first in a sentence that goes on ("… health providers" / "- SSOTP and …"):
    one that follows a full line of a paragraph (not of a list item) that ended no sentence.
    """
    if not previous.text or not line.text or "\t" in previous.text or "\t" in line.text:
        return False
    first_word = line.text.split(" ", 1)[0]
    if previous.indent + len(previous.text) + 1 + len(first_word) <= width:
        return False
    if BLOCK_START.match(line.text) is None:
        return True
    return bool(
        _DASH.match(line.text)
        and LIST_ITEM.match(line.text)
        and not _SENTENCE_END.search(previous.text)
        and not LIST_ITEM.match(block.text)
    )


def unwrap(lines: list[SourceLine], width: int) -> list[SourceLine]:
    """Join each wrapped line to the line it continues (at the first line's number). A line
    that ends in a hyphen after a letter was broken inside a hyphenated word ("multi-" /
    "agency"), so no space is put back there."""
    joined: list[SourceLine] = []
    physical: SourceLine | None = None
    for line in lines:
        if joined and physical is not None and _continues(joined[-1], physical, line, width):
            block = joined[-1]
            hyphen = re.search(r"[^\W\d_]-$", block.text) and line.text[:1].isalpha()
            text = block.text + ("" if hyphen else " ") + line.text
            joined[-1] = SourceLine(block.number, text, block.indent)
        else:
            joined.append(line)
        physical = line
    return joined


def read_source(
    path: Path, display: str | None = None
) -> tuple[SourceText | None, list[Diagnostic]]:
    """Read and decode one report file; never raises for bad content."""
    shown = display if display is not None else str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [diag.make(shown, 0, "unreadable", f"cannot read file: {error.strerror}")]
    return decode(shown, data)
