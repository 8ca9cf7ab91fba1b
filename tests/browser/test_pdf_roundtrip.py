"""``import(pdf(report)) == report``: the seeds printed by Chromium and imported back.

Each seed is laid out like a CQC PDF (:mod:`build_tools.devtools.pdf_samples`) and printed to A4
with a running header and "Page N of M" footer; page breaks fall where they fall, mid-paragraph and
mid-list. A second house style (serif, justified, headings in bold at the text's size, numbers
in the line, a bare page number) keeps the importer from fitting one layout. The imported text
must parse to the same findings, recommendations, groups, citations, case examples and
public-health notes as the original, shown with the same words and the same bold and
italics, and no word of the original may be lost.
"""

from __future__ import annotations

import base64
import io
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from playwright.sync_api import Browser

from build_tools.cli import main
from build_tools.devtools.pdf_samples import make_pdfs, print_pdf
from build_tools.pdf.importer import import_files, import_pdf, pdf_to_text
from tests.conftest import SOURCE_REPORTS
from tests.roundtrip import (
    assert_only_running_lines_removed,
    assert_same_items,
    assert_same_report,
    blocks_across_page_breaks,
    pages_that_differ,
    parsed,
    words,
)

SEEDS = sorted(SOURCE_REPORTS.glob("*.txt"))


STYLES = ("cqc", "plain")


@pytest.fixture(scope="module")
def printed(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds as CQC lays its reports out."""
    folder = tmp_path_factory.mktemp("pdf")
    return {path.stem: path for path in make_pdfs(SEEDS, folder, browser)}


@pytest.fixture(scope="module")
def imported(
    browser: Browser, printed: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Folders of imported text: from the CQC layout and from the second house style."""
    plain = make_pdfs(SEEDS, tmp_path_factory.mktemp("pdf-plain"), browser, plain=True)
    folders: dict[str, Path] = {}
    for style, pdfs in (("cqc", sorted(printed.values())), ("plain", plain)):
        folders[style] = tmp_path_factory.mktemp(f"imported-{style}")
        items = list(import_files(pdfs, folders[style]))
        for item in items:
            assert_only_running_lines_removed(item.diagnostics, item.pages)
    return folders


def _png(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def test_the_printed_pdfs_look_like_cqc_reports(printed: dict[str, Path]) -> None:
    pages = 0
    for path in printed.values():
        document = pdfium.PdfDocument(str(path))
        try:
            assert round(document[0].get_size()[0]) == 595  # A4
            assert round(document[0].get_size()[1]) == 842
            total = len(document)
            pages += total
            text = document[2].get_textpage().get_text_range()
            assert f"Page 3 of {total}" in text
            assert "Review of health services for Children Looked After and Safeguarding" in text
        finally:
            document.close()
    assert pages > 150


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_round_trip(seed: Path, style: str, imported: dict[str, Path]) -> None:
    assert_same_report(seed, imported[style] / seed.name)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_no_word_is_lost_or_added(seed: Path, style: str, imported: dict[str, Path]) -> None:
    original, back = words(seed), words(imported[style] / seed.name)
    assert original - back == Counter()
    assert back - original == Counter()


def test_page_breaks_fall_mid_paragraph_and_mid_list(printed: dict[str, Path]) -> None:
    """The PDFs test what they should: findings, paragraphs and list items run on across page
    breaks (and the importer rejoins them)."""
    spanning = blocks_across_page_breaks(printed.values())
    assert spanning["numbered"] >= 20
    assert spanning["paragraph"] >= 5
    assert spanning["list"] + spanning["bullet"] >= 3


@pytest.fixture(scope="module")
def bad_pdfs(
    browser: Browser, printed: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """PDFs the importer must refuse, made from a printed seed, plus one it must take."""
    from pypdf import PdfReader, PdfWriter

    folder = tmp_path_factory.mktemp("bad")
    good = printed[SEEDS[0].stem]
    made: dict[str, Path] = {}

    # A scan: every page an image, no text layer.
    document = pdfium.PdfDocument(str(good))
    try:
        images = [document[n].render(scale=1.0).to_pil().convert("RGB") for n in range(3)]
    finally:
        document.close()
    made["scanned"] = folder / "scanned.pdf"
    images[0].save(made["scanned"], save_all=True, append_images=images[1:])

    for name, user in (("encrypted", "secret"), ("owner-only", "")):
        writer = PdfWriter(clone_from=PdfReader(good))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        made[name] = folder / f"{name}.pdf"
        with made[name].open("wb") as handle:
            writer.write(handle)

    # One page of the report replaced by a picture of itself.
    writer = PdfWriter()
    picture = PdfReader(made["scanned"]).pages[1]
    for number, page in enumerate(PdfReader(good).pages):
        writer.add_page(picture if number == 5 else page)
    made["pictured-page"] = folder / "pictured-page.pdf"
    with made["pictured-page"].open("wb") as handle:
        writer.write(handle)

    data = good.read_bytes()
    made["truncated"] = folder / "truncated.pdf"
    made["truncated"].write_bytes(data[: len(data) // 2])

    # A scan that a printer stamped with a running header and page numbers: a little text.
    pictures = "".join(
        f'<img src="data:image/png;base64,{_png(image)}" style="width: 100%; break-after: page">'
        for image in images
    )
    made["stamped-scan"] = folder / "stamped-scan.pdf"
    made["stamped-scan"].write_bytes(print_pdf(browser, f"<body>{pictures}</body>", "Scanned"))

    made["not-clas"] = folder / "annual-report.pdf"
    made["not-clas"].write_bytes(
        print_pdf(
            browser,
            "<h1>Annual report and accounts 2016/17</h1><p>Our year in numbers.</p>",
            "Trust board papers",
        )
    )
    return made


def test_a_scan_needs_ocr(bad_pdfs: dict[str, Path]) -> None:
    result = import_pdf(bad_pdfs["scanned"])
    assert result.text is None
    assert [d.format() for d in result.diagnostics] == [
        f"{bad_pdfs['scanned']}:0: ERROR: the PDF has no text layer: it is a scan (3 of its 3 "
        "pages are images); run OCR on it first (for example with ocrmypdf) and import the "
        "result [pdf-no-text]"
    ]


def test_a_scan_with_stamped_page_numbers_needs_ocr(bad_pdfs: dict[str, Path]) -> None:
    result = import_pdf(bad_pdfs["stamped-scan"])
    assert result.text is None
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "pdf-no-text"
    assert "it is a scan (3 of its 3 pages are images); run OCR on it first" in diagnostic.message


def test_an_encrypted_pdf_is_refused(bad_pdfs: dict[str, Path]) -> None:
    result = import_pdf(bad_pdfs["encrypted"])
    assert result.text is None
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "pdf-encrypted"
    assert "needs a password" in diagnostic.message


def test_a_pdf_protected_only_against_editing_imports(bad_pdfs: dict[str, Path]) -> None:
    """An owner password without a user password restricts editing, not reading."""
    result = import_pdf(bad_pdfs["owner-only"])
    assert result.text is not None
    assert_only_running_lines_removed(result.diagnostics, result.pages)


def test_a_damaged_pdf_is_refused(bad_pdfs: dict[str, Path]) -> None:
    result = import_pdf(bad_pdfs["truncated"])
    assert result.text is None
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "pdf-unreadable"
    assert diagnostic.format().startswith(f"{bad_pdfs['truncated']}:0: ERROR: the PDF is damaged")


def test_a_pdf_that_is_not_a_clas_review_is_refused(bad_pdfs: dict[str, Path]) -> None:
    result = import_pdf(bad_pdfs["not-clas"])
    assert result.text is None
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "pdf-not-clas"
    assert diagnostic.message.endswith("(it opens with 'Trust board papers')")


def test_a_page_without_text_is_reported_not_dropped_silently(bad_pdfs: dict[str, Path]) -> None:
    result = import_pdf(bad_pdfs["pictured-page"])
    assert result.text is not None
    assert [d.format() for d in result.diagnostics if d.code != "pdf-furniture"] == [
        f"{bad_pdfs['pictured-page']}:0: WARNING: page 6 is a picture without a text layer (a "
        "scanned page?): nothing was imported from it; type its text into the imported file "
        "[pdf-page-no-text]"
    ]


def test_one_bad_pdf_never_stops_the_others(
    bad_pdfs: dict[str, Path],
    printed: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = printed[SEEDS[1].stem]
    names = [bad_pdfs["scanned"], good, bad_pdfs["truncated"], bad_pdfs["not-clas"]]
    status = main(["import", *map(str, names), "--out", str(tmp_path)])
    output = capsys.readouterr()
    assert status == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"{good.stem}.txt"]
    errors = output.err.splitlines()
    assert [line.rsplit("[", 1)[1] for line in errors] == [
        "pdf-no-text]",
        "pdf-furniture]",
        "pdf-furniture]",
        "pdf-unreadable]",
        "pdf-not-clas]",
    ]
    assert errors[1].startswith(f"{good}:0: INFO: removed the running header or footer 'Review")
    report = parsed(SEEDS[1])
    assert output.out.splitlines() == [
        f"{good} -> {tmp_path / good.name.replace('.pdf', '.txt')}: "
        f"{len(pdfium.PdfDocument(str(good)))} pages, "
        f"{2 * len(pdfium.PdfDocument(str(good)))} running header/footer lines removed; "
        f"{len(report.findings)} findings, {len(report.recommendations)} recommendations in "
        f"{len(report.groups)} groups"
    ]


def test_import_never_overwrites_unless_told(
    printed: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = printed[SEEDS[2].stem]
    target = tmp_path / f"{good.stem}.txt"
    target.write_text("edited by hand\n", encoding="utf-8")
    assert main(["import", str(good), "--out", str(tmp_path)]) == 1
    assert target.read_text(encoding="utf-8") == "edited by hand\n"
    assert capsys.readouterr().err == (
        f"{good}:0: ERROR: {target} already exists; remove it or import with --force to "
        "overwrite it [output-exists]\n"
    )
    assert main(["import", str(good), "--out", str(tmp_path), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("Review of health services")


def test_importing_twice_gives_the_same_text(printed: dict[str, Path]) -> None:
    path = printed[SEEDS[3].stem]
    first, second = import_pdf(path), import_pdf(path)
    assert first.text is not None
    assert first.text == second.text


def test_the_site_built_from_the_pdfs_is_the_site(
    imported: dict[str, Path], tmp_path: Path
) -> None:
    """Every generated page from the imported reports is the page from the originals (with
    the allowances :func:`tests.roundtrip.pages_that_differ` gives)."""
    assert pages_that_differ({seed: imported["cqc"] / seed.name for seed in SEEDS}, tmp_path) == []


def test_pdfplumber_gives_the_importer_the_same_text(printed: dict[str, Path]) -> None:
    """The benchmark's second library, through the same importer, reads the same report:
    the importer depends on glyphs, boxes and fonts, not on PDFium."""
    from build_tools.devtools.pdf_bench import read_glyphs_pdfplumber

    pdf = printed[SEEDS[0].stem]
    assert pdf_to_text(pdf, read_glyphs_pdfplumber)[0] == pdf_to_text(pdf)[0]


@pytest.fixture(scope="module")
def synthetic(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[Path, Path]]:
    """Reports the importer was not tuned on: synthetic ones (shuffled from the seeds' parts,
    with other areas, organisations, numbering and citations), each printed in both styles and
    imported; pairs of (original, imported)."""
    from build_tools.devtools.synthetic import generate

    sources = [item.path for item in generate(6, tmp_path_factory.mktemp("synthetic"), seed=7)]
    pairs: list[tuple[Path, Path]] = []
    for plain in (False, True):
        pdfs = make_pdfs(sources, tmp_path_factory.mktemp("synthetic-pdf"), browser, plain=plain)
        out = tmp_path_factory.mktemp("synthetic-imported")
        items = list(import_files(pdfs, out))
        for item in items:
            assert_only_running_lines_removed(item.diagnostics, item.pages)
        pairs.extend((source, out / source.name) for source in sources)
    return pairs


def test_synthetic_reports_round_trip(synthetic: list[tuple[Path, Path]]) -> None:
    for original_path, imported_path in synthetic:
        assert_same_items(original_path, imported_path)
