"""Read a PDF's text layer with PDFium (through pypdfium2), glyph by glyph.

Each glyph comes with its position, size and font (bold, italic); marks drawn rather than typed
that matter to the text (a browser's list bullets, boxes around case examples, tables' column
borders) come as glyphs too. A file that cannot be read raises :class:`Refused`.
"""

from __future__ import annotations

import ctypes
import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from pypdfium2 import raw

# Characters CQC's PDFs (made with Word) and Chromium use for bullets; "o" and Symbol/Wingdings
# private-use bullets are Word's second and third levels.
BULLETS = frozenset(
    "\u2022\u25cf\u25aa\u25a0\u25e6\u2013\u2014-\u27a2\u2713\u00b7o\uf0b7\uf0a7\uf0d8"
)
# Hyphens a renderer inserts where it splits a word (soft hyphen, Unicode hyphen): the word
# was split, so the hyphen goes.
SOFT_HYPHENS = frozenset("\u00ad\u2010")
# Typographic ligatures some fonts map to one character (the presentation forms U+FB00 to
# U+FB06: ff, fi, fl, ffi, ffl, long s t, st); the text has the letters.
LIGATURES = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


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


class Refused(Exception):
    """The PDF cannot be imported; ``code`` and ``message`` make the diagnostic."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


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
        chars: list[list[Char]] = []
        shapes: list[list[Glyph]] = []
        for number in range(len(document)):
            try:
                page = document[number]
            except pdfium.PdfiumError:
                raise Refused(
                    "pdf-unreadable", f"the PDF is damaged: page {number + 1} cannot be read"
                ) from None
            chars.append(_page_chars(page))
            shapes.append(_bullet_shapes(page))
            page.close()
    finally:
        document.close()
    metrics = font_metrics(chars)
    return [[*glyphs_of(page, metrics), *marks] for page, marks in zip(chars, shapes, strict=True)]


@dataclass(frozen=True, slots=True)
class Char:
    """One character as the PDF library reports it, before it becomes a :class:`Glyph`."""

    char: str
    left: float
    bottom: float
    right: float
    top: float
    x: float
    """Where the glyph it belongs to starts on the baseline (its origin)."""
    y: float
    """The baseline."""
    font: str
    size: float
    """The font's size as the PDF sets it (advances and extents are measured per unit)."""
    bold: bool
    italic: bool
    ink: float | None = None
    """Where the glyph's ink ends on the right, when known. PDFium's box (``left`` to
    ``right``) runs from the origin over the glyph's advance, and on over ink that overhangs
    it: where the box ends with the ink, it says nothing of the advance."""


def _page_chars(page: pdfium.PdfPage) -> list[Char]:
    """A page's characters through PDFium, in its order, spaces it made up left out."""
    textpage = page.get_textpage()
    handle = textpage.raw
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    ink = [ctypes.c_double() for _ in range(4)]
    chars: list[Char] = []
    fonts: dict[bytes, tuple[bool, bool]] = {}
    try:
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
            raw.FPDFText_GetCharBox(handle, index, *ink)
            raw.FPDFText_GetCharOrigin(handle, index, x, y)
            raw.FPDFText_GetFontInfo(handle, index, name, 256, flags)
            key = name.value + bytes([flags.value & 0x7F])
            style = fonts.get(key)
            if style is None:
                style = font_style(
                    name.value.decode("latin-1"),
                    raw.FPDFText_GetFontWeight(handle, index),
                    bool(flags.value & 64),
                )
                fonts[key] = style
            chars.append(
                Char(
                    char,
                    box.left,
                    box.bottom,
                    box.right,
                    box.top,
                    x.value,
                    y.value,
                    key.decode("latin-1"),
                    raw.FPDFText_GetFontSize(handle, index),
                    *style,
                    ink[1].value,
                )
            )
    finally:
        textpage.close()
    return chars


# Words in a font's name ("DejaVuSans-BoldOblique", "Arial,Bold", "TimesNewRomanPS-ItalicMT")
# that say how heavy it is.
_BOLD_NAMES = ("bold", "black", "heavy", "demi", "semibold")
_UPRIGHT_NAMES = ("regular", "book", "roman", "normal", "light", "medium", "italic", "oblique")


def font_style(name: str, weight: int, italic_flag: bool) -> tuple[bool, bool]:
    """Whether a font is bold and whether it is italic, from its name, weight and flags.

    The name decides where it names a weight or style: the weight PDFium gives is often
    estimated from the font's stems, and says 610 for DejaVu Sans Oblique and 455 for
    DejaVu Sans Bold. It decides only for names that say nothing ("F1", "Calibri").
    """
    lowered = name.rsplit("+", maxsplit=1)[-1].lower()
    bold = any(word in lowered for word in _BOLD_NAMES) or (
        weight >= 600 and not any(word in lowered for word in _UPRIGHT_NAMES)
    )
    return bold, italic_flag or "italic" in lowered or "oblique" in lowered


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """What a document's own glyphs show of each font, per unit of the font's size."""

    advances: dict[str, dict[str, float]]
    """Font → character → how far a glyph of that one character moves the pen, where the
    document shows it (the usual distance from its origin to the next letter's)."""
    widths: dict[str, dict[str, float]]
    """Font → character → how far its box reaches from its origin (past its advance where its
    ink overhangs, as an italic "f" does)."""
    extents: dict[str, tuple[float, float]]
    """Font → how far its glyphs' boxes reach below and above the baseline."""

    def advance(self, font: str, letters: str) -> float | None:
        """How far ``letters`` set one by one in ``font`` (else in another font that has
        them all) move the pen, per unit of size; None when no font shows them all."""
        for name in (font, *sorted(self.widths)):
            measured, boxes = self.advances.get(name, {}), self.widths.get(name, {})
            if all(letter in measured or letter in boxes for letter in letters):
                return sum(measured.get(letter, boxes.get(letter, 0.0)) for letter in letters)
        return None


def _same_glyph(char: Char, previous: Char) -> bool:
    return (
        abs(char.x - previous.x) < 0.01
        and abs(char.y - previous.y) < 0.01
        and char.font == previous.font
    )


def _overhangs(char: Char) -> bool:
    """Whether the glyph's box ends with its ink, past its advance (an italic "f")."""
    return char.ink is not None and char.right <= char.ink + 0.01


def font_metrics(pages: Iterable[Sequence[Char]]) -> FontMetrics:
    """Each font's advances, widths and extents, measured on glyphs that hold one character.

    A glyph's box runs from its origin over its advance, so the box's reach from the origin
    is the advance, unless the ink overhangs it. Where every instance of a glyph overhangs,
    its advance is the largest distance from its origin to the next letter's in a word (a
    pair that kerning draws together comes closer; one set apart is rare). Its extents are
    how far its box reaches below and above the baseline.
    """
    exact: dict[str, dict[str, list[float]]] = {}
    steps: dict[str, dict[str, list[float]]] = {}
    boxes: dict[str, dict[str, list[float]]] = {}
    heights: dict[str, list[tuple[float, float]]] = {}
    for chars in pages:
        parts = {
            index for index in range(1, len(chars)) if _same_glyph(chars[index], chars[index - 1])
        }
        parts |= {index - 1 for index in parts}
        for index, char in enumerate(chars):
            if index in parts or char.size <= 0 or char.char.isspace():
                continue  # a ligature's letter has a share of its ink for a box
            width = (char.right - char.x) / char.size
            boxes.setdefault(char.font, {}).setdefault(char.char, []).append(width)
            heights.setdefault(char.font, []).append(
                ((char.y - char.bottom) / char.size, (char.top - char.y) / char.size)
            )
            if not _overhangs(char):
                exact.setdefault(char.font, {}).setdefault(char.char, []).append(width)
                continue
            following = chars[index + 1] if index + 1 < len(chars) else None
            if following is None or following.font != char.font:
                continue
            step = (following.x - char.x) / char.size
            # The next letter of the word starts under the overhanging ink; after a space (as
            # wide as an overhang at least), a line's end or a column it lies further off.
            if abs(following.y - char.y) < 0.01 and 0 < step <= width:
                steps.setdefault(char.font, {}).setdefault(char.char, []).append(step)
    advances: dict[str, dict[str, float]] = {}
    for font in sorted({*exact, *steps}):
        measured = {letter: max(seen) for letter, seen in steps.get(font, {}).items()}
        measured.update(
            (letter, statistics.median(seen)) for letter, seen in exact.get(font, {}).items()
        )
        advances[font] = measured
    widths = {
        font: {letter: statistics.median(seen) for letter, seen in letters.items()}
        for font, letters in boxes.items()
    }
    extents = {
        font: (
            statistics.median(below for below, _ in seen),
            statistics.median(above for _, above in seen),
        )
        for font, seen in heights.items()
    }
    return FontMetrics(advances, widths, extents)


def glyphs_of(chars: Sequence[Char], metrics: FontMetrics) -> list[Glyph]:
    """A page's characters as glyphs, each from its origin over its advance (how far it moves
    the pen), a ligature's letters as one glyph.

    The gap between two glyphs says whether a space stands between them, so a glyph's box
    must end where the next letter of its word would start. PDFium's box runs on over ink
    that overhangs (an italic "f" reaches over the space after it, an italic "p" over the
    space before it: "ofphysical"). A font may set "fi", "ffl" and the like as one glyph (a
    ligature); where the PDF maps it to its letters, PDFium reports each letter at the
    glyph's origin with a share of its ink for a box, which ends short of where the next
    letter starts ("fi ndings"). So a box is cut back to the origin and the advance, and a
    ligature's letters become one glyph again, as wide as they are when set one by one in
    that font and as tall as the font's other glyphs.
    """
    glyphs: list[Glyph] = []
    ligatures: list[tuple[Glyph, Char]] = []
    for index, char in enumerate(chars):
        if index and glyphs and _same_glyph(char, chars[index - 1]):
            glyph = glyphs[-1]
            if not ligatures or ligatures[-1][0] is not glyph:
                ligatures.append((glyph, chars[index - 1]))
            glyph.char += char.char
            glyph.x1 = max(glyph.x1, char.right)
            glyph.bottom, glyph.top = min(glyph.bottom, char.bottom), max(glyph.top, char.top)
            continue
        right = char.right
        advance = metrics.advances.get(char.font, {}).get(char.char)
        if advance is not None and _overhangs(char):
            right = max(char.left, min(right, char.x + advance * char.size))
        glyphs.append(
            Glyph(
                char=char.char,
                x0=max(char.left, min(char.x, right)),
                x1=right,
                bottom=char.bottom,
                top=char.top,
                baseline=char.y,
                bold=char.bold,
                italic=char.italic,
                soft=char.char in SOFT_HYPHENS,
            )
        )
    for glyph, first in ligatures:
        # A soft hyphen inside a ligature ("signif\u00adicant" set with "fi") is not where
        # the line broke: it is nothing.
        glyph.char = glyph.char.replace("\u00ad", "") or glyph.char
        glyph.soft = glyph.char in SOFT_HYPHENS
        advance = metrics.advance(first.font, glyph.char)
        if advance is not None:
            glyph.x0 = min(glyph.x0, first.x)
            glyph.x1 = max(glyph.x0, first.x + advance * first.size)
        if first.font in metrics.extents:
            below, above = metrics.extents[first.font]
            glyph.bottom = min(glyph.bottom, first.y - below * first.size)
            glyph.top = max(glyph.top, first.y + above * first.size)
    return glyphs


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


def page_has_images(path: Path, number: int) -> bool:
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number]
        return any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    finally:
        document.close()
