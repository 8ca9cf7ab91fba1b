"""What the PDF round-trip tests compare: ``import(pdf(report))`` against ``report``.

Shared by the Chromium-printed round trip (tests/browser/test_pdf_roundtrip.py) and the
Word-style one (tests/test_pdf_word_style.py), so that every producer of test PDFs is held to
the same standard. What is compared is :func:`build_tools.devtools.compare.differences`, which
the layout sweep (``python -m build_tools.devtools.pdf_variants``) judges by too.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from build_tools.build import build
from build_tools.devtools import compare
from build_tools.devtools.compare import differences
from build_tools.diagnostics import Diagnostic, Level
from build_tools.model import Report
from build_tools.pdf.glyphs import read_glyphs
from build_tools.pdf.importer import layout
from tests.conftest import ROOT, copy_project


def assert_only_running_lines_removed(
    diagnostics: list[Diagnostic], pages: int, first: int = 1
) -> None:
    """Nothing to report but the running header and the page numbers, removed from every page
    from ``first`` on (2 where the cover has neither, as Word's "different first page")."""
    assert [d.format() for d in diagnostics if d.code != "pdf-furniture"] == []
    notes = [d.message for d in diagnostics if d.code == "pdf-furniture"]
    on = (
        f"from all {pages} pages"
        if first == 1
        else f"from {pages - first + 1} of the {pages} pages (pages {first}\u2013{pages})"
    )
    assert len(notes) == 2, notes
    assert [note.split(" from ")[0] + f" {on}" for note in notes] == notes, notes
    header, numbers = (note.split(" from ")[0] for note in notes)
    assert re.fullmatch(
        r"removed the running header or footer 'Review of health services for Children Looked "
        r"After and Safeguarding in [^']+'",
        header,
    ), header
    assert re.fullmatch(
        rf"removed the page numbers '(Page )?{first}( of {pages})?' to "
        rf"'(Page )?{pages}( of {pages})?'",
        numbers,
    ), numbers


def parsed(path: Path) -> Report:
    report = compare.parsed(path)
    assert report is not None, path
    return report


shown = compare.shown
words = compare.words


def assert_same_items(original_path: Path, imported_path: Path) -> None:
    """Findings (with their continuation paragraphs), recommendations, groups and citations
    are the same and shown alike, and no word is lost or added."""
    assert differences(original_path, imported_path, public_health=False) == [], imported_path.name


def assert_same_report(original_path: Path, imported_path: Path) -> None:
    """:func:`assert_same_items`, and the cover, sections, case examples and public-health
    notes too."""
    assert_same_items(original_path, imported_path)
    original, back = parsed(original_path), parsed(imported_path)
    assert (back.title, back.slug, back.publication_date) == (
        original.title,
        original.slug,
        original.publication_date,
    )
    assert (back.review_start, back.review_end) == (original.review_start, original.review_end)
    assert back.providers == original.providers
    assert [f.section for f in back.findings] == [f.section for f in original.findings]
    assert [(e.label, e.after_finding) for e in back.case_examples] == [
        (e.label, e.after_finding) for e in original.case_examples
    ]
    assert [(n.finding, shown(n.text)) for n in back.public_health_notes] == [
        (n.finding, shown(n.text)) for n in original.public_health_notes
    ]
    assert [(h.title, h.level) for h in back.sections] == [
        (h.title, h.level) for h in original.sections
    ]


def pages_that_differ(imported: dict[Path, Path], tmp_path: Path) -> list[str]:
    """Build the site with each seed replaced by its imported text; the generated pages that
    differ from the committed site's.

    Two differences are allowed. A recommendation group line, which the printed PDF sets
    wholly in bold, cannot show that the original had bold on only part of it. And a
    paragraph that ends on a full line at the foot of a page may run on into the next one
    (the PDF keeps no trace of that break), so pages are compared with their whitespace,
    paragraph breaks included, folded to single spaces: every word, mark-up and anchor must
    still be the same, in the same order.
    """
    root = copy_project(tmp_path)
    for seed, text in imported.items():
        shutil.copy2(text, root / "source_reports" / seed.name)
    result = build(root)
    assert result.count(Level.ERROR) == 0
    group = re.compile(r"^(### \d+&#46; .*)\{ #recommendations-group-\d+ \}$", re.MULTILINE)

    def page(path: Path) -> str:
        text = group.sub(
            lambda m: m[0].replace("<strong>", "").replace("</strong>", ""), path.read_text()
        )
        return re.sub(r"\s+", " ", text)

    generated = sorted(
        p.relative_to(root / "docs") for p in (root / "docs").rglob("*") if p.is_file()
    )
    assert generated == sorted(
        p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*") if p.is_file()
    )
    return [
        str(name) for name in generated if page(root / "docs" / name) != page(ROOT / "docs" / name)
    ]


def blocks_across_page_breaks(pdfs: Iterable[Path]) -> Counter[str]:
    """How many blocks of each kind run on across a page break in these PDFs ("list": a
    break between two items of one list), to show the PDFs test what they should."""
    spanning: Counter[str] = Counter()
    for path in pdfs:
        blocks, _, _ = layout(read_glyphs(path))
        for block, following in itertools.pairwise(blocks):
            if block.rows[0].line.page != block.rows[-1].line.page:
                spanning[block.kind] += 1  # the block itself runs on
            elif block.kind == following.kind == "bullet" and (
                block.rows[-1].line.page != following.rows[0].line.page
            ):
                spanning["list"] += 1  # a list runs on, the break between two items
    return spanning
