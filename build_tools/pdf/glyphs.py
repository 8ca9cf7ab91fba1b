"""Read a PDF's text layer with PDFium (through pypdfium2), glyph by glyph.

Each glyph comes with its position, size and font (bold, italic); marks drawn rather than typed
that matter to the text (a browser's list bullets, boxes around case examples, tables' column
borders) come as glyphs too. A file that cannot be read raises :class:`Refused`.
"""

from __future__ import annotations

import ctypes
import re
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
# Typographic ligatures some fonts map to one character; the text has the letters.
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


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


def page_has_images(path: Path, number: int) -> bool:
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number]
        return any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    finally:
        document.close()
