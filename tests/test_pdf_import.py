"""The PDF importer's clean-up, on pages of glyphs laid out here (no PDF library, no browser).

``pdf_to_text`` takes the glyph reader as a parameter, so each test builds the pages a PDF
would give — a running header, "Page N of M", paragraphs wrapped greedily to a margin, hanging
numbers, bullets, tables — and checks the text the importer writes. The real PDFs (printed by
Chromium from the seeds) are tested in ``tests/browser/test_pdf_roundtrip.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.pdf.furniture import _page_ranges
from build_tools.pdf.glyphs import LIGATURES, Char, Glyph, font_metrics, font_style, glyphs_of
from build_tools.pdf.importer import import_files, import_pdf, pdf_to_text
from build_tools.pdf.lines import build_lines

SIZE = 10.0
ADVANCE = 0.5 * SIZE  # every character, space included, is this wide: a monospaced page
LEFT, RIGHT = 72.0, 472.0  # 80 characters a line
TOP, BOTTOM = 780.0, 60.0
PITCH = 1.3 * SIZE
TITLE = "Review of health services for Children Looked After and Safeguarding in Testshire"


def glyphs(
    text: str,
    x: float,
    baseline: float,
    *,
    size: float = SIZE,
    bold: bool = False,
    italic: bool = False,
) -> list[Glyph]:
    """Glyphs of ``text`` from ``x``; "**" and "_" toggle bold and italic, "^" raises."""
    out: list[Glyph] = []
    raised = False
    for char in text.replace("**", "\x01"):
        if char == "\x01":
            bold = not bold
            continue
        if char == "_":
            italic = not italic
            continue
        if char == "^":
            raised = not raised
            continue
        glyph_size = 0.6 * size if raised else size
        base = baseline + 0.35 * size if raised else baseline
        width = 0.5 * glyph_size
        if char != " ":
            out.append(
                Glyph(
                    char,
                    x,
                    x + width,
                    base - 0.2 * glyph_size,
                    base + 0.95 * glyph_size,
                    base,
                    bold,
                    italic,
                    soft=char in "\u00ad\u2010",
                )
            )
        x += width
    return out


def wrap(text: str, width: int) -> list[str]:
    """Greedy line breaking, as renderers do: a line ends when the next word would not fit."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate.replace("**", "").replace("_", "")) > width and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


@dataclass
class Layout:
    """Lays out blocks on pages with a running header and a "Page N of M" footer."""

    pages: list[list[Glyph]] = field(default_factory=list)
    y: float = TOP
    header: bool = True

    def __post_init__(self) -> None:
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def line(self, text: str, x: float = LEFT, size: float = SIZE, bold: bool = False) -> None:
        if self.y < BOTTOM:
            self.new_page()
        self.pages[-1].extend(glyphs(text, x, self.y, size=size, bold=bold))
        self.y -= 1.3 * size

    def gap(self) -> None:
        self.y -= 0.8 * SIZE

    def drawn(self, left: float, right: float, top: float, *, rule: bool = False) -> None:
        """A shaded box (or, with ``rule``, a column border) from ``top`` down to here."""
        mark = Glyph("", left, right, self.y, top, self.y, False, False, box=not rule, rule=rule)
        self.pages[-1].append(mark)

    def row(self, *cells: tuple[float, str], bold: bool = False) -> None:
        """Cells of one table row on one baseline, each at its x."""
        if self.y < BOTTOM:
            self.new_page()
        for index, (x, text) in enumerate(cells):
            self.pages[-1].extend(glyphs(text, x, self.y, bold=bold and not index))
        self.y -= PITCH

    def paragraph(self, text: str, x: float = LEFT, hang: str = "", hang_x: float = LEFT) -> None:
        """Wrap ``text`` from ``x`` to the margin; ``hang`` (a number, a bullet) sits at hang_x."""
        width = int((RIGHT - x) / ADVANCE)
        for index, piece in enumerate(wrap(text, width)):
            if self.y < BOTTOM:
                self.new_page()
            if hang and index == 0:
                self.pages[-1].extend(glyphs(hang, hang_x, self.y))
            self.line(piece, x)
        self.gap()

    def finish(self) -> list[list[Glyph]]:
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            if self.header:
                page.extend(glyphs(TITLE, 250.0, 815.0, size=7.0))
            page.extend(glyphs(f"Page {number} of {total}", 260.0, 30.0, size=7.0))
        return self.pages


def imported(pages: list[list[Glyph]], tmp_path: Path) -> str:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7 (glyphs come from the test's reader)")
    text, _, _ = pdf_to_text(pdf, reader=lambda _: pages)
    return text


def cover(layout: Layout) -> None:
    split = TITLE.index(" Safeguarding")
    layout.line(TITLE[:split], size=20.0, bold=True)
    layout.line(TITLE[split + 1 :], size=20.0, bold=True)
    layout.gap()
    layout.row((LEFT, "Date of review:"), (260.0, "3 March 2016 to 7 March 2016"), bold=True)
    layout.gap()
    layout.row((LEFT, "Date of publication:"), (260.0, "14^th^ June 2016"), bold=True)
    layout.gap()


LONG = (
    "Health visitors in Testshire are supported well by community nursery nurses. This "
    "includes completing universal development reviews and additional one-to-one work "
    "delegated by the health visiting team, which is safeguarding work of a high standard "
    "and well recorded in the records we saw during the review."
)


def varied(number: int) -> str:
    """:data:`LONG` with its words rotated, so that no two paragraphs share a line."""
    words = LONG.split()
    shift = number % len(words)
    return " ".join(words[shift:] + words[:shift])


def test_running_headers_and_page_footers_are_removed(tmp_path: Path) -> None:
    layout = Layout()
    cover(layout)
    for number in range(1, 40):
        layout.paragraph(varied(number), x=LEFT + 30, hang=f"1.{number}")
    text = imported(layout.finish(), tmp_path)
    for number in range(1, 40):  # no line of the text was taken for a header
        assert f"1.{number} {varied(number)}\n" in text
    assert "Page " not in text
    assert text.count("Review of health services") == 1  # the title, not the running header
    assert text.startswith(TITLE + "\n")
    assert len(layout.pages) > 3


def test_each_running_line_removed_is_listed_with_its_pages(tmp_path: Path) -> None:
    layout = Layout()
    cover(layout)
    for number in range(1, 100):
        layout.paragraph(varied(number), x=LEFT + 30, hang=f"1.{number}")
    pages = layout.finish()
    # A confidentiality mark at the foot of pages 2 to 4 and 6 only: a third of the pages.
    assert len(pages) == 11
    for number in (1, 2, 3, 5):
        pages[number].extend(glyphs("OFFICIAL SENSITIVE", 250.0, 18.0, size=7.0))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    result = import_pdf(pdf, reader=lambda _: pages)
    total = len(pages)
    assert [d.format() for d in result.diagnostics] == [
        f"{pdf}:0: INFO: removed the running header or footer {TITLE!r} from all {total} "
        "pages [pdf-furniture]",
        f"{pdf}:0: INFO: removed the page numbers 'Page 1 of {total}' to "
        f"'Page {total} of {total}' from all {total} pages [pdf-furniture]",
        f"{pdf}:0: INFO: removed the running header or footer 'OFFICIAL SENSITIVE' from 4 of "
        f"the {total} pages (pages 2\u20134, 6) [pdf-furniture]",
    ]


@pytest.mark.parametrize(
    ("pages", "shown"),
    [
        ([3], "pages 3"),
        ([2, 3, 4, 9], "pages 2\u20134, 9"),
        (list(range(1, 30, 2)), "pages 1, 3, 5, 7, 9, 11 and 9 more ranges"),
    ],
)
def test_page_ranges(pages: list[int], shown: str) -> None:
    assert _page_ranges(pages) == shown


def test_ordinal_superscript_is_folded_into_the_date(tmp_path: Path) -> None:
    layout = Layout()
    cover(layout)
    text = imported(layout.finish(), tmp_path)
    assert "Date of review:\t3 March 2016 to 7 March 2016" in text
    assert "Date of publication:\t14th June 2016" in text


def test_paragraph_runs_on_across_a_page_break(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.y = BOTTOM + 2 * PITCH  # two lines left on the first page
    layout.paragraph(LONG)
    layout.paragraph("A second paragraph that is short.")
    pages = layout.finish()
    assert len(pages) == 2
    text = imported(pages, tmp_path)
    assert f"\n{LONG}\n\nA second paragraph that is short.\n" in text


def test_short_last_line_ends_the_paragraph_at_a_page_break(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.y = BOTTOM + PITCH
    layout.paragraph("This paragraph ends on the first page.")
    layout.paragraph("This one starts the second page.")
    text = imported(layout.finish(), tmp_path)
    assert "\nThis paragraph ends on the first page.\n\nThis one starts the second page.\n" in text


@pytest.mark.parametrize(
    ("first", "second", "joined", "hyphenating"),
    [
        # a renderer's soft hyphen goes
        ("the safe\u2010", "guarding team", "the safeguarding team", False),
        # a hyphen typed in the word stays
        ("the multi-", "agency team", "the multi-agency team", True),
        ("a pan-", "Dorset board", "a pan-Dorset board", True),
        # a typed hyphen goes only where the renderer splits words with plain hyphens and
        # the report spells the word whole elsewhere
        ("the child-", "minder visits", "the childminder visits", True),
        # Word splits no words unless told to: a "-" there is the author's
        ("the child-", "minder visits", "the child-minder visits", False),
        # "utilised" is a word of its own; "pro" is a prefix: the author wrote the hyphen
        ("was under-", "utilised by", "was under-utilised by", True),
        ("be pro-", "active in", "be pro-active in", True),
    ],
)
def test_words_split_at_a_line_end(
    tmp_path: Path, first: str, second: str, joined: str, hyphenating: bool
) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    layout.paragraph("A childminder was seen. Rooms were underutilised. Staff were proactive. " * 2)
    layout.paragraph("Each assessment was shared with children and professionals.")
    if hyphenating:  # three words elsewhere split by the renderer with a plain "-"
        for head, tail in (("assess-", "ment"), ("child-", "ren"), ("profes-", "sionals")):
            pad = "x" * (80 - len(head) - len(tail) - 1)
            layout.line(f"{pad} {head}")
            layout.line(f"{tail} were seen.")
            layout.gap()
    # The first line is as long as it can be without the next word, so the paragraph runs on.
    pad = "x" * (80 - len(first) - len(second.split(maxsplit=1)[0]) - 1)
    layout.line(f"{pad} {first}")
    layout.line(second + ".")
    text = imported(layout.finish(), tmp_path)
    assert f"\n{pad} {joined}.\n" in text
    if hyphenating:
        assert " assessment were seen." in text


def test_bold_and_italic_are_kept_and_nested(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    first = "_Outcomes for the children and their families were found to be **good**. For the_"
    assert len(first.replace("_", "").replace("**", "")) + len(" family,") > 80
    layout.line(first)
    layout.line("_family, progress was slow._ **(Recommendation 1.2)**")
    text = imported(layout.finish(), tmp_path)
    assert (
        "*Outcomes for the children and their families were found to be **good**. For the "
        "family, progress was slow.* **(Recommendation 1.2)**" in text
    )


def test_hanging_numbers_bullets_and_nesting(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG, x=LEFT + 30, hang="1.1")
    layout.paragraph("We looked at:")
    layout.paragraph(
        "the role of healthcare providers.", x=LEFT + 20, hang="\u2022", hang_x=LEFT + 5
    )
    layout.paragraph("the role of commissioners.", x=LEFT + 40, hang="o", hang_x=LEFT + 25)
    text = imported(layout.finish(), tmp_path)
    assert f"\n1.1 {LONG}\n" in text
    assert "\n- the role of healthcare providers.\n - the role of commissioners.\n" in text


def test_a_number_that_a_line_break_put_first_is_not_a_new_finding(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    first = "The waiting area is not suitable for young people and families."
    # "(Recommendation" still fits on the first line, "5.1" does not
    assert len(first) + len(" (Recommendation") <= 80 < len(first) + len(" (Recommendation 5.1")
    layout.paragraph(f"{first} (Recommendation 5.1 as at 2.12 above)")
    text = imported(layout.finish(), tmp_path)
    assert f"\n{first} (Recommendation 5.1 as at 2.12 above)\n" in text


def test_tables_and_contents_leaders(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.line("Contents", size=14.0, bold=True)
    layout.gap()
    layout.line("Summary of the review .............................. 3")
    layout.line("The child's journey ................................ 8")
    layout.gap()
    for label, value in (("Year", "Score"), ("2014", "13.9"), ("2015", "14.1")):
        layout.row((LEFT, label), (260.0, value))
    text = imported(layout.finish(), tmp_path)
    assert "\nContents\n\nSummary of the review\t3\nThe child's journey\t8\n" in text
    assert "\nYear\tScore\n2014\t13.9\n2015\t14.1\n" in text


def test_text_above_the_title_moves_below_it(tmp_path: Path) -> None:
    layout = Layout(header=False)
    layout.line("Care Quality Commission")
    layout.gap()
    layout.line(TITLE, size=14.0)
    pages = layout.finish()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    result = import_pdf(pdf, reader=lambda _: pages)
    assert result.text is not None
    assert result.text.splitlines()[:3] == [TITLE, "", "Care Quality Commission"]


def test_a_pdf_that_is_not_a_clas_review_is_refused(tmp_path: Path) -> None:
    layout = Layout(header=False)
    layout.line("Annual report and accounts 2016", size=14.0)
    layout.gap()
    layout.paragraph(LONG)
    pages = layout.finish()
    pdf = tmp_path / "annual.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    result = import_pdf(pdf, reader=lambda _: pages)
    assert result.text is None
    assert [d.format() for d in result.diagnostics] == [
        f"{pdf}:0: ERROR: not a CLAS review: its first page has no 'Review of health services "
        "for Children Looked After and Safeguarding in …' title (it opens with 'Annual report "
        "and accounts 2016') [pdf-not-clas]"
    ]


def test_import_is_deterministic(tmp_path: Path) -> None:
    layout = Layout()
    cover(layout)
    for number in range(1, 12):
        layout.paragraph(f"{LONG} ({number})")
    pages = layout.finish()
    assert imported(pages, tmp_path) == imported(pages, tmp_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty [pdf-unreadable]"),
        (
            b"Review of health services ...",
            "not a PDF (it does not start with %PDF-) [pdf-unreadable]",
        ),
        (b"%PDF-1.7\n1 0 obj <<", "the PDF is damaged and cannot be opened"),
    ],
)
def test_files_that_are_not_readable_pdfs_are_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(content)
    result = import_pdf(pdf)
    assert result.text is None
    [diagnostic] = result.diagnostics
    assert diagnostic.format().startswith(f"{pdf}:0: ERROR: ")
    assert message in diagnostic.format()


def test_missing_file_is_a_diagnostic(tmp_path: Path) -> None:
    [item] = import_files([tmp_path / "nowhere.pdf"], tmp_path / "out")
    assert item.target is None
    assert "cannot read file: No such file or directory [pdf-unreadable]" in (
        item.diagnostics[0].format()
    )


def test_cli_needs_a_pdf(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import"]) == 2
    assert "PDF" in capsys.readouterr().err


def test_bullets_drawn_as_shapes_are_list_items(tmp_path: Path) -> None:
    """Browsers draw list markers as small shapes, not characters; they still make items."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    layout.paragraph("We looked at:")
    for text in ("the role of providers.", "the role of commissioners."):
        dot = Glyph("\u2022", LEFT + 6, LEFT + 9, layout.y + 2, layout.y + 5, layout.y + 3.5,
                    False, False, shape=True)  # fmt: skip
        layout.pages[-1].append(dot)
        layout.line(text, x=LEFT + 20)
    text = imported(layout.finish(), tmp_path)
    assert "\nWe looked at:\n\n- the role of providers.\n- the role of commissioners.\n" in text


def test_one_line_with_wide_gaps_is_text_not_a_table(tmp_path: Path) -> None:
    """Justified text can open wide gaps between words; one such line is not a table."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.row((LEFT, "Safeguarding"), (200.0, "supervision"), (RIGHT - 80, "arrangements are"))
    layout.line("good.")
    text = imported(layout.finish(), tmp_path)
    assert "\nSafeguarding supervision arrangements are good.\n" in text


def test_a_heading_set_in_bold_is_read_as_the_heading(tmp_path: Path) -> None:
    from build_tools.reading.parse import parse_report
    from build_tools.reading.source import read_source

    source = tmp_path / "bold.txt"
    source.write_text(
        f"{TITLE}\n\nDate of publication:\t1 June 2016\n\nThe child's journey\n\n"
        "**Early help**\n\n1.1 Midwives ask about domestic abuse.\n",
        encoding="utf-8",
    )
    text, _ = read_source(source)
    assert text is not None
    report, _ = parse_report(text)
    assert report is not None
    assert [(h.title, h.level) for h in report.sections][-1] == ("Early help", 3)
    assert report.findings[0].section == "Early help"


def test_a_typed_hyphen_stays_where_the_pdf_marks_its_own_splits(tmp_path: Path) -> None:
    """Where the renderer marks the words it split (soft hyphens), a "-" at a line end is the
    text's own, even if the report also spells the word without it."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph("Mothers are seen once postnatally. " * 2)
    for first, second in (("safe\u2010", "guarding"), ("post-", "natally.")):
        pad = "x" * (80 - len(first) - len(second) - 1)
        layout.line(f"{pad} {first}")
        layout.line(second)
        layout.gap()
    text = imported(layout.finish(), tmp_path)
    assert " safeguarding\n" in text
    assert " post-natally.\n" in text


def test_an_output_that_cannot_be_written_is_a_diagnostic(tmp_path: Path) -> None:
    layout = Layout()
    cover(layout)
    layout.paragraph(LONG)
    pages = layout.finish()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    [item] = import_files([pdf], blocked, reader=lambda _: pages)
    assert item.target is None
    assert item.diagnostics[0].format().startswith(f"{pdf}:0: ERROR: cannot write {blocked}/")
    assert item.diagnostics[0].code == "output-unwritable"


def test_a_paragraph_in_a_drawn_box_runs_on_to_the_box_edge(tmp_path: Path) -> None:
    """A case example in a shaded box: its lines stop at the box, short of the page margin."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    top = layout.y + SIZE
    # The box is 30 points in from each margin and its text 10 points in from the box.
    width = int((RIGHT - 40 - (LEFT + 40)) / ADVANCE)
    for piece in wrap(LONG, width):
        layout.line(piece, x=LEFT + 40)
    layout.drawn(LEFT + 30, RIGHT - 30, top)
    layout.gap()
    layout.paragraph("After the box.")
    text = imported(layout.finish(), tmp_path)
    assert f"\n{LONG}\n\n{LONG}\n\nAfter the box.\n" in text


def test_a_title_set_as_a_picture_is_taken_from_the_running_header(tmp_path: Path) -> None:
    layout = Layout()
    layout.line("Children Looked After and Safeguarding", size=14.0)  # the title is an image
    layout.gap()
    for number in range(1, 30):
        layout.paragraph(LONG, x=LEFT + 30, hang=f"1.{number}")
    pages = layout.finish()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    result = import_pdf(pdf, reader=lambda _: pages)
    assert result.text is not None
    assert result.text.splitlines()[:3] == [TITLE, "", "Children Looked After and Safeguarding"]


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("*Council.* ***(Recommendation 1.8)***", "*Council. **(Recommendation 1.8)***", True),
        ("***x***", "**_x_**", True),
        ("**a** **b**", "**a b**", True),
        ("**a** b", "**a b**", False),
        ("*a* b", "a *b*", False),
        ("stray debris:**", "stray debris:", True),  # the site hides unbalanced markers
    ],
)
def test_appearance_compares_what_readers_see(one: str, other: str, same: bool) -> None:
    """The round trip compares how text looks, not how its markers happen to be grouped."""
    from build_tools.reading.inline import appearance

    assert (appearance(one) == appearance(other)) is same


def test_a_dash_that_a_line_break_put_first_is_not_a_bullet(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    first = "The joint health and wellbeing strategy (JHWS) for the years 2013"
    pad = "x" * (80 - len(first) - 2)
    layout.line(f"{pad} {first}")
    layout.line("\u2013   2016 sets out key priority areas.")  # a wide gap, as justified text has
    text = imported(layout.finish(), tmp_path)
    assert f"\n{pad} {first} \u2013 2016 sets out key priority areas.\n" in text


def test_a_bold_heading_at_the_top_of_a_page_after_a_bold_citation(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    layout.y = BOTTOM + 1  # the finding ends on the last line of the page
    words = "**(Recommendation 5.4)**"
    pad = "x" * (80 - len("(Recommendation 5.4)") - len("Recommendations") - 1)
    layout.line(f"{pad} {words}")
    layout.line("**Recommendations**")
    layout.line("1. Dorset CCG should:")
    text = imported(layout.finish(), tmp_path)
    assert f"\n{pad} **(Recommendation 5.4)**\n\n**Recommendations**\n\n" in text


def _page_end(layout: Layout, last: str, first_word: str) -> str:
    """End the page with a full line (so only the next page can show what follows)."""
    layout.y = BOTTOM + 1
    pad = "x" * (80 - len(last.replace("**", "").replace("_", "")) - len(first_word) - 1)
    layout.line(f"{pad} {last}")
    return pad


def test_a_box_at_the_top_of_a_page_starts_a_new_paragraph(tmp_path: Path) -> None:
    """The box's text starts where the finding's text does; only the box tells them apart."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG, x=LEFT + 40, hang="2.3")
    layout.y = BOTTOM + 1
    last = "(Recommendation 2.4)"
    pad = "x" * (72 - len(last) - len("Case") - 1)  # a full line of the finding's width
    layout.pages[-1].extend(glyphs("2.4", LEFT, layout.y))
    layout.line(f"{pad} {last}", x=LEFT + 40)
    layout.new_page()
    top = layout.y + SIZE
    layout.line("Case Example: one case we tracked across several services.", x=LEFT + 40)
    layout.drawn(LEFT + 30, RIGHT - 30, top)
    text = imported(layout.finish(), tmp_path)
    assert f"\n2.4 {pad} (Recommendation 2.4)\n\nCase Example: one case" in text


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        # a bold sentence running on in lower case is not a heading
        ("**brought to the attention of public**", "**health within Testshire Council**",
         "**brought to the attention of public health within Testshire Council**"),
        # a recommendation group's line, bold, opens its group even after a full line
        ("**(Recommendation 3.2)**", "**4. Testshire Council should:**",
         "**(Recommendation 3.2)**\n\n4. Testshire Council should:"),
    ],
)  # fmt: skip
def test_bold_lines_at_the_top_of_a_page(
    tmp_path: Path, last: str, first: str, expected: str
) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    pad = _page_end(layout, last, first.strip("*").split()[0])
    layout.new_page()
    layout.line(first)
    text = imported(layout.finish(), tmp_path)
    assert f"\n{pad} {expected}\n" in text


def test_a_reference_that_a_line_break_put_first_is_not_a_finding(tmp_path: Path) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    pad = "x" * (80 - len("Issues set out in paragraphs") - len("5.2.") - 1)
    layout.line(f"{pad} Issues set out in paragraphs")
    layout.line("5.2. 14 and 5.2. 15 have been drawn to the attention of public health.")
    text = imported(layout.finish(), tmp_path)
    assert f"\n{pad} Issues set out in paragraphs 5.2. 14 and 5.2. 15 have been" in text


def test_a_number_tabbed_close_to_its_text_hangs_whatever_the_text_starts_with(
    tmp_path: Path,
) -> None:
    """Word's tab to a 1 cm hanging indent leaves "1.10" two spaces from its text."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    first = "95% of children had their initial health assessment within 20 working days. " + LONG
    second = "eHealth records are shared with the school nursing service. " + LONG
    layout.paragraph(first, x=LEFT + 30, hang="1.10")
    layout.paragraph(second, x=LEFT + 30, hang="1.11")
    layout.line("5.1 as at the last review, with ordinary spaces, is a line of text.")
    text = imported(layout.finish(), tmp_path)
    assert f"\n1.10 {first}\n" in text
    assert f"\n1.11 {second}\n" in text
    assert "\n5.1 as at the last review" in text


def justified(layout: Layout, text: str) -> None:
    """Set ``text`` justified: every line but the last stretched to end at the margin."""
    lines = wrap(text, 80)
    for index, piece in enumerate(lines):
        if layout.y < BOTTOM:
            layout.new_page()
        words = piece.split()
        if index == len(lines) - 1 or len(words) == 1:
            layout.line(piece)
            continue
        letters = sum(len(word) for word in words) * ADVANCE
        gap = (RIGHT - LEFT - letters) / (len(words) - 1)
        x = LEFT
        for word in words:
            layout.pages[-1].extend(glyphs(word, x, layout.y))
            x += len(word) * ADVANCE + gap
        layout.y -= PITCH
    layout.gap()


def test_justified_text_ends_a_paragraph_where_a_line_stops_short(tmp_path: Path) -> None:
    """In justified text a paragraph's last line is the one that stops short of the margin,
    even when the next paragraph's first word would not have fitted after it."""
    layout = Layout()
    layout.line("Review of health services in Testshire")
    layout.gap()
    for _ in range(4):
        justified(layout, LONG)
    layout.y = BOTTOM + 3 * PITCH - 1  # the next paragraph ends on the page's last line
    ending, extra = (
        LONG,
        iter(("The records were well kept and we looked at them closely. " * 9).split()),
    )
    while not 66 <= len(wrap(ending, 80)[-1]) <= 75:  # a last line the next word overruns
        ending += " " + next(extra)
    justified(layout, ending)
    layout.new_page()
    justified(layout, "Notwithstanding this, the records were not always complete.")
    text = imported(layout.finish(), tmp_path)
    assert "\n" + ending + "\n\nNotwithstanding this, the records" in text


def test_a_line_that_left_room_for_the_next_word_ends_its_paragraph(tmp_path: Path) -> None:
    """At a page break, a line that stops three points short of fitting the next page's first
    word (after a space of the document's own width) ends its paragraph."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    # The title is the longest line: it sets the margin. Two points in, this line leaves room
    # for " Second" with three points to spare.
    short = "Paragraph ending on the first page with room for a short word and more too"
    short = short[: len(TITLE) - 2 - len("Second")]
    layout.line(short, x=LEFT + 2)
    layout.new_page()
    layout.paragraph("Second paragraph starts the next page.")
    text = imported(layout.finish(), tmp_path)
    assert f"\n{short}\n\nSecond paragraph starts" in text


def test_a_hanging_indent_narrower_than_the_number(tmp_path: Path) -> None:
    """Word pushes the text after "5.1.10" on to the next tab stop; the lines below wrap back
    to the hanging indent, left of where the first line's text began."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    first, *rest = wrap(LONG, int((RIGHT - LEFT - 40) / ADVANCE))
    layout.pages[-1].extend(glyphs("5.1.10", LEFT, layout.y))
    layout.line(first, x=LEFT + 40)
    for piece in wrap(" ".join(rest), int((RIGHT - LEFT - 25) / ADVANCE)):
        layout.line(piece, x=LEFT + 25)
    text = imported(layout.finish(), tmp_path)
    assert f"\n5.1.10 {LONG}\n" in text


def test_subtitle_lines_set_apart_are_two_lines_a_wrapped_title_one(tmp_path: Path) -> None:
    layout = Layout()
    cover(layout)  # the title wraps on to a second line set close below the first
    layout.line("Children Looked After and Safeguarding", size=16.0)
    layout.y -= 0.3 * 16.0  # paragraph spacing between the two subtitle lines
    layout.line("The role of health services in Testshire", size=16.0)
    layout.gap()
    layout.paragraph(LONG)
    text = imported(layout.finish(), tmp_path)
    assert text.startswith(f"{TITLE}\n")
    assert (
        "\nChildren Looked After and Safeguarding\n\nThe role of health services in Testshire\n"
        in text
    )


def test_cells_closer_than_an_em_are_split_at_the_drawn_column_borders(tmp_path: Path) -> None:
    """Word's cell margins leave two spaces between cells; the borders tell them apart."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    top = layout.y + SIZE
    rows = [
        ("Clinical Commissioning Group", "Residents (#)", "Share (%)"),
        ("NHS North Staffordshire CCG", "202,735", "23.5%"),
        ("NHS Cannock Chase CCG", "131,040", "15.2%"),
    ]
    for cells in rows:
        layout.row((LEFT, cells[0]), (LEFT + 150, cells[1]), (LEFT + 225, cells[2]))
    for x in (LEFT + 145, LEFT + 220):
        layout.drawn(x, x + 0.5, top, rule=True)
    layout.gap()
    layout.paragraph("After the table.")
    text = imported(layout.finish(), tmp_path)
    assert "\n" + "\n".join("\t".join(cells) for cells in rows) + "\n" in text


def test_a_box_close_to_the_page_margin_sets_the_line_length(tmp_path: Path) -> None:
    """Text 6 points inside a box that reaches the page margin stops 6 points short of it; a
    line that long is full and its paragraph runs on."""
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    top = layout.y + SIZE
    line = "The case example runs on to a second line after this one, which ends just"
    line = line.ljust(76, "x")  # "to" would fit in the page's width, not in the box's
    layout.line("x" * 78)  # the box's line length
    layout.line(line)
    layout.line("to children's social care.")
    layout.drawn(LEFT - 6, RIGHT, top)
    layout.gap()
    layout.paragraph("After the box.")
    text = imported(layout.finish(), tmp_path)
    assert f"{line} to children's social care.\n" in text


def test_a_bold_group_line_with_a_hanging_number_is_written_without_its_bold(
    tmp_path: Path,
) -> None:
    layout = Layout()
    layout.line(TITLE)
    layout.gap()
    layout.paragraph(LONG)
    layout.paragraph("Recommendations")
    layout.paragraph(
        "**Testshire CCG and Testshire Community NHS Trust should:**", x=LEFT + 30, hang="1."
    )
    layout.paragraph("Review the **training** offered to GPs.", x=LEFT + 30, hang="1.1")
    text = imported(layout.finish(), tmp_path)
    assert "\n1. Testshire CCG and Testshire Community NHS Trust should:\n" in text
    assert "\n1.1 Review the **training** offered to GPs.\n" in text


def pdfium_chars(
    text: str,
    x: float,
    baseline: float,
    *,
    font: str = "Sans",
    size: float = SIZE,
    ligatures: bool = True,
    overhang: float = 0.0,
    before: float = 0.0,
) -> list[Char]:
    """The characters of ``text`` as PDFium reports them, in a font that sets ligatures.

    A letter's box runs from its origin over its advance (half its size, as ``ADVANCE``);
    an "f"'s further by ``overhang``, to the end of its ink (an italic "f" reaches over the
    next letter's place), and a "p"'s from ``before`` its origin (an italic "p"'s tail).
    With ``ligatures``, "ffi", "ffl", "ff", "fi" and "fl" are each one glyph, as wide as
    their letters, whose letters PDFium reports all at the glyph's origin, each with an
    equal share of its ink for a box (the ink stops short of the advance). A space is no
    character, only a gap.
    """
    advance = 0.5 * size
    out: list[Char] = []
    index = 0
    while index < len(text):
        if text[index] == " ":
            x += advance
            index += 1
            continue
        letters = next(
            (
                lig
                for lig in ("ffi", "ffl", "ff", "fi", "fl")
                if ligatures and text.startswith(lig, index)
            ),
            text[index],
        )
        bottom, top = baseline - 0.2 * size, baseline + 0.95 * size
        boxes = [
            (
                x - (before if letters == "p" else 0.0),
                x + advance + (overhang if letters == "f" else 0.0),
            )
        ]
        if len(letters) > 1:  # the ink's box: from the baseline to the letters' height
            bottom, top = baseline, baseline + 0.75 * size
            share = 0.8 * advance
            boxes = [(x + 0.1 + n * share, x + 0.1 + (n + 1) * share) for n in range(len(letters))]
        for letter, (left, right) in zip(letters, boxes, strict=True):
            # The ink ends a little short of the advance, or with the box where it overhangs.
            ink = right if len(letters) > 1 or right > x + advance else right - 0.05 * size
            out.append(
                Char(letter, left, bottom, right, top, x, baseline, font, size, False, False, ink)
            )
        x += advance * len(letters)
        index += len(letters)
    return out


LIGATURED = "The findings identified staffing shortfalls in the office; staff fluently affirmed"


def test_pdfium_reports_a_ligature_as_letters_that_seem_spaced() -> None:
    """What the ligature repair is for: read glyph by glyph, "fi ndings"."""
    chars = pdfium_chars(LIGATURED, LEFT, TOP)
    naive = [Glyph(c.char, c.left, c.right, c.bottom, c.top, c.y, c.bold, c.italic) for c in chars]
    assert build_lines(0, naive)[0].text.startswith("The fi ndings identifi ed staffi ng")


def test_a_ligature_is_one_glyph_as_wide_as_its_letters(tmp_path: Path) -> None:
    chars = pdfium_chars(LIGATURED, LEFT, TOP)
    glyphs = glyphs_of(chars, font_metrics([chars]))
    [line] = build_lines(0, glyphs)
    assert line.text == LIGATURED
    ffi = next(g for g in glyphs if g.char == "ffi")
    assert ffi.x1 - ffi.x0 == pytest.approx(3 * ADVANCE)
    assert (ffi.bottom, ffi.top) == pytest.approx((TOP - 0.2 * SIZE, TOP + 0.95 * SIZE))


def test_a_ligature_measured_in_another_font_when_its_own_has_no_such_letters() -> None:
    """A bold "fi" in a report whose only bold words hold no lone "f" or "i": the advance is
    measured in the regular font (scaled to the size)."""
    chars = pdfium_chars("fine", LEFT, TOP, font="Bold", size=2 * SIZE)
    chars += pdfium_chars(LIGATURED, LEFT, TOP - 40)
    glyphs = glyphs_of(chars, font_metrics([chars]))
    assert build_lines(0, glyphs)[0].text == "fine"
    assert glyphs[0].x1 - glyphs[0].x0 == pytest.approx(2 * 2 * ADVANCE)


def test_a_soft_hyphen_inside_a_ligature_is_nothing() -> None:
    """ "signif\u00adicant", set with an "fi" ligature across the hyphenation point."""
    chars = pdfium_chars(LIGATURED, LEFT, TOP)
    word = pdfium_chars("signifi", LEFT, TOP - 40)
    fi = [c for c in word if c.char in "fi" and c.x == word[-1].x]
    shy = Char("\u00ad", fi[0].right, fi[0].bottom, fi[0].right, fi[0].top, fi[0].x, fi[0].y,
               fi[0].font, fi[0].size, False, False)  # fmt: skip
    word = [*word[: word.index(fi[1])], shy, fi[1]]
    word += pdfium_chars("cant", word[-1].x + 2 * ADVANCE, TOP - 40)
    glyphs = glyphs_of([*chars, *word], font_metrics([[*chars, *word]]))
    lines = build_lines(0, glyphs)
    assert lines[1].text == "significant"


@pytest.mark.parametrize(("overhang", "before"), [(0.9 * ADVANCE, 0.0), (0.0, 0.9 * ADVANCE)])
def test_ink_that_overhangs_the_next_letters_place_hides_no_space(
    overhang: float, before: float
) -> None:
    """An italic "f" before a space: PDFium's box reaches over most of the space, but the
    glyph moves the pen only its advance, as "after" and "often" show. An italic "p" after
    it: its box starts before its origin, where its tail reaches back over the space."""
    text = "the risk of physical harm was often raised after the review"
    chars = pdfium_chars(text, LEFT, TOP, ligatures=False, overhang=overhang, before=before)
    naive = [Glyph(c.char, c.left, c.right, c.bottom, c.top, c.y, c.bold, c.italic) for c in chars]
    assert "ofphysical" in build_lines(0, naive)[0].text
    glyphs = glyphs_of(chars, font_metrics([chars]))
    assert build_lines(0, glyphs)[0].text == text
    assert glyphs[text.index("f") - 2].x1 - glyphs[text.index("f") - 2].x0 == ADVANCE


def test_presentation_form_ligatures_are_their_letters() -> None:
    assert [LIGATURES[chr(code)] for code in range(0xFB00, 0xFB07)] == [
        "ff", "fi", "fl", "ffi", "ffl", "st", "st"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "weight", "italic_flag", "style"),
    [
        # PDFium estimates the weight from the stems: the name says better
        ("AAAAAA+DejaVuSans-Oblique", 610, True, (False, True)),
        ("AAAAAA+DejaVuSans-Bold", 455, False, (True, False)),
        ("BAAAAA+DejaVuSans-BoldOblique", 780, True, (True, True)),
        ("Arial,BoldItalic", 700, False, (True, True)),
        ("TimesNewRomanPS-ItalicMT", 400, False, (False, True)),
        # a name that says nothing: the weight decides
        ("ABCDEF+F1", 700, False, (True, False)),
        ("Calibri", 400, False, (False, False)),
    ],
)
def test_bold_and_italic_fonts_are_told_by_name_then_weight(
    name: str, weight: int, italic_flag: bool, style: tuple[bool, bool]
) -> None:
    assert font_style(name, weight, italic_flag) == style
