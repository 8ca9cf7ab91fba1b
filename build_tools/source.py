"""Read a source report into normalised lines that keep their original line numbers.

Reports arrive typed or converted by different people: with or without a UTF-8 byte order
mark, with CRLF or LF endings, with no-break spaces and runs of stray spaces. All of that is
normalised here, once, so the parser sees one shape of text; nothing else is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import diagnostics as diag
from .diagnostics import Diagnostic

#: Reports are ~100–200 KB; anything this large is not a CLAS report and is refused.
MAX_BYTES = 8 * 1024 * 1024

_SPACES = re.compile(r"[ \u00a0\u2007\u202f\u2000-\u200a\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0c|\x85")


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
    if b"\x00" in data[:4096]:
        found.append(
            diag.make(path, 0, "unreadable", "file looks binary (it contains NUL bytes), not text")
        )
        return None, found
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
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
    lines: list[SourceLine] = []
    for number, written in enumerate(_NEWLINES.split(text), start=1):
        raw = written
        if _CONTROL.search(raw):
            if "\ufeff" not in raw and "\u200b" not in raw:
                found.append(
                    diag.make(path, number, "control-characters", "control characters removed")
                )
            raw = _CONTROL.sub("", raw)
        stripped = raw.lstrip(" \u00a0")
        indent = len(raw) - len(stripped)
        lines.append(SourceLine(number, normalise_line(raw), indent))
    while lines and not lines[-1].text:
        lines.pop()
    if not any(line.text for line in lines):
        found.append(diag.make(path, 0, "empty-report", "file holds no text"))
        return None, found
    return SourceText(path, tuple(lines)), found


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
