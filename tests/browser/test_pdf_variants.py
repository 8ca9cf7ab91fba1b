"""Reports printed by Chromium in other layouts read back exactly: fonts that set ligatures.

A font such as DejaVu Sans sets "fi", "ff", "fl", "ffi" and "ffl" as one glyph; PDFium gives
back its letters with a share of its ink for their boxes, and read naively the words come back
split ("fi ndings", "staffi ng"). The whole sweep of layouts is
``python -m build_tools.devtools.pdf_variants`` (``make pdf-variants``); here a fixed few.
"""

from __future__ import annotations

import html
import itertools
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
from playwright.sync_api import Browser

from build_tools.devtools.pdf_samples import print_pdf
from build_tools.devtools.pdf_variants import BY_NAME, LIGATURE_FONTS, run_variant, summary
from build_tools.devtools.synthetic import generate
from build_tools.pdf.glyphs import _page_chars, _same_glyph, read_glyphs
from build_tools.pdf.lines import build_lines
from tests.conftest import SEED_REPORTS

# Each short enough to stay on one line at 12 pt; a soft hyphen inside a ligature's letters.
SENTENCES = (
    "The findings identified staffing shortfalls; staff fluently affirmed",
    "the office\u2019s signif\u00adicant efforts to fill afflicted posts (5.1).",
)
PLAIN_FONTS = ("Liberation Sans", "Liberation Serif")
STYLES = ("", "font-weight: bold", "font-style: italic", "font-weight: bold; font-style: italic")
SIZES = (9.5, 11.0, 12.0)


def _ligatures_by_font(pdf: Path) -> Counter[str]:
    """How many glyphs of each font stand for several letters (share one origin)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        chars = [c for n in range(len(document)) for c in _page_chars(document[n])]
    finally:
        document.close()
    shared = Counter(one.font for one, two in itertools.pairwise(chars) if _same_glyph(two, one))
    # A font is its name (after a subset's "ABCDEF+") and a last character for its flags.
    return Counter({font.split("+")[-1][:-1]: n for font, n in shared.items()})


def test_words_set_with_ligatures_read_back_whole(browser: Browser, tmp_path: Path) -> None:
    """Every font here that has ligatures, upright, bold and italic, at three sizes; and the
    fonts without any, which read back whole as they always did."""
    fonts = (*LIGATURE_FONTS, *PLAIN_FONTS)
    cases = list(itertools.product(fonts, STYLES, SIZES, SENTENCES))
    paragraphs = "".join(
        f"<p style=\"font-family: '{font}'; {style}; font-size: {size}pt; white-space: nowrap; "
        f'font-variant-ligatures: common-ligatures">{html.escape(sentence)}</p>'
        for font, style, size, sentence in cases
    )
    pdf = tmp_path / "ligatures.pdf"
    page = "<style>@page { size: A4; margin: 24mm 20mm 22mm 20mm; }</style>"
    pdf.write_bytes(print_pdf(browser, f"{page}<body>{paragraphs}</body>", "Ligatures"))
    # The PDF tests what it should: glyphs that stand for several letters, in each style of
    # each font that has them, and none in the others.
    ligatures = _ligatures_by_font(pdf)
    assert len(ligatures) == len(LIGATURE_FONTS) * len(STYLES), ligatures
    assert not any("Liberation" in font for font in ligatures), ligatures
    texts = [
        line.text
        for number, glyphs in enumerate(read_glyphs(pdf))
        for line in build_lines(number, glyphs)
        if line.text != "Ligatures" and not line.text.startswith("Page ")
    ]
    assert texts == [sentence.replace("\u00ad", "") for *_, sentence in cases]


def test_reports_in_a_ligature_font_and_a_serif_round_trip_exactly(
    browser: Browser, tmp_path: Path
) -> None:
    """A seed and a synthetic report, in the CQC layout set in DejaVu Sans with its ligatures
    and in the plain one set in Liberation Serif, justified: every item and word the same."""
    began = time.perf_counter()
    synthetic = generate(1, tmp_path / "synthetic", seed=11)[0].path
    sources = [SEED_REPORTS[2], synthetic]
    outcomes = [
        outcome
        for name in ("cqc-dejavu-sans-ligatures", "plain-liberation-serif-11-justified")
        for outcome in run_variant(BY_NAME[name], sources, tmp_path, browser)
    ]
    breaks: Counter[str] = Counter()
    for outcome in outcomes:
        breaks.update(outcome.breaks)
    print(summary(outcomes), f"in {time.perf_counter() - began:.0f} s;", sorted(breaks.items()))
    assert [(o.variant, o.report, list(o.differences)) for o in outcomes] == [
        (o.variant, o.report, []) for o in outcomes
    ]
    assert len(outcomes) == 4
    assert breaks["inside a finding"] >= 10
