"""``import(pdf(report)) == report`` for PDFs laid out as Word lays CQC's reports out.

CQC's PDFs were made by Microsoft Word, while the importer's round-trip tests print theirs
with Chromium (tests/browser/test_pdf_roundtrip.py). Here a third, independent producer,
:mod:`build_tools.devtools.pdf_samples_word` (reportlab, no browser), prints the seeds and some
synthetic reports the way Word does: Helvetica, a left-aligned running header over a rule, a
bare or a "Page N of M" footer, numbers followed by a tab to a 10 mm hanging indent, bold
headings at 14 and 12 pt, "•" and "o" bullets, list items closed up, shaded case examples,
dotted contents leaders, no soft hyphens. The imported text must parse to the same report,
compared as the Chromium round trip compares it (findings, recommendations, groups,
citations, case examples, public-health notes, sections, and the site built from it), and no
word of the original may be lost. No browser is needed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm

from build_tools.devtools.pdf_samples_word import HANGING, footer_style, make_word_pdfs
from build_tools.pdf.importer import import_files
from tests.conftest import SOURCE_REPORTS
from tests.roundtrip import (
    assert_only_running_lines_removed,
    assert_same_items,
    assert_same_report,
    blocks_across_page_breaks,
    pages_that_differ,
    parsed,
    shown,
    words,
)

SEEDS = sorted(SOURCE_REPORTS.glob("0*.txt"))


def import_word_pdfs(
    sources: list[Path], folder: Path, hanging: float = HANGING
) -> list[tuple[Path, Path]]:
    """Print ``sources`` in the Word style into ``folder`` and import them back; a (PDF,
    imported text) pair for each source, in order."""
    pdfs = make_word_pdfs(sources, folder / "pdf", hanging)
    pairs: list[tuple[Path, Path]] = []
    for item in import_files(pdfs, folder / "imported"):
        assert_only_running_lines_removed(item.diagnostics, item.pages, first=2)
        assert item.target is not None
        pairs.append((item.pdf, item.target))
    assert len(pairs) == len(sources)
    return pairs


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The seeds printed in the Word style and imported: stem -> (PDF, imported text)."""
    pairs = import_word_pdfs(SEEDS, tmp_path_factory.mktemp("word"))
    return {seed.stem: pair for seed, pair in zip(SEEDS, pairs, strict=True)}


@pytest.fixture(params=SEEDS, ids=lambda path: path.stem)
def seed_pair(
    request: pytest.FixtureRequest, imported: dict[str, tuple[Path, Path]]
) -> tuple[Path, Path, Path]:
    """(original, Word-style PDF, imported text) for one seed."""
    seed: Path = request.param
    return (seed, *imported[seed.stem])


def test_the_pdfs_look_like_word_made_cqc_reports(seed_pair: tuple[Path, Path, Path]) -> None:
    seed, pdf, _ = seed_pair
    document = pdfium.PdfDocument(str(pdf))
    try:
        assert [round(v) for v in document[0].get_size()] == [595, 842]  # A4
        total = len(document)
        assert total > 25
        cover = " ".join(document[0].get_textpage().get_text_range().split())
        page = " ".join(document[2].get_textpage().get_text_range().split())
    finally:
        document.close()
    assert "Review of health services for Children Looked After and Safeguarding" in cover
    assert "Page 1" not in cover  # the cover has no header or footer
    assert page.startswith("Review of health services for Children Looked After")
    footer = f"Page 3 of {total}" if footer_style(seed.stem) == "page" else "3"
    assert page.endswith(f" {footer}")
    assert make_word_pdfs([seed], pdf.parent / "again")[0].read_bytes() == pdf.read_bytes()


def test_both_footers_are_used() -> None:
    assert {footer_style(seed.stem) for seed in SEEDS} == {"page", "bare"}


def test_page_breaks_fall_mid_paragraph_and_mid_list(
    imported: dict[str, tuple[Path, Path]],
) -> None:
    """The PDFs test what they should: findings, paragraphs and list items run on across page
    breaks (and the importer must rejoin them)."""
    spanning = blocks_across_page_breaks(pdf for pdf, _ in imported.values())
    assert spanning["numbered"] >= 20
    assert spanning["paragraph"] >= 5
    assert spanning["list"] + spanning["bullet"] >= 3


def test_round_trip(seed_pair: tuple[Path, Path, Path]) -> None:
    seed, _, imported = seed_pair
    assert_same_report(seed, imported)


def test_no_word_is_lost_or_added(seed_pair: tuple[Path, Path, Path]) -> None:
    seed, _, imported = seed_pair
    original, back = words(seed), words(imported)
    assert original - back == Counter()
    assert back - original == Counter()


def test_a_narrower_hanging_indent_round_trips(tmp_path: Path) -> None:
    """Numbers hanging 7.6 mm (0.3 inch), as a Word list style may set them. "1.10" is wider
    than that, so, as in Word, its first line's text starts at the next default tab stop
    (12.7 mm) while the lines after it wrap back to the hanging indent."""
    seed = SEEDS[0]
    [(_, imported)] = import_word_pdfs([seed], tmp_path, hanging=7.6 * mm)
    original, back = parsed(seed), parsed(imported)
    assert [(f.id, shown(f.text)) for f in back.findings] == [
        (f.id, shown(f.text)) for f in original.findings
    ]
    assert [(r.id, shown(r.text)) for r in back.recommendations] == [
        (r.id, shown(r.text)) for r in original.recommendations
    ]
    assert words(imported) == words(seed)


SYNTHETIC = 8


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Reports the importer was not tuned on: shuffled from the seeds' parts, with other areas,
    organisations, numbering and citations (:mod:`build_tools.devtools.synthetic`)."""
    from build_tools.devtools.synthetic import generate

    folder = tmp_path_factory.mktemp("word-synthetic")
    return [item.path for item in generate(SYNTHETIC, folder, seed=11)]


@pytest.mark.parametrize("index", range(SYNTHETIC))
def test_synthetic_reports_round_trip(index: int, synthetic: list[Path], tmp_path: Path) -> None:
    source = synthetic[index]
    [(_, imported)] = import_word_pdfs([source], tmp_path)
    assert_same_items(source, imported)


def test_the_site_built_from_the_pdfs_is_the_site(
    imported: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    """Every generated page from the imported reports is the page from the originals (with
    the allowances :func:`tests.roundtrip.pages_that_differ` gives)."""
    pairs = {seed: imported[seed.stem][1] for seed in SEEDS}
    assert pages_that_differ(pairs, tmp_path) == []
