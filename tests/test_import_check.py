"""``python -m build_tools import --check PDF…``: what each import would give, nothing written.

The pages are laid out here as in ``tests/test_pdf_import.py`` (no PDF library, no browser):
the glyph reader is replaced by one that hands the importer those pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.pdf import importer
from build_tools.pdf.furniture import RunningLine, page_ranges
from build_tools.pdf.glyphs import Glyph
from build_tools.pdf.importer import check_files, import_files
from build_tools.reading.parse import parse_report
from build_tools.reading.source import read_source
from tests.test_pdf_import import BOTTOM, LEFT, LONG, PITCH, TITLE, Layout, cover

# Finding 1.7 starts two lines above the foot of a page and runs on to the next one.
SPLIT = 7


def report_pages() -> list[list[Glyph]]:
    """A short report: a cover, findings (one of them across a page break), a group of
    recommendations, and a running header and "Page N of M" on every page."""
    layout = Layout()
    cover(layout)
    layout.line("The child's journey", size=14.0, bold=True)
    layout.gap()
    layout.line("Early help", size=12.0, bold=True)
    layout.gap()
    for number in range(1, 12):
        if number == SPLIT:
            layout.new_page()
            layout.y = BOTTOM + 2 * PITCH - 1
        layout.paragraph(f"Finding {number}. {LONG}", x=LEFT + 30, hang=f"1.{number}")
    layout.line("Recommendations", size=14.0, bold=True)
    layout.gap()
    layout.paragraph("**Testshire CCG should:**", x=LEFT + 30, hang="1.")
    layout.paragraph("Review the training offered to GPs.", x=LEFT + 30, hang="1.1")
    layout.line("Next steps", size=14.0, bold=True)
    return layout.finish()


@pytest.fixture
def pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A "PDF" whose pages are :func:`report_pages`, for the command line too."""
    pages = report_pages()
    monkeypatch.setattr(importer, "read_glyphs", lambda _: pages)
    monkeypatch.setattr(importer, "page_has_images", lambda _path, _number: False)
    path = tmp_path / "review.pdf"
    path.write_bytes(b"%PDF-1.7 (glyphs come from the test's reader)")
    yield path


def test_check_gives_what_the_import_would_write(pdf: Path, tmp_path: Path) -> None:
    [check] = check_files([pdf], tmp_path / "out")
    assert not (tmp_path / "out").exists()
    [item] = import_files([pdf], tmp_path / "imported")
    assert item.target is not None
    assert check.result.text == item.target.read_text(encoding="utf-8")
    assert check.target == tmp_path / "out" / "review.txt"
    source, _ = read_source(item.target)
    assert source is not None
    report, _ = parse_report(source)
    assert report is not None and check.report is not None
    assert [f.id for f in check.report.findings] == [f.id for f in report.findings]
    assert len(report.findings) == 11
    assert check.lines == len(item.target.read_text(encoding="utf-8").splitlines())


def test_check_lists_the_running_lines_with_their_pages(pdf: Path, tmp_path: Path) -> None:
    [check] = check_files([pdf], tmp_path)
    pages = check.result.pages
    every = tuple(range(1, pages + 1))
    assert check.result.running == [
        RunningLine("running header or footer", TITLE, TITLE, every),
        RunningLine("page numbers", "Page 1 of 3", f"Page {pages} of {pages}", every),
    ]
    assert pages == 3


def test_check_lists_where_a_paragraph_was_joined_across_a_page_break(
    pdf: Path, tmp_path: Path
) -> None:
    [check] = check_files([pdf], tmp_path)
    [join] = check.result.joins
    assert (join.page, join.next_page, join.kind, join.label) == (2, 3, "numbered", f"1.{SPLIT}")
    # The words either side of the join, as they run on in the text.
    assert join.before.startswith("\u2026") and join.after.endswith("\u2026")
    assert check.result.text is not None
    joined = f"{join.before.removeprefix(chr(0x2026))} {join.after.removesuffix(chr(0x2026))}"
    assert joined in f"Finding {SPLIT}. {LONG}"
    assert len(joined.split()) == 12


def test_the_command_prints_the_counts_running_lines_and_joins_and_writes_nothing(
    pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["import", "--check", str(pdf), "--out", str(out)]) == 0
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.pdf"]
    [check] = check_files([pdf], out)
    assert check.report is not None
    result, report = check.result, check.report
    [join] = result.joins
    printed = capsys.readouterr()
    assert printed.err == ""
    assert printed.out.splitlines() == [
        f"{pdf}: would write {out / 'review.txt'}",
        f"  {result.pages} pages, {check.lines} lines, {len(result.blocks)} paragraphs; "
        f"{len(report.findings)} findings, {len(report.recommendations)} recommendations in "
        f"{len(report.groups)} groups, {len(report.citations)} citations, "
        f"{len(report.public_health_notes)} public-health notes",
        "  running lines it would remove (2):",
        f"    the running header or footer {TITLE!r} from pages 1\u20133",
        "    the page numbers 'Page 1 of 3' to 'Page 3 of 3' from pages 1\u20133",
        "  paragraphs it would join across page breaks (1):",
        f"    page 2\u21923, numbered paragraph 1.{SPLIT}: {join.before!r} + {join.after!r}",
    ]


def test_check_says_when_the_import_would_not_overwrite(
    pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "review.txt"
    target.write_text("edited by hand\n", encoding="utf-8")
    assert main(["import", "--check", str(pdf), "--out", str(tmp_path)]) == 0
    assert target.read_text(encoding="utf-8") == "edited by hand\n"
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{pdf}: would not write {target}: it exists (import with --force to overwrite it)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty [pdf-unreadable]"),
        (b"%PDF-1.7\n1 0 obj <<", "the PDF is damaged and cannot be opened"),
    ],
)
def test_a_bad_pdf_is_one_diagnostic_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    out = tmp_path / "out"
    assert main(["import", "--check", str(bad), "--out", str(out)]) == 1
    printed = capsys.readouterr()
    assert printed.out == ""
    [line] = printed.err.splitlines()
    assert line.startswith(f"{bad}:0: ERROR: ")
    assert message in line
    assert not out.exists()


def test_page_ranges_are_given_in_full() -> None:
    assert page_ranges([3]) == "page 3"
    assert page_ranges([*range(1, 30, 2)]) == (
        "pages 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29"
    )
